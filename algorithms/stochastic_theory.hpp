#pragma once
/// \file
/// Keys and theory constants shared by the stochastic-gradient methods (minibatch SGD, Rennala,
/// Malenia, Ringmaster). Their theorems are stated for a target ε on E‖∇f(x)‖² and an oracle
/// variance σ² = E‖g − ∇f_i(x)‖²: `eps` is the target, `sigma_sq` overrides the problem's σ²
/// (known when the scenario gives problem.noise). With σ² = 0 every rule below is the
/// deterministic one (batch 1, stepsize 1/L) and ε is not needed.

#include <cstdint>
#include <optional>

#include "algorithms/method_common.hpp"

namespace commsim::algo {

struct StochasticCommon : MethodCommon {
  std::optional<double> eps;       ///< target ‖∇f‖² of the theory rules
  std::optional<double> sigma_sq;  ///< the oracle variance; absent: the problem's
};

/// A count key: "theory" (absent) or an integer >= 1.
struct TheoryCount {
  std::optional<std::int64_t> value;  ///< nullopt: "theory"
};
sim::KeyDecl theory_count_key(const std::string& key, const std::string& help);
sim::Json parse_theory_count(const sim::Json* value, const std::string& path, TheoryCount& out);

/// Adds `stepsize`, `float_bits`, `eps` and `sigma_sq`.
template <class P>
sim::ParamsDecl<P>& declare_stochastic_common(sim::ParamsDecl<P>& decl) {
  declare_method_common(decl);
  decl.optional_number("eps", &StochasticCommon::eps,
                       "target ||grad f||^2 of the theory batch size, threshold and stepsize",
                       sim::Range::above(0.0));
  return decl.optional_number("sigma_sq", &StochasticCommon::sigma_sq,
                              "oracle variance sigma^2 (absent: problem.noise's variance)",
                              sim::Range::at_least(0.0));
}

/// The σ² and ε a theory rule uses: σ² from `sigma_sq` or the problem, else a ConfigError at
/// `<path>.sigma_sq`; ε required (ConfigError at `<path>.eps`) only when σ² > 0. `what` names the
/// rule in the messages.
struct NoiseTarget {
  double sigma_sq = 0.0;
  double eps = 0.0;  ///< unused (0) when sigma_sq == 0
};
NoiseTarget resolve_noise_target(const StochasticCommon& params, const Problem& problem,
                                 const char* what);

/// max(⌈σ²/ε⌉, 1): Rennala's batch S and Ringmaster's delay threshold R.
std::int64_t noise_to_target_ratio(const NoiseTarget& t);
/// SGD with a batch of S gradients (Tyurin & Richtárik 2023, Rennala's theorem; minibatch SGD
/// with S = n): γ = min{1/L, εS/(2Lσ²)}.
double batch_sgd_stepsize(double L, std::int64_t batch, const NoiseTarget& t);

/// A method's count (batch S, delay threshold R, or a fixed n) and stepsize, from its keys. The
/// noise target is resolved only when a theory rule is used: the count is "theory", or the
/// stepsize is not a number.
struct CountAndStepsize {
  std::int64_t count = 1;
  double stepsize = 0.0;
  double theory = 0.0;  ///< the theory stepsize (0: not computed)
  NoiseTarget target;
  /// Adds stepsize_theory, sigma_sq and eps to `constants` when a theory rule was used.
  void add_theory(nlohmann::json& constants) const;
};
/// `theory_stepsize(L, count, target)` is the method's theorem; L = max_i L_i.
CountAndStepsize resolve_count_and_stepsize(
    const StochasticCommon& params, const TheoryCount& count, const Problem& problem,
    const char* what, double (*theory_stepsize)(double, std::int64_t, const NoiseTarget&));

}  // namespace commsim::algo
