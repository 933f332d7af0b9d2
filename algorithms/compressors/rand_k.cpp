#include "algorithms/compressors/rand_k.hpp"

#include "sim/kernel/errors.hpp"

namespace commsim::algo {

RandK::RandK(Eigen::Index k, const CompressorSettings& settings) : k_(k), settings_(settings) {
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

const sim::ParamsDecl<RandKParams>& randk_params() {
  static const sim::ParamsDecl<RandKParams> decl = [] {
    sim::ParamsDecl<RandKParams> d;
    declare_sparsity(d);
    return d;
  }();
  return decl;
}

std::unique_ptr<Compressor> make_randk(const sim::PartSpec& spec,
                                       const CompressorSettings& settings) {
  const auto& p = spec.get<RandKParams>();
  return std::make_unique<RandK>(resolve_k(p, settings.dim), with_bits(settings, p));
}

}  // namespace commsim::algo
