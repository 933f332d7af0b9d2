#include "algorithms/pp_marina.hpp"

#include <cmath>

#include <fmt/format.h>

#include "algorithms/marina_core.hpp"
#include "algorithms/stepsize.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::algo {

const sim::ParamsDecl<PpMarinaParams>& pp_marina_params() {
  static const sim::ParamsDecl<PpMarinaParams> decl = [] {
    sim::ParamsDecl<PpMarinaParams> d;
    declare_marina_common(d);
    d.integer("r", &PpMarinaParams::r, std::nullopt, "clients per compressed round, 1 <= r <= n");
    d.choice("sampling", &PpMarinaParams::with_replacement,
             {{"with_replacement", true}, {"without_replacement", false}}, "with_replacement",
             "how the r clients are drawn");
    d.boolean("sample_available_only", &PpMarinaParams::sample_available_only, false,
              "draw only among the workers online now (biased)");
    return d;
  }();
  return decl;
}

sim::Json check_pp_marina(const sim::PartSpec& spec, const ProblemShape& shape) {
  const auto& p = spec.get<PpMarinaParams>();
  shaped_compressor(p, shape, p.float_bits, "pp_marina");
  if (p.r < 1 || p.r > shape.num_workers) {
    throw ConfigError(
        sim::join_path(p.path, "r"),
        fmt::format("{} clients per round is not in [1, n = {}]", p.r, shape.num_workers));
  }
  return sim::Json::object();
}

std::unique_ptr<Algorithm> make_pp_marina(const sim::PartSpec& spec, const AlgorithmContext& ctx) {
  const auto& params = spec.get<PpMarinaParams>();
  MarinaBuilder m(params, ctx.problem, "pp_marina");
  const int n = ctx.problem.num_workers();
  const std::int64_t r = params.r;
  const bool with_replacement = params.with_replacement;
  m.config.server.sampler = params.sample_available_only
                                ? available_clients(static_cast<int>(r), with_replacement)
                                : uniform_clients(static_cast<int>(r), with_replacement);
  const auto d = ctx.problem.dim();
  const double p =
      m.sync_probability(m.zeta * static_cast<double>(r) / (static_cast<double>(d) * n));
  const double theory =
      1.0 / (m.L * (1.0 + std::sqrt((1.0 - p) * (1.0 + m.omega) / (p * static_cast<double>(r)))));
  nlohmann::json constants = m.constants(theory, theory);
  constants["r"] = r;
  constants["sampling"] = with_replacement ? "with_replacement" : "without_replacement";
  constants["sample_available_only"] = params.sample_available_only;
  return m.build(ctx.streams, std::move(constants));
}

}  // namespace commsim::algo
