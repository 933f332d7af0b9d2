#pragma once
/// \file
/// Random dithering / QSGD with s levels: Q(x)_j = ‖x‖·sign(x_j)·ℓ_j/s, where ℓ_j rounds
/// s·|x_j|/‖x‖ at random to one of its two neighbouring integers, unbiasedly. The norm is ℓ2
/// (QSGD, ω = min(d/s², √d/s)) or ℓ∞ (ω = min(d/(4s²), √d/s): each coordinate's variance is
/// at most (‖x‖∞/s)² min(1/4, s|x_j|/‖x‖∞)).
///
/// Bits: one float for the norm plus, per coordinate, a sign bit and ⌈log₂(s+1)⌉ bits of level.
/// `paper` and `shared_seed` count every coordinate (dense code: float_bits + d(1 + ⌈log₂(s+1)⌉));
/// `explicit_indices` codes only the nonzero outputs: float_bits + nnz(1 + ⌈log₂(s+1)⌉) +
/// min(nnz⌈log₂ d⌉, d).

#include "algorithms/compressors/compressor.hpp"

namespace commsim::algo {

/// Dithering's keys.
struct DitheringParams : CompressorCommon {
  std::int64_t levels = 1;  ///< s, 1 ≤ s ≤ 2^24
  bool linf = false;        ///< norm: false = ℓ2 (QSGD), true = ℓ∞
};

/// The random dithering compressor.
class Dithering final : public Compressor {
 public:
  Dithering(int levels, bool linf, const CompressorSettings& settings)
      : levels_(levels), linf_(linf), settings_(settings) {}
  sim::Bits compress(const Vector& x, sim::Rng& rng, const CompressionContext& ctx,
                     Vector& out) const override;
  double omega(Eigen::Index dim) const override;
  std::string name() const override { return "dithering"; }
  std::unique_ptr<Compressor> clone() const override { return std::make_unique<Dithering>(*this); }
  /// Bits of one coded coordinate: sign + level.
  std::uint64_t bits_per_coordinate() const;

 private:
  int levels_;
  bool linf_;
  CompressorSettings settings_;
};

/// The declaration of DitheringParams: `levels` (integer, 1 ≤ s ≤ 2^24, default 1), `norm`
/// ("l2" | "linf", default "l2").
const sim::ParamsDecl<DitheringParams>& dithering_params();
/// The `dithering` registry factory.
std::unique_ptr<Compressor> make_dithering(const sim::PartSpec& spec,
                                           const CompressorSettings& settings);

}  // namespace commsim::algo
