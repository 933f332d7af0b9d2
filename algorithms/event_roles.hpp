#pragma once
/// \file
/// The event-driven protocol's roles. The server reacts to each arrival, one uplink at a time, in
/// the order the network delivers them, and may send a point to any workers at any moment; a
/// worker reacts to each point it receives by computing and sending. As in the synchronous round,
/// the roles do maths only: no time, no links. The runtime decides when an arrival happens, and
/// arrival order is the one thing the network now changes in the maths, which is the point of
/// asynchronous methods.

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "algorithms/roles.hpp"

namespace commsim::algo {

/// A point sent to one worker. Points sent at the same server step share one vector.
struct Dispatch {
  int worker = 0;
  std::shared_ptr<const Vector> point;
  sim::Bits bits = 0;
  /// The server step at which `point` was made; the worker's uplinks carry it back, so the
  /// server can tell how stale an arrival is.
  std::uint64_t version = 0;
  /// Abandon the worker's computation in progress, and any point still queued at the worker
  /// (Ringmaster's calculation stops). Its result is never sent; its work is not counted.
  bool restart = false;
};

/// One uplink as the server sees it.
struct Arrival {
  int worker = 0;
  std::uint64_t version = 0;  ///< the server step of the point the uplink was computed at
  const Uplink& uplink;
};

/// What the server did with one arrival. The runtime turns it into the trace's counters.
struct ArrivalOutcome {
  std::uint32_t used = 0;       ///< gradients accepted (into a step or a buffer)
  std::uint32_t discarded = 0;  ///< gradients thrown away (stale, or not wanted)
  bool stepped = false;         ///< the iterate moved: one server step, one trace row
};

/// The server's side of an event-driven method.
class EventServerRole {
 public:
  virtual ~EventServerRole() = default;
  /// Appends the first points to send (usually x⁰ to every worker).
  virtual void start(std::vector<Dispatch>& out) = 0;
  /// Handles one arrival and appends the points to send now.
  virtual ArrivalOutcome on_arrival(const Arrival& arrival, std::vector<Dispatch>& out) = 0;
  /// The current iterate x^k.
  virtual const Vector& iterate() const = 0;
};

/// Worker i's side of an event-driven method.
class EventWorkerRole {
 public:
  virtual ~EventWorkerRole() = default;
  /// Computes at `point` and fills the uplinks to send (`out` is resized by the worker; its
  /// buffers are reused from call to call). Each uplink's `work` drives the compute duration.
  virtual void on_point(const Vector& point, std::vector<Uplink>& out) = 0;
};

}  // namespace commsim::algo
