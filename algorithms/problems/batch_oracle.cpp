#include "algorithms/problems/batch_oracle.hpp"

#include "sim/kernel/errors.hpp"

namespace commsim::algo {

BatchOracle::BatchOracle(std::shared_ptr<const LocalOracle> inner, std::int64_t size,
                         bool replacement, sim::Rng rng)
    : ForwardingOracle(std::move(inner)),
      replacement_(replacement),
      rng_(rng),
      samples_(static_cast<std::size_t>(size)) {
  COMMSIM_ASSERT(size >= 1, "a minibatch needs at least one sample");
  COMMSIM_ASSERT(replacement || size <= inner_->num_samples(),
                 "a minibatch without replacement cannot exceed the local samples");
}

std::span<const std::uint32_t> BatchOracle::draw() const {
  const auto m = static_cast<std::uint64_t>(inner_->num_samples());
  if (replacement_) {
    for (auto& s : samples_) s = static_cast<std::uint32_t>(rng_.below(m));
  } else {
    rng_.sample_without_replacement(m, samples_, scratch_);
  }
  return samples_;
}

sim::Work BatchOracle::gradient(const Vector& x, Vector& out) const {
  return inner_->batch_gradient(x, draw(), out);
}

}  // namespace commsim::algo
