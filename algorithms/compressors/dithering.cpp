#include "algorithms/compressors/dithering.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"

namespace commsim::algo {

std::uint64_t Dithering::bits_per_coordinate() const {
  std::uint64_t width = 0;
  while ((std::uint64_t{1} << width) < static_cast<std::uint64_t>(params_.levels) + 1) ++width;
  return 1 + width;
}

double Dithering::omega(Eigen::Index dim) const {
  const double d = static_cast<double>(dim), s = params_.levels;
  return params_.linf ? std::min(d / (4.0 * s * s), std::sqrt(d) / s)
                      : std::min(d / (s * s), std::sqrt(d) / s);
}

sim::Bits Dithering::compress(const Vector& x, sim::Rng& rng, const CompressionContext&,
                              Vector& out) const {
  const Eigen::Index d = x.size();
  const double norm = params_.linf ? x.lpNorm<Eigen::Infinity>() : x.norm();
  out.setZero(d);
  std::uint64_t nonzeros = 0;
  if (norm > 0.0) {
    const double s = params_.levels;
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

std::unique_ptr<Compressor> make_dithering(sim::JsonReader& cfg,
                                           const CompressorSettings& settings) {
  DitheringParams p;
  const std::int64_t levels = cfg.integer("levels", 1);
  if (levels <= 0)
    throw ConfigError(cfg.path_of("levels"), fmt::format("{} must be an integer >= 1", levels));
  if (levels > (1 << 24))
    throw ConfigError(cfg.path_of("levels"),
                      fmt::format("{} is too large; use at most 2^24", levels));
  p.levels = static_cast<int>(levels);
  p.linf = cfg.choice("norm", "l2", {"l2", "linf"}) == "linf";
  return std::make_unique<Dithering>(p, settings);
}

}  // namespace commsim::algo
