#pragma once
/// \file
/// Rennala SGD (Tyurin & Richtárik, NeurIPS 2023), event-driven. Every worker starts on x⁰ and
/// always computes on the newest point it was sent:
///
///   for k = 0, 1, …:  g = 0, s = 0
///     while s < S:  wait for the next arrival (gradient g_i computed at x^{k'})
///       if k' == k:  g += g_i, s += 1          (else discard it: computed at an older point)
///       send x^k to that worker
///     x^{k+1} = x^k − γ g / S
///
/// A worker that delivers gets the current point back at once; the others keep computing, and a
/// gradient that arrives after a step is discarded (its bits and time still count). Theory:
/// S = max(⌈σ²/ε⌉, 1), γ = min{1/L, εS/(2Lσ²)} with L = max_i L_i.

#include "algorithms/stochastic_theory.hpp"

namespace commsim::algo {

struct RennalaParams : StochasticCommon {
  TheoryCount batch;  ///< S
};
const sim::ParamsDecl<RennalaParams>& rennala_params();
std::unique_ptr<Algorithm> make_rennala_sgd(const sim::PartSpec& spec, const AlgorithmContext& ctx);

}  // namespace commsim::algo
