#pragma once
/// \file
/// Asynchronous SGD (event-driven). Every worker starts on x⁰; on each arrival of a gradient g
/// computed at x^{k−δ} (δ: the server steps since that worker read its point) the server steps
///   x^{k+1} = x^k − γ g
/// and sends x^{k+1} to that worker only, which computes its next gradient there. Fast workers
/// step often with fresh gradients, slow ones rarely with stale ones: no waiting, no discarding.
/// The stepsize is a required number: the theory of this method (Koloskova et al. 2022,
/// Mishchenko et al. 2022) bounds it by the delays or the number of workers, which commsim does
/// not know before the run; Ringmaster ASGD is the variant with a theory step.

#include "algorithms/method_common.hpp"

namespace commsim::algo {

struct AsgdParams : MethodCommon {};
const sim::ParamsDecl<AsgdParams>& asgd_params();
/// Refuses a stepsize that is not a number.
sim::Json check_asgd(const sim::PartSpec& spec, const ProblemShape& shape);
std::unique_ptr<Algorithm> make_asgd(const sim::PartSpec& spec, const AlgorithmContext& ctx);

/// `<path>.stepsize` must be a number for `method` (no theory step to scale).
void require_fixed_stepsize(const MethodCommon& params, const char* method);

}  // namespace commsim::algo
