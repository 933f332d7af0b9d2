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
  const Problem& problem = ctx.problem;
  const auto& params = spec.get<MarinaParams>();
  const StepsizeRule rule = params.stepsize;
  MarinaConfig c;
  AccumulatingConfig& s = c.server;
  s.float_bits = params.float_bits;
  auto q = shaped_compressor(params, shape_of(problem), s.float_bits, "marina");
  const auto d = problem.dim();
  const double n = problem.num_workers();
  const double omega = q->omega(d);
  const double zeta = q->expected_nonzeros(d);
  const double p_theory = zeta / static_cast<double>(d);
  const double p = params.p.resolve(p_theory);
  s.sync_coin = p;
  s.initial_exchange = params.initial_exchange;
  c.shared_compressor_seed = params.shared_compressor_seed;
  const double L = problem.constants().max_local;
  const double theory = 1.0 / (L * (1.0 + std::sqrt((1.0 - p) * omega / (p * n))));
  const double code = 1.0 / (L * (1.0 + std::sqrt(omega * omega / n)));
  s.stepsize = rule.resolve(theory, code);
  nlohmann::json constants = {{"stepsize", s.stepsize},
                              {"stepsize_rule", rule.describe()},
                              {"stepsize_theory", theory},
                              {"stepsize_code", code},
                              {"p", p},
                              {"p_theory", p_theory},
                              {"omega", omega},
                              {"zeta", zeta},
                              {"L", L},
                              {"n", problem.num_workers()},
                              {"compressor", q->name()},
                              {"initial_exchange", s.initial_exchange},
                              {"shared_compressor_seed", c.shared_compressor_seed},
                              {"float_bits", s.float_bits}};
  return make_marina_algorithm(problem, ctx.streams, std::move(q), std::move(c),
                               std::move(constants));
}

}  // namespace commsim::algo
