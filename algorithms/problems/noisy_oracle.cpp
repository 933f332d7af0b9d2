#include "algorithms/problems/noisy_oracle.hpp"

#include <cmath>

#include "sim/kernel/errors.hpp"

namespace commsim::algo {

NoisyOracle::NoisyOracle(std::shared_ptr<const LocalOracle> inner, double variance, sim::Rng rng)
    : ForwardingOracle(std::move(inner)),
      coordinate_sd_(std::sqrt(variance / static_cast<double>(inner_->dim()))),
      rng_(rng) {
  COMMSIM_ASSERT(std::isfinite(variance) && variance >= 0.0, "noise variance must be >= 0");
}

void NoisyOracle::add_noise(Vector& out) const {
  // σ = 0 still draws nothing: a zero-noise run is bit-identical to the noiseless one.
  if (coordinate_sd_ == 0.0) return;
  for (Eigen::Index t = 0; t < out.size(); ++t) out[t] += coordinate_sd_ * rng_.normal();
}

sim::Work NoisyOracle::gradient(const Vector& x, Vector& out) const {
  const sim::Work work = inner_->gradient(x, out);
  add_noise(out);
  return work;
}

sim::Work NoisyOracle::batch_gradient(const Vector& x, std::span<const std::uint32_t> samples,
                                      Vector& out) const {
  const sim::Work work = inner_->batch_gradient(x, samples, out);
  add_noise(out);
  return work;
}

}  // namespace commsim::algo
