#pragma once
/// \file
/// Minibatch SGD, the synchronous baseline of the time-complexity comparisons: every worker
/// sends one stochastic gradient at x^k, the server waits for all n and steps
///   x^{k+1} = x^k − γ (1/n) Σ_i g_i(x^k).
/// It is GD's round with the problem's (stochastic) oracle; the theory stepsize is that of SGD
/// with a batch of n gradients, γ = min{1/L, εn/(2Lσ²)} (1/L when σ² = 0: then it is GD).

#include "algorithms/stochastic_theory.hpp"

namespace commsim::algo {

struct MinibatchSgdParams : StochasticCommon {};
const sim::ParamsDecl<MinibatchSgdParams>& minibatch_sgd_params();
std::unique_ptr<Algorithm> make_minibatch_sgd(const sim::PartSpec& spec,
                                              const AlgorithmContext& ctx);

}  // namespace commsim::algo
