#pragma once
/// \file
/// The worker of the asynchronous SGD family (ASGD, Rennala, Malenia, Ringmaster): on each point
/// it receives, one oracle call ∇f_i(x; ξ) (stochastic when the problem's oracle is), sent dense.

#include "algorithms/event_roles.hpp"
#include "algorithms/problems/local_oracle.hpp"

namespace commsim::algo {

class GradientWorker final : public EventWorkerRole {
 public:
  GradientWorker(const LocalOracle& oracle, int float_bits);
  void on_point(const Vector& point, std::vector<Uplink>& out) override;

 private:
  const LocalOracle& oracle_;
  sim::Bits bits_;
};

}  // namespace commsim::algo
