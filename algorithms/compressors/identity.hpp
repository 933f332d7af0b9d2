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

/// Identity has no keys of its own besides the common ones.
struct IdentityParams : CompressorCommon {};
/// The declaration of IdentityParams (the common keys only).
const sim::ParamsDecl<IdentityParams>& identity_params();
/// The `identity` registry factory.
std::unique_ptr<Compressor> make_identity(const sim::PartSpec& spec,
                                          const CompressorSettings& settings);

}  // namespace commsim::algo
