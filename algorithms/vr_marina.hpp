#pragma once
/// \file
/// VR-MARINA (paper_spec.md §3, Algorithm 2; roles in marina_core.hpp).
///
/// `vr_marina` (finite sum): sync rounds send the full local gradient (m sample gradients);
/// compressed rounds send Q((1/b')Σ_{j∈I'}[∇f_ij(x^{k+1}) − ∇f_ij(x^k)]) with I' of b' local
/// samples drawn without replacement (stream "sampling") and used at both points (2b' sample
/// gradients). Keys: `batch` b' (default ⌈0.01 m⌉, 1 ≤ b' ≤ min_i m_i), `p` ("theory" =
/// min(ζ_Q/d, b'/(m + b')), m = min_i m_i), `stepsize` ("theory" = "code" = Theorem 3.1
/// γ = 1/(L + sqrt((1−p)/(pn)·(ωL² + (1+ω)ℒ²/b'))) with ℒ := L = max_i L_i as in the code),
/// plus `compressor`, `initial_exchange`, `shared_compressor_seed`, `float_bits` as for marina.
///
/// `vr_marina_online`: as above but every sample is drawn with replacement from the local data
/// (its stand-in for D_i): sync rounds and g⁰ use a fresh batch of `large_batch` b (default m),
/// compressed rounds `batch` b' (default ⌈0.01 m⌉); p theory = min(ζ_Q/d, b'/(b + b')).

#include "algorithms/marina.hpp"

namespace commsim::algo {

/// VR-MARINA's keys: MARINA's plus the minibatch b' (default ⌈0.01 m⌉).
struct VrMarinaParams : MarinaParams {
  std::optional<std::int64_t> batch;
};
/// Online VR-MARINA's keys: also the sync-round batch b (default m).
struct VrMarinaOnlineParams : VrMarinaParams {
  std::optional<std::int64_t> large_batch;
};
/// The declarations of both.
const sim::ParamsDecl<VrMarinaParams>& vr_marina_params();
const sim::ParamsDecl<VrMarinaOnlineParams>& vr_marina_online_params();
/// The `vr_marina` and `vr_marina_online` registry factories.
std::unique_ptr<Algorithm> make_vr_marina(const sim::PartSpec& spec, const AlgorithmContext& ctx);
std::unique_ptr<Algorithm> make_vr_marina_online(const sim::PartSpec& spec,
                                                 const AlgorithmContext& ctx);
/// Their shape checks (k <= d, unbiased compressor, batch <= m offline); record the batches.
sim::Json check_vr_marina(const sim::PartSpec& spec, const ProblemShape& shape);
sim::Json check_vr_marina_online(const sim::PartSpec& spec, const ProblemShape& shape);

}  // namespace commsim::algo
