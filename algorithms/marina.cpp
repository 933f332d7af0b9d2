#include "algorithms/marina.hpp"

#include <cmath>

#include "algorithms/marina_core.hpp"
#include "algorithms/stepsize.hpp"

namespace commsim::algo {

const sim::ParamsDecl<MarinaParams>& marina_params() {
  static const sim::ParamsDecl<MarinaParams> decl = [] {
    sim::ParamsDecl<MarinaParams> d;
    declare_marina_keys(d);
    return d;
  }();
  return decl;
}

sim::Json check_marina(const sim::PartSpec& spec, const ProblemShape& shape) {
  const auto& p = spec.get<MarinaParams>();
  shaped_compressor(p, shape, p.float_bits, "marina");
  return sim::Json::object();
}

std::unique_ptr<Algorithm> make_marina(const sim::PartSpec& spec, const AlgorithmContext& ctx) {
  const auto& params = spec.get<MarinaParams>();
  MarinaBuilder m(params, ctx.problem, "marina");
  m.config.shared_compressor_seed = params.shared_compressor_seed;
  const double d = static_cast<double>(ctx.problem.dim());
  const double n = ctx.problem.num_workers();
  const double p = m.sync_probability(m.zeta / d);
  const double L = m.L, omega = m.omega;
  const double theory = 1.0 / (L * (1.0 + std::sqrt((1.0 - p) * omega / (p * n))));
  const double code = 1.0 / (L * (1.0 + std::sqrt(omega * omega / n)));
  nlohmann::json constants = m.constants(theory, code);
  constants["stepsize_code"] = code;
  constants["shared_compressor_seed"] = params.shared_compressor_seed;
  return m.build(ctx.streams, std::move(constants));
}

}  // namespace commsim::algo
