#pragma once
/// \file
/// DASHA (Tyurin & Richtárik 2022), gradient setting: MARINA without sync rounds, with a
/// momentum on the compressed message. After a setup exchange (every worker sends
/// h_i⁰ = g_i⁰ = ∇f_i(x⁰) densely), each round the server broadcasts g^k densely; every node
/// steps x^{k+1} = x^k − γ g^k; worker i computes h_i' = ∇f_i(x^{k+1}), sends
/// m_i = Q(h_i' − h_i − a(g_i − h_i)), sets g_i ← g_i + m_i, h_i ← h_i'; the server sets
/// g ← g + mean(m_i). Roles: the AccumulatingServer without a sync coin and a TrackingWorker
/// (tracking_worker.hpp).
///
/// Keys: `compressor` (unbiased), `momentum` a ("theory" = 1/(2ω + 1), or a number in (0, 1]),
/// `stepsize` ("theory" = "code" = Theorem 6.1 γ = 1/(L + sqrt(16ω(2ω+1)/n)·L̂) with
/// L = max_i L_i, L̂ = sqrt((1/n)Σ L_i²)), `float_bits`.

#include "algorithms/method_common.hpp"

namespace commsim::algo {

/// The `dasha` registry factory.
/// DASHA's keys: the compressed common ones plus the momentum.
struct DashaParams : CompressedCommon {
  Probability momentum;  ///< "theory" = 1/(2 omega + 1)
};
/// The declaration of DashaParams.
const sim::ParamsDecl<DashaParams>& dasha_params();
/// The `dasha` registry factory.
std::unique_ptr<Algorithm> make_dasha(const sim::PartSpec& spec, const AlgorithmContext& ctx);
/// The `dasha` shape check (k <= d, unbiased compressor).
sim::Json check_dasha(const sim::PartSpec& spec, const ProblemShape& shape);

}  // namespace commsim::algo
