#pragma once
// Helpers shared by the networks tests: run a transfer model to quiescence and collect arrivals.

#include <map>
#include <vector>

#include "networks/transfer_model.hpp"

namespace commsim::net::test {

/// Milliseconds as simulated time: the hand computations in these tests are written in ms.
inline sim::Time ms(double x) {
  return sim::Time::from_seconds(x * 1e-3);
}

/// Completion time of every flow, and the order flows were reported in.
struct Arrivals {
  std::map<FlowId, sim::Time> at;
  std::vector<FlowId> order;
};

/// Advances `model` event by event until no flow is in flight.
inline Arrivals run_all(TransferModel& model) {
  Arrivals a;
  std::vector<FlowId> done;
  while (model.active_flows() > 0) {
    const sim::Time t = model.next_completion();
    if (t.is_infinite()) break;
    done.clear();
    model.advance_to(t, done);
    for (FlowId f : done) {
      a.at[f] = t;
      a.order.push_back(f);
    }
  }
  return a;
}

/// A flow to start at a given time.
struct Start {
  sim::Time at;
  FlowId id;
  Route route;
  sim::Bits bits;
};

/// Drives `model` as the runtime does: starts each flow at its time (in the given order, which
/// must be by time), processing every event due before it first; then runs to quiescence.
inline Arrivals run_with_starts(TransferModel& model, const std::vector<Start>& starts) {
  Arrivals a;
  std::vector<FlowId> done;
  std::size_t next = 0;
  while (next < starts.size() || model.active_flows() > 0) {
    const sim::Time tc = model.next_completion();
    if (next < starts.size() && starts[next].at < tc) {
      const Start& s = starts[next++];
      model.start(s.id, s.route, s.bits, s.at);
      continue;
    }
    if (tc.is_infinite()) break;
    done.clear();
    model.advance_to(tc, done);
    for (FlowId f : done) {
      a.at[f] = tc;
      a.order.push_back(f);
    }
  }
  return a;
}

/// Seconds to Time, rounded up to the nanosecond as the models round.
inline sim::Time ceil_seconds(double s) {
  return sim::Time::from_ns(static_cast<std::int64_t>(std::ceil(s * 1e9 - 1e-6)));
}

}  // namespace commsim::net::test
