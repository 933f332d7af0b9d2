#pragma once
/// \file
/// Gradient descent as server + worker roles (paper_spec.md §3, GD): the server broadcasts x^k
/// densely, every worker sends ∇f_i(x^k) densely, and the server steps
/// x^{k+1} = x^k − γ (1/n) Σ ∇f_i(x^k), with γ = 1/L ("theory": L = max_i L_i, the code's L_task).

#include "algorithms/builtin.hpp"

namespace commsim::algo {

/// The `gd` registry factory.
std::unique_ptr<Algorithm> make_gd(sim::JsonReader& cfg, const AlgorithmContext& ctx);

}  // namespace commsim::algo
