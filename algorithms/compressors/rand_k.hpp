#pragma once
/// \file
/// RandK: a uniformly random K-subset S of coordinates, Q(x)_j = (d/K)·x_j on S and 0 elsewhere.
/// Unbiased with ω = d/K − 1 and ζ_Q = K. Bits: `sparse_bits(K, d, …)` under the policy.

#include <vector>

#include "algorithms/compressors/sparsity.hpp"

namespace commsim::algo {

/// RandK's keys: `k` or `fraction` (see sparsity.hpp).
struct RandKParams : SparsityParams {};

/// The RandK sparsifier.
class RandK final : public Compressor {
 public:
  RandK(Eigen::Index k, const CompressorSettings& settings);
  sim::Bits compress(const Vector& x, sim::Rng& rng, const CompressionContext& ctx,
                     Vector& out) const override;
  double omega(Eigen::Index dim) const override {
    return static_cast<double>(dim) / static_cast<double>(k_) - 1.0;
  }
  double expected_nonzeros(Eigen::Index) const override { return static_cast<double>(k_); }
  std::string name() const override { return "randk"; }
  std::unique_ptr<Compressor> clone() const override { return std::make_unique<RandK>(*this); }
  Eigen::Index k() const { return k_; }

 private:
  Eigen::Index k_;
  CompressorSettings settings_;
  mutable std::vector<std::uint32_t> indices_, scratch_;
};

/// The declaration of RandKParams.
const sim::ParamsDecl<RandKParams>& randk_params();

/// The `randk` registry factory (k ≤ d checked here).
std::unique_ptr<Compressor> make_randk(const sim::PartSpec& spec,
                                       const CompressorSettings& settings);

}  // namespace commsim::algo
