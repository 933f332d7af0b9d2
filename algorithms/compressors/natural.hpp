#pragma once
/// \file
/// Natural compression (Horváth et al.): every nonzero x_j is rounded at random to one of the two
/// powers of two around |x_j|, unbiasedly (to 2^(e+1) with probability (|x_j| − 2^e)/2^e), keeping
/// its sign. ω = 1/8. Bits: sign + exponent per coordinate, i.e. 9 per coordinate for 32-bit
/// floats and 12 for 64-bit ones (zero is one reserved exponent code), whatever the policy.

#include "algorithms/compressors/compressor.hpp"

namespace commsim::algo {

/// The natural compressor.
class Natural final : public Compressor {
 public:
  explicit Natural(int float_bits) : float_bits_(float_bits) {}
  sim::Bits compress(const Vector& x, sim::Rng& rng, const CompressionContext& ctx,
                     Vector& out) const override;
  double omega(Eigen::Index) const override { return 0.125; }
  std::string name() const override { return "natural"; }
  std::unique_ptr<Compressor> clone() const override { return std::make_unique<Natural>(*this); }
  /// Bits per coordinate: 1 sign bit + the exponent width of the float format.
  int bits_per_coordinate() const { return float_bits_ == 64 ? 12 : 9; }

 private:
  int float_bits_;
};

/// Natural has no keys of its own besides the common ones.
struct NaturalParams : CompressorCommon {};
/// The declaration of NaturalParams (the common keys only).
const sim::ParamsDecl<NaturalParams>& natural_params();
/// The `natural` registry factory.
std::unique_ptr<Compressor> make_natural(const sim::PartSpec& spec,
                                         const CompressorSettings& settings);

}  // namespace commsim::algo
