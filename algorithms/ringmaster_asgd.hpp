#pragma once
/// \file
/// Ringmaster ASGD (Maranjyan, Tyurin & Richtárik, ICML 2025), event-driven: asynchronous SGD
/// that ignores gradients that are too stale.
///
///   every worker starts on x⁰; on each arrival of g computed at x^{k−δ}:
///     if δ < R:  x^{k+1} = x^k − γ g       (a step)
///     else:      discard g
///     send the current point to that worker
///
/// With `stop_stale_computations` (the paper's variant with calculation stops), a step that makes
/// a worker's computation in progress reach delay R sends that worker the current point with a
/// restart: the stale computation is abandoned (not counted) instead of finished and discarded.
/// Theory: R = max(1, ⌈σ²/ε⌉), γ = min{1/(2RL), ε/(4Lσ²)} with L = max_i L_i.

#include "algorithms/stochastic_theory.hpp"

namespace commsim::algo {

struct RingmasterParams : StochasticCommon {
  TheoryCount delay_threshold;  ///< R
  bool stop_stale_computations = false;
};
const sim::ParamsDecl<RingmasterParams>& ringmaster_params();
std::unique_ptr<Algorithm> make_ringmaster_asgd(const sim::PartSpec& spec,
                                                const AlgorithmContext& ctx);
/// γ = min{1/(2RL), ε/(4Lσ²)} (1/(2RL) when σ² = 0).
double ringmaster_stepsize(double L, std::int64_t threshold, const NoiseTarget& t);

}  // namespace commsim::algo
