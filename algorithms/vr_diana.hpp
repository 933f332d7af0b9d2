#pragma once
/// \file
/// VR-DIANA, loopless-SVRG form (paper_spec.md §3). Worker i keeps a shift h_i (0 at start), a
/// reference point w_i (x⁰) and ∇f_i(w_i) (computed in its first round: m sample gradients).
/// Each round the server broadcasts x^k and a coin u_k ~ Bernoulli(1/M), M = m/b' (as
/// `full_sync`); the worker draws b' local samples without replacement (stream "sampling"),
/// forms ĝ_i = (1/b')Σ_{j∈I}[∇f_ij(x^k) − ∇f_ij(w_i)] + ∇f_i(w_i), sends m_i = Q(ĝ_i − h_i),
/// sets h_i ← h_i + α m_i and, if u_k = 1, w_i ← x^k and recomputes ∇f_i(w_i) (m more). The
/// server is DIANA's. Gradients are taken at the broadcast x^k (the authors' code bug of
/// evaluating at 0 is not reproduced).
///
/// Keys: `batch` b' (default ⌈0.01 m⌉, 1 ≤ b' ≤ m, m = min_i m_i), `refresh_probability`
/// ("theory" = b'/m = 1/M, or a number in (0, 1]), `alpha` ("theory" = 1/(1+ω)), `estimator`
/// ("paper" | "code"), `stepsize` ("theory" = "code" = 1/(10·L·sqrt(1 + ω/n)·(M^{2/3} + ω + 1))),
/// `compressor` (unbiased), `float_bits`.

#include "algorithms/diana.hpp"

namespace commsim::algo {

/// The `vr_diana` registry factory.
/// VR-DIANA's keys: DIANA's plus the minibatch and the reference-point coin.
struct VrDianaParams : DianaParams {
  std::optional<std::int64_t> batch;  ///< b' (default ⌈0.01 m⌉)
  Probability refresh;                ///< refresh_probability ("theory" = b'/m)
};
/// The declaration of VrDianaParams.
const sim::ParamsDecl<VrDianaParams>& vr_diana_params();
/// The `vr_diana` registry factory.
std::unique_ptr<Algorithm> make_vr_diana(const sim::PartSpec& spec, const AlgorithmContext& ctx);
/// The `vr_diana` shape check (k <= d, unbiased compressor, batch <= m); records the batch.
sim::Json check_vr_diana(const sim::PartSpec& spec, const ProblemShape& shape);

}  // namespace commsim::algo
