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
///
/// Fast path (same allocation, found without re-rating every flow): a component in which every
/// flow crosses one link L and every other link of the component carries a single flow whose
/// capacity exceeds L's share strictly, has the max-min solution "everyone gets C_L/k" (L is the
/// unique first link progressive filling saturates). Such a component becomes a *group*: its
/// flows progress equally, so each keeps key = remaining bits + the group's progress at the
/// moment it joined, in a min-heap; the group has one pending event (its smallest key). A
/// completion or a join with private other links then costs O(log k) plus the removal from L's
/// flow list, instead of re-rating all k flows (the star where every worker uploads through one
/// shared server link). Anything else touching the component dissolves the group back into
/// individual flows and re-rates the component as above.

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
    std::int32_t group = -1;  ///< index in groups_, or -1
    double key = 0.0;         ///< group key (see GroupEntry) while in a group
  };
  /// Keys: flow's remaining bits + progress when it joined; ties by start order.
  struct GroupEntry {
    double key;
    std::uint64_t seq;
    std::uint32_t slot;
    /// Min-heap order on (key, seq) for std::push_heap / pop_heap (which build max-heaps).
    static bool later(const GroupEntry& a, const GroupEntry& b) {
      return a.key > b.key || (a.key == b.key && a.seq > b.seq);
    }
  };
  /// Flows of one component sharing one bottleneck link at equal rates (see the file comment).
  struct Group {
    LinkId bottleneck = 0;
    double rate = 0.0;      ///< C_L / k
    double progress = 0.0;  ///< bits each member has sent since the group formed
    double bound = 0.0;     ///< a lower bound on the smallest other-link capacity of a member
    sim::Time updated;      ///< when `progress` was last settled
    std::vector<GroupEntry> heap;  ///< min-heap on (key, seq)
    sim::Time sched_updated;      ///< `updated` and `progress` when the pending event was computed:
    double sched_progress = 0.0;  ///< member due times are judged against these
    std::tuple<std::int64_t, std::uint64_t, std::uint32_t>
        event{};  ///< its pending event, when `scheduled`
    bool scheduled = false;
    bool pending = false;  ///< membership changed in the current instant
  };
  using Event = std::tuple<std::int64_t, std::uint64_t, std::uint32_t>;  ///< (time ns, seq, slot)

  void set_due(std::uint32_t slot, sim::Time due);
  void release(std::uint32_t slot, bool mark_dirty);
  void recompute(sim::Time t);
  void solve_component(sim::Time t, std::vector<LinkId>& comp_links,
                       std::vector<std::uint32_t>& comp_flows);
  double flow_rate(std::uint32_t slot) const;
  // Groups.
  void settle_group(Group& g, sim::Time t);
  void schedule_group(std::int32_t gi);
  void unschedule_group(Group& g);
  void dissolve(std::int32_t gi, sim::Time t);
  bool try_join_group(std::uint32_t slot);
  void pop_group_completions(std::int32_t gi, std::int64_t te);
  void update_pending_groups(sim::Time t);
  bool try_form_group(sim::Time t, const std::vector<LinkId>& comp_links,
                      const std::vector<std::uint32_t>& comp_flows);

  const std::vector<LinkResource>& links_;
  std::vector<Flow> flows_;
  std::vector<std::uint32_t> free_;
  std::unordered_map<FlowId, std::uint32_t> by_id_;
  std::set<Event> events_;
  std::vector<std::vector<std::uint32_t>>
      link_flows_;  ///< transferring flows per link, in arrival order
  std::uint64_t seq_ = 0;
  sim::Time now_;

  // Scratch for the component search and progressive filling (epoch marks avoid clearing).
  std::vector<LinkId> dirty_;
  std::vector<std::uint64_t> link_mark_, flow_mark_, flow_fixed_;
  std::uint64_t epoch_ = 0;
  std::vector<double> cap_;
  std::vector<std::uint32_t> cnt_;
  std::vector<LinkId> comp_links_;
  std::vector<std::uint32_t> comp_flows_;
  std::vector<Group> groups_;
  std::vector<std::int32_t> free_groups_, pending_groups_;
  std::vector<std::int32_t> link_group_;  ///< group whose bottleneck is this link, or -1
  std::vector<std::pair<std::uint64_t, std::uint32_t>>
      instant_done_;  ///< (seq, slot) completed this instant
  std::vector<std::pair<double, LinkId>> fill_heap_;
  std::vector<std::uint32_t> joiners_;  ///< flows joining a group in the current instant
  std::uint64_t recomputations_ = 0, flows_rerated_ = 0;
};

}  // namespace commsim::net
