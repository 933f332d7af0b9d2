#pragma once
/// \file
/// An oracle that forwards every call to another one. As it is, it is a worker's handle on an
/// oracle shared by several workers (the quadratic problem's one f: n workers hold n small
/// handles and one copy of the data); the stochastic decorators (BatchOracle, NoisyOracle)
/// derive from it and override only the calls they change.

#include <memory>
#include <utility>

#include "algorithms/problems/local_oracle.hpp"

namespace commsim::algo {

class ForwardingOracle : public LocalOracle {
 public:
  explicit ForwardingOracle(std::shared_ptr<const LocalOracle> inner) : inner_(std::move(inner)) {}

  Eigen::Index dim() const override { return inner_->dim(); }
  Eigen::Index num_samples() const override { return inner_->num_samples(); }
  double loss(const Vector& x) const override { return inner_->loss(x); }
  sim::Work gradient(const Vector& x, Vector& out) const override {
    return inner_->gradient(x, out);
  }
  /// Forwarded unchanged by every decorator: evaluation is observation, and stays exact.
  double loss_and_gradient(const Vector& x, Vector& out) const override {
    return inner_->loss_and_gradient(x, out);
  }
  sim::Work batch_gradient(const Vector& x, std::span<const std::uint32_t> samples,
                           Vector& out) const override {
    return inner_->batch_gradient(x, samples, out);
  }
  double smoothness() const override { return inner_->smoothness(); }

 protected:
  std::shared_ptr<const LocalOracle> inner_;
};

}  // namespace commsim::algo
