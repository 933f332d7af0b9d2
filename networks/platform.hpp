#pragma once
/// \file
/// The platform: hosts (compute speed, jitter, stragglers, availability), a topology, and a
/// transfer model. Turns abstract work into durations and messages into arrivals. Never sees a
/// vector.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

#include "networks/host_model.hpp"
#include "networks/topology.hpp"
#include "networks/transfer_model.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::net {

/// Makes a transfer model over a topology's link table (which the platform owns and keeps alive).
using TransferModelFactory =
    std::function<std::unique_ptr<TransferModel>(const std::vector<LinkResource>&)>;

/// How the server's broadcast reaches the workers.
enum class BroadcastMode : std::uint8_t {
  /// One message per destination along its own route, all contending (on the server's links too).
  unicast,
  /// Multicast tree (the union of the server→worker routes): every tree link carries the message
  /// once. Approximation: each tree link carries one flow, all started at the broadcast time
  /// (pipelined, like a unicast flow crossing its route at once), whose latency phase is the route
  /// latency from the server to the link's far end; a worker has the message when every link of
  /// its route has carried it. Without contention this is max over the route's links of
  /// (latency up to that link + bits / its bandwidth), i.e. the unicast time when one link is the
  /// bottleneck.
  multicast,
};

/// Hosts + topology + transfer model.
class Platform {
 public:
  /// Deterministic hosts (no jitter, stragglers or offline periods), unicast broadcast.
  Platform(std::vector<HostSpec> hosts, Topology topology, const TransferModelFactory& make_model);
  /// The general form.
  Platform(HostModel hosts, Topology topology, const TransferModelFactory& make_model,
           BroadcastMode broadcast = BroadcastMode::unicast);
  virtual ~Platform() = default;
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  /// Number of workers.
  int num_workers() const { return hosts_.size(); }
  /// The topology (links and routes).
  const Topology& topology() const { return topology_; }
  /// Worker `worker`'s host parameters.
  const HostSpec& host(int worker) const { return hosts_.spec(worker); }
  /// The host model (noise and availability).
  const HostModel& hosts() const { return hosts_; }
  /// The transfer model.
  const TransferModel& transfer_model() const { return *model_; }
  /// How broadcasts are sent.
  BroadcastMode broadcast_mode() const { return broadcast_; }
  /// Bits added to every message (protocol headers); 0 by default.
  void set_header_bits(sim::Bits bits) { header_bits_ = bits; }
  sim::Bits header_bits() const { return header_bits_; }

  /// Starts a message of `bits` from `src` to `dst` (a worker index or `kServer`) at `now`.
  FlowId send(int src, int dst, sim::Bits bits, sim::Time now);
  /// Starts a broadcast from the server to every worker in `dsts`; `ids` receives one flow per
  /// destination (its completion is that worker's arrival).
  virtual void broadcast(std::span<const int> dsts, sim::Bits bits, sim::Time now,
                         std::vector<FlowId>& ids);
  /// Earliest in-flight event (a completion or an internal transfer event), or infinity.
  sim::Time next_completion() const { return model_->next_completion(); }
  /// Advances the transfer model to `t`, appending the flows (as returned by send/broadcast)
  /// completed at `t`.
  void advance_to(sim::Time t, std::vector<FlowId>& completed);

  /// Duration of `work` on `worker`'s host in `round`.
  virtual sim::Time compute_time(int worker, const sim::Work& work, std::uint64_t round);
  /// Earliest time ≥ t at which `worker` is online.
  virtual sim::Time available_from(int worker, sim::Time t) const;

 protected:
  HostModel hosts_;
  Topology topology_;
  std::unique_ptr<TransferModel> model_;
  BroadcastMode broadcast_ = BroadcastMode::unicast;
  FlowId next_flow_ = 0;
  sim::Bits header_bits_ = 0;

 private:
  /// A multicast destination: the flow id handed out, and tree links still to carry it.
  struct Pending {
    FlowId id;
    std::size_t links_left;
  };
  std::unordered_map<FlowId, std::vector<std::uint64_t>>
      tree_flows_;                                      ///< tree-link flow → destinations
  std::unordered_map<std::uint64_t, Pending> pending_;  ///< destination key → state
  std::uint64_t next_pending_ = 0;
  std::vector<FlowId> scratch_;
};

}  // namespace commsim::net
