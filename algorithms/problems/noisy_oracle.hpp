#pragma once
/// \file
/// `problem.noise`: a worker's stochastic oracle returns the exact gradient plus Gaussian noise
/// ξ ~ N(0, (σ²/d) I), so that E[ξ] = 0 and E‖ξ‖² = σ² (the σ² of the time-complexity theory:
/// E‖g(x) − ∇f_i(x)‖² ≤ σ²). Evaluation (`loss`, `loss_and_gradient`) stays exact.

#include <memory>

#include "algorithms/problems/forwarding_oracle.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::algo {

/// Adds N(0, (σ²/d) I) to every `gradient` and `batch_gradient` of `inner`. The noise is drawn
/// from the oracle's own stream (the factory keys it ("oracle_noise", worker)), so it depends
/// only on the seed, the worker and the number of calls made. The draws mutate that stream
/// inside const calls: a worker's oracle is used by that worker only (one thread at a time).
class NoisyOracle final : public ForwardingOracle {
 public:
  /// `variance` is σ² ≥ 0 (finite).
  NoisyOracle(std::shared_ptr<const LocalOracle> inner, double variance, sim::Rng rng);

  /// The exact local gradient plus fresh noise; the work is the inner oracle's (drawing the
  /// noise models the oracle's randomness, not computation).
  sim::Work gradient(const Vector& x, Vector& out) const override;
  /// The inner minibatch gradient plus fresh noise.
  sim::Work batch_gradient(const Vector& x, std::span<const std::uint32_t> samples,
                           Vector& out) const override;

 private:
  void add_noise(Vector& out) const;

  double coordinate_sd_;  ///< sqrt(σ²/d)
  mutable sim::Rng rng_;
};

}  // namespace commsim::algo
