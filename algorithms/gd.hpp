#pragma once
/// \file
/// Gradient descent as server + worker roles (paper_spec.md §3, GD): the server broadcasts x^k
/// densely, every worker sends ∇f_i(x^k) densely, and the server steps
/// x^{k+1} = x^k − γ (1/n) Σ ∇f_i(x^k), with γ = 1/L ("theory": L = max_i L_i, the code's L_task).

#include "algorithms/method_common.hpp"

namespace commsim::algo {

/// GD's keys: only the common ones (stepsize, float_bits).
struct GdParams : MethodCommon {};
/// The declaration of GdParams.
const sim::ParamsDecl<GdParams>& gd_params();
/// Every worker sends one oracle call's gradient at x^k densely; the server averages and steps
/// with `stepsize`. GD with exact oracles, minibatch SGD with stochastic ones; `constants` go to
/// summary.json.
std::unique_ptr<Algorithm> make_averaging_method(const Problem& problem, double stepsize,
                                                 int float_bits, nlohmann::json constants);
/// The `gd` registry factory (nothing depends on the shape).
std::unique_ptr<Algorithm> make_gd(const sim::PartSpec& spec, const AlgorithmContext& ctx);

}  // namespace commsim::algo
