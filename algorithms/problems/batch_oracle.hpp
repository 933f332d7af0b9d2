#pragma once
/// \file
/// `problem.batch`: a worker's `gradient` becomes the mean of b sample gradients drawn
/// uniformly from its local samples, fresh on every call (with or without replacement).
/// `batch_gradient` is unchanged (methods that draw their own minibatches keep doing so) and
/// evaluation stays exact.

#include <cstdint>
#include <memory>
#include <vector>

#include "algorithms/problems/forwarding_oracle.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::algo {

/// Turns `inner`'s full local gradient into a b-sample minibatch gradient. The samples are
/// drawn from the oracle's own stream (the factory keys it ("oracle_batch", worker)); the draws
/// and the index buffers mutate inside const calls: a worker's oracle is used by that worker
/// only.
class BatchOracle final : public ForwardingOracle {
 public:
  /// 1 ≤ `size`; without replacement `size` ≤ inner->num_samples().
  BatchOracle(std::shared_ptr<const LocalOracle> inner, std::int64_t size, bool replacement,
              sim::Rng rng);

  /// (1/b) Σ_{j∈S} ∇f_ij(x) for a fresh S of b samples; work = b sample gradients.
  sim::Work gradient(const Vector& x, Vector& out) const override;

  /// Draws the next minibatch's sample indices (what `gradient` uses), in the order drawn.
  std::span<const std::uint32_t> draw() const;

 private:
  bool replacement_;
  mutable sim::Rng rng_;
  mutable std::vector<std::uint32_t> samples_;
  mutable std::vector<std::uint32_t> scratch_;
};

}  // namespace commsim::algo
