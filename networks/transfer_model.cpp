#include "networks/transfer_model.hpp"

#include <algorithm>
#include <cmath>

namespace commsim::net {
namespace {

sim::Time transfer_duration(double bits, double rate_bps) {
  if (bits <= 0.0 || std::isinf(rate_bps)) return sim::Time::zero();
  const double ns = bits / rate_bps * 1e9;
  if (!(ns < 9.0e18)) return sim::Time::infinity();
  // Round up: a transfer never finishes before its last bit could have been sent. The small
  // relative slack keeps a quotient that is an integer in exact arithmetic (1 Mb at 1 Mbps) from
  // being pushed one nanosecond late by its last-bit rounding error.
  const double slack = std::max(1e-6, ns * 1e-15);
  return sim::Time::from_ns(static_cast<std::int64_t>(std::max(0.0, std::ceil(ns - slack))));
}

}  // namespace

sim::Time serialization_time(sim::Bits bits, double bandwidth_bps) {
  return transfer_duration(static_cast<double>(bits), bandwidth_bps);
}

}  // namespace commsim::net
