#include "algorithms/marina.hpp"

#include <cmath>

#include "algorithms/marina_core.hpp"
#include "algorithms/stepsize.hpp"

namespace commsim::algo {

std::unique_ptr<Algorithm> make_marina(sim::JsonReader& cfg, const AlgorithmContext& ctx) {
  const Problem& problem = ctx.problem;
  const StepsizeRule rule = read_stepsize(cfg);
  MarinaConfig c;
  c.float_bits = read_float_bits(cfg);
  auto q = read_compressor(cfg, problem, c.float_bits);
  require_unbiased(*q, cfg, "marina");
  const auto d = problem.dim();
  const double n = problem.num_workers();
  const double omega = q->omega(d);
  const double zeta = q->expected_nonzeros(d);
  const double p_theory = zeta / static_cast<double>(d);
  c.p = read_probability(cfg, "p", p_theory);
  c.initial_exchange = cfg.boolean("initial_exchange", true);
  c.shared_compressor_seed = cfg.boolean("shared_compressor_seed", false);
  const double L = problem.constants().max_local;
  const double theory = 1.0 / (L * (1.0 + std::sqrt((1.0 - c.p) * omega / (c.p * n))));
  const double code = 1.0 / (L * (1.0 + std::sqrt(omega * omega / n)));
  c.stepsize = rule.resolve(theory, code);
  nlohmann::json constants = {{"stepsize", c.stepsize},
                              {"stepsize_rule", rule.describe()},
                              {"stepsize_theory", theory},
                              {"stepsize_code", code},
                              {"p", c.p},
                              {"p_theory", p_theory},
                              {"omega", omega},
                              {"zeta", zeta},
                              {"L", L},
                              {"n", problem.num_workers()},
                              {"compressor", q->name()},
                              {"initial_exchange", c.initial_exchange},
                              {"shared_compressor_seed", c.shared_compressor_seed},
                              {"float_bits", c.float_bits}};
  return std::make_unique<MarinaAlgorithm>(problem, ctx.streams, std::move(q), c,
                                           std::move(constants));
}

}  // namespace commsim::algo
