#pragma once
/// \file
/// The platform: hosts with compute speeds, a topology, and a transfer model. Turns abstract
/// work into durations and messages into arrivals. Never sees a vector.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "networks/topology.hpp"
#include "networks/transfer_model.hpp"
#include "sim/rng.hpp"

namespace commsim::net {

/// How long an oracle call takes on a host.
struct HostSpec {
  double speed_flops = 1e9;     ///< flop/s
  double time_per_call_s = 0.0; ///< if > 0: fixed seconds per uplink's oracle work, speed ignored
};

/// Makes a transfer model over a topology's link table (which the platform owns and keeps alive).
using TransferModelFactory = std::function<std::unique_ptr<TransferModel>(const std::vector<LinkResource>&)>;

/// Hosts + topology + transfer model.
class Platform {
 public:
  Platform(std::vector<HostSpec> hosts, Topology topology, const TransferModelFactory& make_model);
  virtual ~Platform() = default;
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  int num_workers() const { return static_cast<int>(hosts_.size()); }
  const Topology& topology() const { return topology_; }
  const HostSpec& host(int worker) const { return hosts_[static_cast<std::size_t>(worker)]; }

  /// Starts a message of `bits` from `src` to `dst` (a worker index or `kServer`) at `now`.
  FlowId send(int src, int dst, sim::Bits bits, sim::Time now);
  /// Starts a broadcast from the server to every worker in `dsts`; `ids` receives one flow per
  /// destination (its completion is that worker's arrival). Unicasts by default.
  virtual void broadcast(std::span<const int> dsts, sim::Bits bits, sim::Time now, std::vector<FlowId>& ids);
  /// Earliest in-flight completion, or infinity.
  sim::Time next_completion() const { return model_->next_completion(); }
  /// Advances the transfer model to `t`, appending completed flows.
  void advance_to(sim::Time t, std::vector<FlowId>& completed) { model_->advance_to(t, completed); }

  /// Duration of `work` on `worker`'s host in `round`.
  virtual sim::Time compute_time(int worker, const sim::Work& work, std::uint64_t round);
  /// Earliest time ≥ t at which `worker` is online (always t by default).
  virtual sim::Time available_from(int worker, sim::Time t) const;

 protected:
  std::vector<HostSpec> hosts_;
  Topology topology_;
  std::unique_ptr<TransferModel> model_;
  FlowId next_flow_ = 0;
};

}  // namespace commsim::net
