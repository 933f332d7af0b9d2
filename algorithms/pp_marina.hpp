#pragma once
/// \file
/// PP-MARINA, partial participation (paper_spec.md §3–4; roles in marina_core.hpp). Sync rounds
/// (c_k = 1): all n clients send ∇f_i(x^{k+1}) densely. Compressed rounds: the server draws `r`
/// clients (stream "participation") i.i.d. uniformly with replacement (a client drawn twice sends
/// two independent compressions of its difference) or, with `sampling: "without_replacement"`,
/// r distinct ones; g^{k+1} = g^k + (1/r) Σ over the draws. Every client receives g^k and steps
/// x; a client idle since its last upload has a stale cached gradient and computes both
/// gradients when drawn (2m sample gradients, counted).
///
/// Keys: `r` (required, 1 ≤ r ≤ n), `sampling` ("with_replacement" default |
/// "without_replacement"), `p` ("theory" = ζ_Q·r/(d·n), = r/(n(1+ω)) for RandK), `stepsize`
/// ("theory" = "code" = Theorem 4.1 γ = 1/(L(1 + sqrt((1−p)(1+ω)/(pr)))), L = max_i L_i), and
/// `compressor`, `initial_exchange`, `float_bits` as for marina.

#include "algorithms/marina.hpp"

namespace commsim::algo {

/// The `pp_marina` registry factory.
/// PP-MARINA's keys: the MARINA common ones plus the participation sampling.
struct PpMarinaParams : MarinaCommon {
  std::int64_t r = 1;                  ///< clients per compressed round (required), 1 <= r <= n
  bool with_replacement = true;        ///< sampling
  bool sample_available_only = false;  ///< draw only among workers online now (biased)
};
/// The declaration of PpMarinaParams.
const sim::ParamsDecl<PpMarinaParams>& pp_marina_params();
/// The `pp_marina` registry factory.
std::unique_ptr<Algorithm> make_pp_marina(const sim::PartSpec& spec, const AlgorithmContext& ctx);
/// The `pp_marina` shape check (k <= d, unbiased compressor, 1 <= r <= n).
sim::Json check_pp_marina(const sim::PartSpec& spec, const ProblemShape& shape);

}  // namespace commsim::algo
