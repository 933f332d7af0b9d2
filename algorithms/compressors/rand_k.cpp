#include "algorithms/compressors/rand_k.hpp"

#include <cmath>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"

namespace commsim::algo {

RandK::RandK(RandKParams params, const CompressorSettings& settings)
    : k_(params.k), settings_(settings) {
  COMMSIM_ASSERT(k_ >= 1 && k_ <= settings.dim, "randk needs 1 <= k <= d");
  indices_.resize(static_cast<std::size_t>(k_));
}

sim::Bits RandK::compress(const Vector& x, sim::Rng& rng, const CompressionContext&,
                          Vector& out) const {
  const Eigen::Index d = x.size();
  rng.sample_without_replacement(static_cast<std::uint64_t>(d), indices_, scratch_);
  const double scale = static_cast<double>(d) / static_cast<double>(k_);
  out.setZero(d);
  for (std::uint32_t j : indices_) out[j] = scale * x[j];
  return sparse_bits(static_cast<std::uint64_t>(k_), d, settings_.float_bits, settings_.policy);
}

Eigen::Index read_k(sim::JsonReader& cfg, Eigen::Index dim) {
  if (cfg.has("k") && cfg.has("fraction")) {
    throw ConfigError(cfg.path_of("fraction"), "give either k or fraction, not both");
  }
  if (cfg.has("fraction")) {
    const double f = cfg.positive("fraction", std::nullopt, 1.0);
    const auto k = static_cast<Eigen::Index>(std::llround(f * static_cast<double>(dim)));
    return std::max<Eigen::Index>(1, k);
  }
  const std::int64_t k =
      cfg.integer("k", 1, 1);  // the lower bound is declared (schema); d is not known there
  if (k > dim)
    throw ConfigError(cfg.path_of("k"),
                      fmt::format("{} exceeds the dimension d = {}; use 1 <= k <= d", k, dim));
  return static_cast<Eigen::Index>(k);
}

std::unique_ptr<Compressor> make_randk(sim::JsonReader& cfg, const CompressorSettings& settings) {
  return std::make_unique<RandK>(RandKParams{read_k(cfg, settings.dim)}, settings);
}

}  // namespace commsim::algo
