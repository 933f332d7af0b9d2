#include "algorithms/stochastic_theory.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"

namespace commsim::algo {

sim::KeyDecl theory_count_key(const std::string& key, const std::string& help) {
  sim::KeyDecl d;
  d.path = key;
  d.kind = sim::KeyDecl::Kind::any;
  d.type_text = "\"theory\" | integer >= 1";
  d.def = "theory";
  d.help = help;
  return d;
}

sim::Json parse_theory_count(const sim::Json* v, const std::string& path, TheoryCount& out) {
  out.value.reset();
  if (!v || (v->is_string() && *v == "theory")) return "theory";
  if (!v->is_number_integer() && !v->is_number_unsigned())
    throw ConfigError(path,
                      fmt::format("expected \"theory\" or an integer >= 1, got {}", v->dump()));
  if (v->is_number_unsigned() ? v->get<std::uint64_t>() > 1'000'000'000'000u
                              : v->get<std::int64_t>() < 1)
    throw ConfigError(path, fmt::format("{} must be >= 1 and <= 1e12", v->dump()));
  out.value = v->get<std::int64_t>();
  return *v;
}

NoiseTarget resolve_noise_target(const StochasticCommon& p, const Problem& problem,
                                 const char* what) {
  NoiseTarget t;
  const std::optional<double> s = p.sigma_sq ? p.sigma_sq : problem.noise_variance();
  if (!s)
    throw ConfigError(sim::join_path(p.path, "sigma_sq"),
                      fmt::format("{} needs the oracle variance sigma^2: give sigma_sq, or "
                                  "problem.noise, or a number instead of \"theory\"",
                                  what));
  t.sigma_sq = *s;
  if (t.sigma_sq > 0.0) {
    if (!p.eps)
      throw ConfigError(sim::join_path(p.path, "eps"),
                        fmt::format("{} needs the target eps (||grad f||^2) since sigma^2 = {} > 0",
                                    what, t.sigma_sq));
    t.eps = *p.eps;
  }
  return t;
}

std::int64_t noise_to_target_ratio(const NoiseTarget& t) {
  if (t.sigma_sq <= 0.0) return 1;
  const double r = std::ceil(t.sigma_sq / t.eps);
  return r >= 1e12 ? 1'000'000'000'000 : std::max<std::int64_t>(1, static_cast<std::int64_t>(r));
}

double batch_sgd_stepsize(double L, std::int64_t batch, const NoiseTarget& t) {
  const double deterministic = 1.0 / L;
  if (t.sigma_sq <= 0.0) return deterministic;
  return std::min(deterministic, t.eps * static_cast<double>(batch) / (2.0 * L * t.sigma_sq));
}

void CountAndStepsize::add_theory(nlohmann::json& constants) const {
  if (theory <= 0.0) return;
  constants["stepsize_theory"] = theory;
  constants["sigma_sq"] = target.sigma_sq;
  constants["eps"] = target.eps;
}

CountAndStepsize resolve_count_and_stepsize(
    const StochasticCommon& params, const TheoryCount& count, const Problem& problem,
    const char* what, double (*theory_stepsize)(double, std::int64_t, const NoiseTarget&)) {
  CountAndStepsize r;
  const bool needs_theory = !count.value || params.stepsize.kind != StepsizeRule::Kind::fixed;
  if (needs_theory) r.target = resolve_noise_target(params, problem, what);
  r.count = count.value.value_or(noise_to_target_ratio(r.target));
  if (needs_theory) r.theory = theory_stepsize(problem.constants().max_local, r.count, r.target);
  r.stepsize = params.stepsize.resolve(r.theory, r.theory);
  return r;
}

}  // namespace commsim::algo
