#include "algorithms/compressors/top_k.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "sim/kernel/errors.hpp"

namespace commsim::algo {

TopK::TopK(Eigen::Index k, const CompressorSettings& settings) : k_(k), settings_(settings) {
  COMMSIM_ASSERT(k_ >= 1 && k_ <= settings.dim, "topk needs 1 <= k <= d");
}

double TopK::omega(Eigen::Index) const {
  return std::numeric_limits<double>::infinity();
}

sim::Bits TopK::compress(const Vector& x, sim::Rng&, const CompressionContext&, Vector& out) const {
  const Eigen::Index d = x.size();
  order_.resize(static_cast<std::size_t>(d));
  std::iota(order_.begin(), order_.end(), 0u);
  // A total order (magnitude, then index) keeps the result deterministic across platforms.
  std::nth_element(order_.begin(), order_.begin() + (k_ - 1), order_.end(),
                   [&](std::uint32_t a, std::uint32_t b) {
                     const double fa = std::abs(x[a]), fb = std::abs(x[b]);
                     return fa != fb ? fa > fb : a < b;
                   });
  out.setZero(d);
  for (Eigen::Index i = 0; i < k_; ++i)
    out[order_[static_cast<std::size_t>(i)]] = x[order_[static_cast<std::size_t>(i)]];
  const BitPolicy policy =
      settings_.policy == BitPolicy::shared_seed ? BitPolicy::explicit_indices : settings_.policy;
  return sparse_bits(static_cast<std::uint64_t>(k_), d, settings_.float_bits, policy);
}

const sim::ParamsDecl<TopKParams>& topk_params() {
  static const sim::ParamsDecl<TopKParams> decl = [] {
    sim::ParamsDecl<TopKParams> d;
    declare_sparsity(d);
    return d;
  }();
  return decl;
}

std::unique_ptr<Compressor> make_topk(const sim::PartSpec& spec,
                                      const CompressorSettings& settings) {
  const auto& p = spec.get<TopKParams>();
  return std::make_unique<TopK>(resolve_k(p, settings.dim), with_bits(settings, p));
}

}  // namespace commsim::algo
