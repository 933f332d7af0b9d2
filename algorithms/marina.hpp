#pragma once
/// \file
/// MARINA (paper_spec.md §3, Algorithm 1; roles in marina_core.hpp). Keys of `algorithm`:
/// - `compressor` (object, default identity; must be unbiased),
/// - `p`: "theory" (default) = ζ_Q/d (Corollary 2.1; = 1/(1+ω) for RandK; 1 for dense
///   quantisers, so set p explicitly for natural/dithering) or a number in (0, 1],
/// - `stepsize`: "theory" (default) = Theorem 2.1 γ = 1/(L(1 + sqrt((1−p)ω/(pn)))) with
///   L = max_i L_i (the code's L_task); "code" = 1/(L(1 + sqrt(ω²/n))), equal to theory at
///   p = 1/(1+ω); {"theory_multiplier": m}; or a number,
/// - `initial_exchange` (default true): g⁰ = ∇f(x⁰) by a counted setup exchange in which every
///   worker sends ∇f_i(x⁰) densely; false = the server computes g⁰ from the oracles and nothing
///   is counted (the authors' code); workers then compute both gradients in their first
///   compressed round,
/// - `shared_compressor_seed` (default false): true = every worker uses the same compressor
///   stream, hence the same RandK mask each round (the authors' code, seed 35 everywhere),
/// - `float_bits` (32 | 64, default 32).

#include "algorithms/method_common.hpp"

namespace commsim::algo {

/// The `marina` registry factory.
/// The keys of every MARINA variant: the coin probability and the setup exchange.
struct MarinaCommon : CompressedCommon {
  Probability p;                 ///< "theory" = the variant's formula
  bool initial_exchange = true;  ///< g⁰ by a counted setup exchange
};

/// Adds the compressed common keys, `p` and `initial_exchange` (`P` derives from MarinaCommon).
template <class P>
sim::ParamsDecl<P>& declare_marina_common(sim::ParamsDecl<P>& d) {
  declare_compressed_common(d);
  d.template custom<Probability>(
      probability_key("p", "sync probability: \"theory\" or a number in (0, 1]"), &MarinaCommon::p,
      parse_probability);
  return d.boolean("initial_exchange", &MarinaCommon::initial_exchange, true,
                   "g0 by a counted setup exchange (else computed by the server)");
}

/// MARINA's keys (VR-MARINA adds its batches).
struct MarinaParams : MarinaCommon {
  bool shared_compressor_seed = false;  ///< one compressor stream for all workers (authors' code)
};

/// Adds MARINA's keys (`P` derives from MarinaParams).
template <class P>
sim::ParamsDecl<P>& declare_marina_keys(sim::ParamsDecl<P>& d) {
  declare_marina_common(d);
  return d.boolean("shared_compressor_seed", &MarinaParams::shared_compressor_seed, false,
                   "every worker draws from one compressor stream (the authors' code)");
}

/// The declaration of MarinaParams.
const sim::ParamsDecl<MarinaParams>& marina_params();
/// The `marina` registry factory.
std::unique_ptr<Algorithm> make_marina(const sim::PartSpec& spec, const AlgorithmContext& ctx);
/// The `marina` shape check (k <= d, unbiased compressor).
sim::Json check_marina(const sim::PartSpec& spec, const ProblemShape& shape);

}  // namespace commsim::algo
