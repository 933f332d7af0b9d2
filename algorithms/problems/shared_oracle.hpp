#pragma once
/// \file
/// A worker's handle on an oracle shared by several workers (the quadratic problem's one f):
/// every call is forwarded, so n workers hold n small handles and one copy of the data.

#include <memory>
#include <utility>

#include "algorithms/problems/local_oracle.hpp"

namespace commsim::algo {

/// Forwards every call to a shared, stateless oracle.
class SharedOracle final : public LocalOracle {
 public:
  explicit SharedOracle(std::shared_ptr<const LocalOracle> shared) : shared_(std::move(shared)) {}

  Eigen::Index dim() const override { return shared_->dim(); }
  Eigen::Index num_samples() const override { return shared_->num_samples(); }
  double loss(const Vector& x) const override { return shared_->loss(x); }
  sim::Work gradient(const Vector& x, Vector& out) const override {
    return shared_->gradient(x, out);
  }
  double loss_and_gradient(const Vector& x, Vector& out) const override {
    return shared_->loss_and_gradient(x, out);
  }
  sim::Work batch_gradient(const Vector& x, std::span<const std::uint32_t> samples,
                           Vector& out) const override {
    return shared_->batch_gradient(x, samples, out);
  }
  double smoothness() const override { return shared_->smoothness(); }

 private:
  std::shared_ptr<const LocalOracle> shared_;
};

}  // namespace commsim::algo
