#pragma once
/// \file
/// TopK: keeps the K largest-magnitude coordinates unscaled (ties broken by the lower index).
/// Biased and contractive: ‖C(x) − x‖² ≤ (1 − K/d)‖x‖². Outside MARINA/DIANA theory (no
/// guarantee there); EF21's compressor. Its support is not random, so the `shared_seed` bit
/// policy counts explicit indices.

#include <vector>

#include "algorithms/compressors/sparsity.hpp"

namespace commsim::algo {

/// The TopK sparsifier (biased).
class TopK final : public Compressor {
 public:
  TopK(Eigen::Index k, const CompressorSettings& settings);
  sim::Bits compress(const Vector& x, sim::Rng& rng, const CompressionContext& ctx,
                     Vector& out) const override;
  double omega(Eigen::Index) const override;
  bool is_unbiased() const override { return false; }
  double expected_nonzeros(Eigen::Index) const override { return static_cast<double>(k_); }
  std::optional<double> contraction(Eigen::Index dim) const override {
    return static_cast<double>(k_) / static_cast<double>(dim);
  }
  std::string name() const override { return "topk"; }
  std::unique_ptr<Compressor> clone() const override { return std::make_unique<TopK>(*this); }

 private:
  Eigen::Index k_;
  CompressorSettings settings_;
  mutable std::vector<std::uint32_t> order_;
};

/// TopK's keys: `k` or `fraction`, as for randk.
struct TopKParams : SparsityParams {};
/// The declaration of TopKParams.
const sim::ParamsDecl<TopKParams>& topk_params();
/// The `topk` registry factory (k ≤ d checked here).
std::unique_ptr<Compressor> make_topk(const sim::PartSpec& spec,
                                      const CompressorSettings& settings);

}  // namespace commsim::algo
