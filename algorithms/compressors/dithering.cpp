#include "algorithms/compressors/dithering.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"

namespace commsim::algo {

std::uint64_t Dithering::bits_per_coordinate() const {
  std::uint64_t width = 0;
  while ((std::uint64_t{1} << width) < static_cast<std::uint64_t>(levels_) + 1) ++width;
  return 1 + width;
}

double Dithering::omega(Eigen::Index dim) const {
  const double d = static_cast<double>(dim), s = levels_;
  return linf_ ? std::min(d / (4.0 * s * s), std::sqrt(d) / s)
               : std::min(d / (s * s), std::sqrt(d) / s);
}

sim::Bits Dithering::compress(const Vector& x, sim::Rng& rng, const CompressionContext&,
                              Vector& out) const {
  const Eigen::Index d = x.size();
  const double norm = linf_ ? x.lpNorm<Eigen::Infinity>() : x.norm();
  out.setZero(d);
  std::uint64_t nonzeros = 0;
  if (norm > 0.0) {
    const double s = levels_;
    for (Eigen::Index j = 0; j < d; ++j) {
      const double u = s * std::abs(x[j]) / norm;
      double level = std::floor(u);
      if (rng.uniform() < u - level) level += 1.0;
      if (level == 0.0) continue;
      out[j] = (std::signbit(x[j]) ? -norm : norm) * level / s;
      ++nonzeros;
    }
  }
  const auto fb = static_cast<sim::Bits>(settings_.float_bits);
  if (settings_.policy == BitPolicy::explicit_indices) {
    return fb + nonzeros * bits_per_coordinate() +
           std::min<std::uint64_t>(nonzeros * index_bits(d), static_cast<std::uint64_t>(d));
  }
  return fb + static_cast<sim::Bits>(d) * bits_per_coordinate();
}

const sim::ParamsDecl<DitheringParams>& dithering_params() {
  static const sim::ParamsDecl<DitheringParams> decl = [] {
    sim::ParamsDecl<DitheringParams> d;
    declare_compressor_common(d);
    d.integer("levels", &DitheringParams::levels, 1, "quantisation levels s, 1 <= s <= 2^24");
    d.choice("norm", &DitheringParams::linf, {{"l2", false}, {"linf", true}}, "l2",
             "the norm that scales the levels: l2 (QSGD) or linf");
    // The bounds keep today's messages (the reader's own range message differs).
    d.rule([](DitheringParams& p, const std::string& path) {
      const std::string at = sim::join_path(path, "levels");
      if (p.levels <= 0) throw ConfigError(at, fmt::format("{} must be an integer >= 1", p.levels));
      if (p.levels > (1 << 24))
        throw ConfigError(at, fmt::format("{} is too large; use at most 2^24", p.levels));
    });
    return d;
  }();
  return decl;
}

std::unique_ptr<Compressor> make_dithering(const sim::PartSpec& spec,
                                           const CompressorSettings& settings) {
  const auto& p = spec.get<DitheringParams>();
  return std::make_unique<Dithering>(static_cast<int>(p.levels), p.linf, with_bits(settings, p));
}

}  // namespace commsim::algo
