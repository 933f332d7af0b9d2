#pragma once
/// \file
/// The server's iterate in the event-driven protocol. Points in flight to workers share one
/// vector; a step copies it only when an earlier point is still referenced (copy on write), so a
/// broadcast to 10 000 workers holds one d-vector, not 10 000.

#include <memory>

#include "algorithms/roles.hpp"

namespace commsim::algo {

class SharedPoint {
 public:
  explicit SharedPoint(Vector x) : x_(std::make_shared<Vector>(std::move(x))) {}
  /// The point to put in dispatches.
  std::shared_ptr<const Vector> share() const { return x_; }
  const Vector& get() const { return *x_; }
  /// The iterate, for writing: a private copy when dispatches still hold the current one.
  Vector& write() {
    if (x_.use_count() > 1) x_ = std::make_shared<Vector>(*x_);
    return *x_;
  }

 private:
  std::shared_ptr<Vector> x_;
};

}  // namespace commsim::algo
