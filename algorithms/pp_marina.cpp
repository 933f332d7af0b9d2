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
  const Problem& problem = ctx.problem;
  const auto& params = spec.get<PpMarinaParams>();
  const StepsizeRule rule = params.stepsize;
  MarinaConfig c;
  AccumulatingConfig& s = c.server;
  s.float_bits = params.float_bits;
  auto q = shaped_compressor(params, shape_of(problem), s.float_bits, "pp_marina");
  const int n = problem.num_workers();
  const std::int64_t r = params.r;
  const auto d = problem.dim();
  const double omega = q->omega(d);
  const double zeta = q->expected_nonzeros(d);
  const double p_theory = zeta * static_cast<double>(r) / (static_cast<double>(d) * n);
  const double p = params.p.resolve(p_theory);
  s.sync_coin = p;
  s.initial_exchange = params.initial_exchange;
  const bool with_replacement = params.with_replacement;
  s.sampler = params.sample_available_only
                  ? available_clients(static_cast<int>(r), with_replacement)
                  : uniform_clients(static_cast<int>(r), with_replacement);
  const double L = problem.constants().max_local;
  const double theory =
      1.0 / (L * (1.0 + std::sqrt((1.0 - p) * (1.0 + omega) / (p * static_cast<double>(r)))));
  s.stepsize = rule.resolve(theory, theory);
  nlohmann::json constants = {
      {"stepsize", s.stepsize},
      {"stepsize_rule", rule.describe()},
      {"stepsize_theory", theory},
      {"p", p},
      {"p_theory", p_theory},
      {"omega", omega},
      {"zeta", zeta},
      {"L", L},
      {"n", n},
      {"r", r},
      {"sampling", with_replacement ? "with_replacement" : "without_replacement"},
      {"compressor", q->name()},
      {"initial_exchange", s.initial_exchange},
      {"sample_available_only", params.sample_available_only},
      {"float_bits", s.float_bits}};
  return make_marina_algorithm(problem, ctx.streams, std::move(q), std::move(c),
                               std::move(constants));
}

}  // namespace commsim::algo
