#pragma once
/// \file
/// EF21 (Richtárik, Sokolov, Fatkhullin 2021): error feedback for contractive (biased)
/// compressors such as TopK. After a setup exchange in which every worker sends g_i⁰ = ∇f_i(x⁰)
/// densely, each round the server broadcasts g^k densely; every node steps x^{k+1} = x^k − γ g^k;
/// worker i sends c_i = C(∇f_i(x^{k+1}) − g_i^k) and sets g_i ← g_i + c_i; the server sets
/// g ← g + mean(c_i). Roles: the AccumulatingServer without a sync coin and a TrackingWorker
/// (tracking_worker.hpp).
///
/// Keys: `compressor` (contractive: topk or identity; default identity), `stepsize` ("theory" =
/// "code" = 1/(L(1 + sqrt(β/θ))) with α = the contraction factor (K/d for TopK),
/// θ = 1 − sqrt(1 − α), β = (1 − α)/(1 − sqrt(1 − α)), L = max_i L_i), `float_bits`.

#include "algorithms/method_common.hpp"

namespace commsim::algo {

/// The `ef21` registry factory.
/// EF21's keys: only the compressed common ones.
struct Ef21Params : CompressedCommon {};
/// The declaration of Ef21Params.
const sim::ParamsDecl<Ef21Params>& ef21_params();
/// The `ef21` registry factory.
std::unique_ptr<Algorithm> make_ef21(const sim::PartSpec& spec, const AlgorithmContext& ctx);
/// The `ef21` shape check (k <= d, contractive compressor).
sim::Json check_ef21(const sim::PartSpec& spec, const ProblemShape& shape);

}  // namespace commsim::algo
