#include "algorithms/vr_marina.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "algorithms/marina_core.hpp"
#include "algorithms/stepsize.hpp"

namespace commsim::algo {
namespace {

std::unique_ptr<Algorithm> make(sim::JsonReader& cfg, const AlgorithmContext& ctx, bool online) {
  const Problem& problem = ctx.problem;
  const char* method = online ? "vr_marina_online" : "vr_marina";
  const StepsizeRule rule = read_stepsize(cfg);
  MarinaConfig c;
  c.estimator = online ? MarinaConfig::Estimator::online : MarinaConfig::Estimator::finite_sum;
  c.float_bits = read_float_bits(cfg);
  auto q = read_compressor(cfg, problem, c.float_bits);
  require_unbiased(*q, cfg, method);
  const auto d = problem.dim();
  const double n = problem.num_workers();
  const Eigen::Index m = min_local_samples(problem);
  const std::int64_t cap = online ? std::numeric_limits<std::int32_t>::max() : m;
  c.batch = read_batch(cfg, "batch", one_percent(m), cap,
                       online ? "the limit" : "the smallest local sample count");
  double reference = static_cast<double>(m);
  if (online) {
    c.large_batch =
        read_batch(cfg, "large_batch", m, std::numeric_limits<std::int32_t>::max(), "the limit");
    reference = c.large_batch;
  }
  const double omega = q->omega(d);
  const double zeta = q->expected_nonzeros(d);
  const double b = c.batch;
  const double p_theory = std::min(zeta / static_cast<double>(d), b / (reference + b));
  c.p = read_probability(cfg, "p", p_theory);
  c.initial_exchange = cfg.boolean("initial_exchange", true);
  c.shared_compressor_seed = cfg.boolean("shared_compressor_seed", false);
  const double L = problem.constants().max_local;
  const double theory =
      1.0 / (L + std::sqrt((1.0 - c.p) / (c.p * n) * (omega * L * L + (1.0 + omega) * L * L / b)));
  c.stepsize = rule.resolve(theory, theory);
  nlohmann::json constants = {{"stepsize", c.stepsize},
                              {"stepsize_rule", rule.describe()},
                              {"stepsize_theory", theory},
                              {"p", c.p},
                              {"p_theory", p_theory},
                              {"omega", omega},
                              {"zeta", zeta},
                              {"L", L},
                              {"L_mean_squared", L},
                              {"n", problem.num_workers()},
                              {"m", m},
                              {"batch", c.batch},
                              {"compressor", q->name()},
                              {"initial_exchange", c.initial_exchange},
                              {"shared_compressor_seed", c.shared_compressor_seed},
                              {"float_bits", c.float_bits}};
  if (online) constants["large_batch"] = c.large_batch;
  return std::make_unique<MarinaAlgorithm>(problem, ctx.streams, std::move(q), c,
                                           std::move(constants));
}

}  // namespace

std::unique_ptr<Algorithm> make_vr_marina(sim::JsonReader& cfg, const AlgorithmContext& ctx) {
  return make(cfg, ctx, false);
}

std::unique_ptr<Algorithm> make_vr_marina_online(sim::JsonReader& cfg,
                                                 const AlgorithmContext& ctx) {
  return make(cfg, ctx, true);
}

}  // namespace commsim::algo
