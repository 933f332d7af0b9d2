#pragma once
/// \file
/// RandK: a uniformly random K-subset S of coordinates, Q(x)_j = (d/K)·x_j on S and 0 elsewhere.
/// Unbiased with ω = d/K − 1 and ζ_Q = K. Bits: `sparse_bits(K, d, …)` under the policy.

#include <vector>

#include "algorithms/compressors/compressor.hpp"

namespace commsim::algo {

/// RandK's parameters: `k` coordinates (1 ≤ k ≤ d).
struct RandKParams {
  Eigen::Index k = 1;
};

/// The RandK sparsifier.
class RandK final : public Compressor {
 public:
  RandK(RandKParams params, const CompressorSettings& settings);
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

/// Reads `k` (integer, 1 ≤ k ≤ d) or `fraction` (in (0, 1]: k = max(1, round(fraction·d))),
/// exactly one of them; default k = 1.
Eigen::Index read_k(sim::JsonReader& cfg, Eigen::Index dim);

/// The `randk` registry factory.
std::unique_ptr<Compressor> make_randk(sim::JsonReader& cfg, const CompressorSettings& settings);

}  // namespace commsim::algo
