#pragma once
/// \file
/// The identity compressor: Q(x) = x, ω = 0, d dense floats.

#include "algorithms/compressors/compressor.hpp"

namespace commsim::algo {

/// Sends x unchanged (dense): float_bits · d bits whatever the policy.
class Identity final : public Compressor {
 public:
  explicit Identity(int float_bits) : float_bits_(float_bits) {}
  sim::Bits compress(const Vector& x, sim::Rng& rng, const CompressionContext& ctx,
                     Vector& out) const override;
  double omega(Eigen::Index) const override { return 0.0; }
  std::optional<double> contraction(Eigen::Index) const override { return 1.0; }
  std::string name() const override { return "identity"; }
  std::unique_ptr<Compressor> clone() const override { return std::make_unique<Identity>(*this); }

 private:
  int float_bits_;
};

/// The `identity` registry factory (no keys).
std::unique_ptr<Compressor> make_identity(sim::JsonReader& cfg, const CompressorSettings& settings);

}  // namespace commsim::algo
