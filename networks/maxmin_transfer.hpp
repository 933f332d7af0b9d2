#pragma once
/// \file
/// The `maxmin` model: flow-level max-min fair sharing of every link by all active flows, as
/// SimGrid's CM02 model with the TCP window and cross-traffic disabled. A flow first spends its
/// route latency (latency phase, using no bandwidth), then transfers its bits at the max-min fair
/// rate, recomputed by progressive filling whenever a flow starts or ends transferring. The
/// recomputation is incremental: only the connected component (links joined by shared flows) of
/// the links touched by the change is re-rated. Remaining bits are doubles; a completion time is
/// rounded up to the nanosecond, and flows due at the same nanosecond complete together in start
/// order. Links with infinite bandwidth never constrain a flow.

#include <cstdint>
#include <set>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "networks/transfer_model.hpp"

namespace commsim::net {

/// Max-min fair bandwidth sharing with a latency phase.
class MaxMinTransfer final : public TransferModel {
 public:
  /// `links` must outlive the model (the platform owns them).
  explicit MaxMinTransfer(const std::vector<LinkResource>& links);
  void start(FlowId id, const Route& route, sim::Bits bits, sim::Time now) override;
  sim::Time next_completion() const override;
  void advance_to(sim::Time t, std::vector<FlowId>& completed) override;
  std::size_t active_flows() const override { return by_id_.size(); }

  /// Current rate of an in-flight flow in bit/s (0 during its latency phase).
  double rate(FlowId id) const;
  /// Sum of the current rates of the flows crossing link `l`.
  double link_load(LinkId l) const;
  /// In-flight flows in their transfer phase crossing link `l`.
  std::vector<FlowId> flows_on(LinkId l) const;
  /// Rate recomputations so far and flows re-rated in total (cost of the incremental solver).
  std::uint64_t recomputations() const { return recomputations_; }
  std::uint64_t flows_rerated() const { return flows_rerated_; }

 private:
  struct Flow {
    FlowId id = 0;
    std::uint64_t seq = 0;
    std::vector<LinkId> links;  ///< finite-bandwidth links only
    double remaining = 0.0;     ///< bits still to send
    double rate = 0.0;          ///< bit/s while transferring
    sim::Time updated;          ///< when `remaining` was last settled
    sim::Time due;              ///< its pending event: latency end, or completion
    bool transferring = false;
  };
  using Event = std::tuple<std::int64_t, std::uint64_t, std::uint32_t>;  ///< (time ns, seq, slot)

  void set_due(std::uint32_t slot, sim::Time due);
  void release(std::uint32_t slot);
  void recompute(sim::Time t);

  const std::vector<LinkResource>& links_;
  std::vector<Flow> flows_;
  std::vector<std::uint32_t> free_;
  std::unordered_map<FlowId, std::uint32_t> by_id_;
  std::set<Event> events_;
  std::vector<std::vector<std::uint32_t>> link_flows_;  ///< transferring flows per link, in arrival order
  std::uint64_t seq_ = 0;
  sim::Time now_;

  // Scratch for the component search and progressive filling (epoch marks avoid clearing).
  std::vector<LinkId> dirty_;
  std::vector<std::uint64_t> link_mark_, flow_mark_, flow_fixed_;
  std::uint64_t epoch_ = 0;
  std::vector<double> cap_;
  std::vector<std::uint32_t> cnt_;
  std::uint64_t recomputations_ = 0, flows_rerated_ = 0;
};

}  // namespace commsim::net
