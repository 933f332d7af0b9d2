#include "algorithms/compressors/perm_k.hpp"

#include "sim/kernel/errors.hpp"

namespace commsim::algo {

sim::Bits PermK::compress(const Vector& x, sim::Rng&, const CompressionContext& ctx,
                          Vector& out) const {
  COMMSIM_ASSERT(ctx.num_workers >= 1 && ctx.worker >= 0 && ctx.worker < ctx.num_workers,
                 "bad compression context");
  const Eigen::Index d = x.size();
  const auto n = static_cast<std::uint64_t>(ctx.num_workers);
  const std::uint64_t q = (static_cast<std::uint64_t>(d) + n - 1) / n;
  // The same (seed, round) on every worker gives the same permutation: that is the correlation.
  std::uint64_t state = ctx.shared_seed ^ (ctx.round * 0x9E3779B97F4A7C15ULL);
  sim::Rng shared(sim::splitmix64(state));
  shared.permutation(static_cast<std::uint32_t>(q * n), perm_);
  out.setZero(d);
  std::uint64_t kept = 0;
  const double scale = static_cast<double>(n);
  const std::uint64_t begin = static_cast<std::uint64_t>(ctx.worker) * q;
  for (std::uint64_t s = begin; s < begin + q; ++s) {
    const std::uint32_t j = perm_[s];
    if (j >= static_cast<std::uint64_t>(d)) continue;
    out[j] = scale * x[j];
    ++kept;
  }
  return sparse_bits(kept, d, settings_.float_bits, settings_.policy);
}

const sim::ParamsDecl<PermKParams>& permk_params() {
  return common_only_params<PermKParams>();
}

std::unique_ptr<Compressor> make_permk(const sim::PartSpec& spec,
                                       const CompressorSettings& settings) {
  return std::make_unique<PermK>(with_bits(settings, spec.get<PermKParams>()));
}

}  // namespace commsim::algo
