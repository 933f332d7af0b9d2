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

#include "algorithms/builtin.hpp"

namespace commsim::algo {

/// The `marina` registry factory.
std::unique_ptr<Algorithm> make_marina(sim::JsonReader& cfg, const AlgorithmContext& ctx);

}  // namespace commsim::algo
