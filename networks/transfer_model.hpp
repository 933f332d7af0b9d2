#pragma once
/// \file
/// The contract every transfer model implements (SimGrid's model contract rather than a one-shot
/// `deliver()`, so that bandwidth sharing fits): flows start, the model answers when the next
/// one completes, and is told to advance. Nothing here knows what a message contains.

#include <cstdint>
#include <string>
#include <vector>

#include "sim/kernel/time.hpp"
#include "sim/kernel/types.hpp"

namespace commsim::net {

/// Identifies a flow (one message in flight) across the platform.
using FlowId = std::uint64_t;
/// Index of a directed link resource in a topology.
using LinkId = std::uint32_t;

/// One direction of a physical link (a full-duplex link is two of these; a `shared` link is
/// one resource used by both directions).
struct LinkResource {
  std::string name;
  double bandwidth_bps = 0.0;  ///< capacity; +inf for an unconstrained link
  sim::Time latency;           ///< propagation latency
};

/// The path a message takes: directed link resources in order, and their summed latency.
struct Route {
  std::vector<LinkId> links;
  sim::Time latency;
  /// The links of the route back (destination to source), which the message's acknowledgements
  /// load under SimGrid's cross-traffic; empty when the route has no way back.
  std::vector<LinkId> reverse = {};
};

/// Decides when a flow's last bit arrives.
/// The slot a new flow takes in a model's flow table: the most recently freed one (so tables
/// stay dense), else a new one at `table_size`; `fresh` says the caller must grow its tables.
inline std::uint32_t take_flow_slot(std::vector<std::uint32_t>& free, std::size_t table_size,
                                    bool& fresh) {
  fresh = free.empty();
  if (fresh) return static_cast<std::uint32_t>(table_size);
  const std::uint32_t slot = free.back();
  free.pop_back();
  return slot;
}

class TransferModel {
 public:
  virtual ~TransferModel() = default;
  /// Starts flow `id` of `bits` along `route` at time `now` (≥ every earlier call's now).
  virtual void start(FlowId id, const Route& route, sim::Bits bits, sim::Time now) = 0;
  /// The earliest time a flow completes, or `Time::infinity()` when none is in flight.
  virtual sim::Time next_completion() const = 0;
  /// Advances the model to `t` (≤ next_completion()) and appends the flows completed at `t`, in
  /// a deterministic order (by completion time, then start order).
  virtual void advance_to(sim::Time t, std::vector<FlowId>& completed) = 0;
  /// Flows currently in flight.
  virtual std::size_t active_flows() const = 0;
};

/// Time to push `bits` through `bandwidth_bps`, rounded up to the nanosecond; 0 for an
/// infinite bandwidth or zero bits.
sim::Time serialization_time(sim::Bits bits, double bandwidth_bps);

}  // namespace commsim::net
