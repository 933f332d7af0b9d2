#include "algorithms/pp_marina.hpp"

#include <cmath>

#include <fmt/format.h>

#include "algorithms/marina_core.hpp"
#include "algorithms/stepsize.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::algo {

std::unique_ptr<Algorithm> make_pp_marina(sim::JsonReader& cfg, const AlgorithmContext& ctx) {
  const Problem& problem = ctx.problem;
  const StepsizeRule rule = read_stepsize(cfg);
  MarinaConfig c;
  c.float_bits = read_float_bits(cfg);
  auto q = read_compressor(cfg, problem, c.float_bits);
  require_unbiased(*q, cfg, "pp_marina");
  const int n = problem.num_workers();
  const std::int64_t r = cfg.integer("r", std::nullopt);
  if (r < 1 || r > n) {
    throw ConfigError(cfg.path_of("r"),
                      fmt::format("{} clients per round is not in [1, n = {}]", r, n));
  }
  c.clients = static_cast<int>(r);
  c.with_replacement =
      cfg.choice("sampling", "with_replacement", {"with_replacement", "without_replacement"}) ==
      "with_replacement";
  const auto d = problem.dim();
  const double omega = q->omega(d);
  const double zeta = q->expected_nonzeros(d);
  const double p_theory = zeta * static_cast<double>(r) / (static_cast<double>(d) * n);
  c.p = read_probability(cfg, "p", p_theory);
  c.initial_exchange = cfg.boolean("initial_exchange", true);
  c.sample_available_only = cfg.boolean("sample_available_only", false);
  const double L = problem.constants().max_local;
  const double theory =
      1.0 / (L * (1.0 + std::sqrt((1.0 - c.p) * (1.0 + omega) / (c.p * static_cast<double>(r)))));
  c.stepsize = rule.resolve(theory, theory);
  nlohmann::json constants = {
      {"stepsize", c.stepsize},
      {"stepsize_rule", rule.describe()},
      {"stepsize_theory", theory},
      {"p", c.p},
      {"p_theory", p_theory},
      {"omega", omega},
      {"zeta", zeta},
      {"L", L},
      {"n", n},
      {"r", r},
      {"sampling", c.with_replacement ? "with_replacement" : "without_replacement"},
      {"compressor", q->name()},
      {"initial_exchange", c.initial_exchange},
      {"sample_available_only", c.sample_available_only},
      {"float_bits", c.float_bits}};
  return std::make_unique<MarinaAlgorithm>(problem, ctx.streams, std::move(q), c,
                                           std::move(constants));
}

}  // namespace commsim::algo
