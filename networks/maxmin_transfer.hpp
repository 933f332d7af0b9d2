#pragma once
/// \file
/// The flow-level models `maxmin`, `cm02` and `lv08`: weighted max-min fair sharing of every link
/// by the active flows, with SimGrid's semantics (its lmm solver and network_cm02 model; the
/// sharing rule, in sharing_rule.hpp, says which calibration). A flow first spends its latency
/// phase (using no bandwidth), then transfers its bits at its share, recomputed by weighted
/// progressive filling whenever a flow starts or ends transferring. The recomputation is
/// incremental: only the connected component (links joined by shared flows) of the links touched
/// by the change is re-rated. Links with infinite bandwidth never constrain a flow.
///
/// Time: events are kept at their exact instants (exact_instant.hpp) and settled there, so
/// rounding never drifts; a completion is reported rounded up to the nanosecond, and flows
/// reported at the same nanosecond complete together in start order.
///
/// Fast path (same allocation, found without re-rating every flow): a component in which every
/// flow crosses one link L (consumption 1) and every other link of the component carries a single
/// flow, with L's level C_L / Σ 1/p strictly below every member's other-link level C·p and window
/// level bound·p, has the solution "member i gets level / p_i" (L is the unique first link
/// progressive filling saturates). Such a component becomes a *group*: its flows progress in
/// level units (a member with penalty p and r bits left needs r·p of them), so each keeps
/// key = r·p + the group's progress when it joined, in a min-heap; the group has one pending
/// event (its smallest key). A completion or a join with private other links then costs O(log k)
/// plus the removal from L's flow list, instead of re-rating all k flows (the star where every
/// worker uploads through one shared server link). Anything else touching the component
/// dissolves the group back into individual flows and re-rates the component as above.

#include <cstdint>
#include <set>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "networks/exact_instant.hpp"
#include "networks/sharing_rule.hpp"
#include "networks/transfer_model.hpp"

namespace commsim::net {

/// Weighted max-min fair bandwidth sharing with a latency phase.
class MaxMinTransfer final : public TransferModel {
 public:
  /// A link a flow loads, and how much per bit/s of its value (1, or crosstraffic's 0.05).
  struct Use {
    LinkId link;
    double consumption;
  };
  /// `links` must outlive the model (the platform owns them).
  explicit MaxMinTransfer(const std::vector<LinkResource>& links,
                          SharingRule rule = SharingRule::plain());
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
    std::vector<Use> uses;   ///< finite-bandwidth links only
    double remaining = 0.0;  ///< bits still to send
    double rate = 0.0;       ///< bit/s while transferring
    double penalty = 1.0;    ///< sharing penalty p: the flow's share is level / p
    double bound = 0.0;      ///< largest rate (bit/s), +inf when unbounded
    bool unit = true;        ///< every use has consumption 1 (may join a group)
    Instant updated;         ///< when `remaining` was last settled
    Instant due;             ///< its pending event: latency end, or completion
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
  /// (exact instant, seq, slot): events in time order, ties by start order.
  using Event = std::tuple<Instant, std::uint64_t, std::uint32_t>;
  /// Flows of one component sharing one bottleneck link (see the file comment).
  struct Group {
    LinkId bottleneck = 0;
    double level = 0.0;          ///< C_L / Σ 1/p: member i moves at level / p_i
    double inv_penalties = 0.0;  ///< Σ 1/p over the members
    double progress = 0.0;       ///< level units each member has moved since the group formed
    double bound = 0.0;  ///< a lower bound on the smallest other-link or window level of a member
    Instant updated;     ///< when `progress` was last settled
    std::vector<GroupEntry> heap;  ///< min-heap on (key, seq)
    Instant sched_updated;         ///< `updated` and `progress` when the pending event was
    double sched_progress = 0.0;   ///< computed: member due times are judged against these
    Event event{};                 ///< its pending event, when `scheduled`
    bool scheduled = false;
    bool pending = false;  ///< membership changed in the current instant
  };

  void set_due(std::uint32_t slot, Instant due);
  void release(std::uint32_t slot, bool mark_dirty);
  void begin_transfer(std::uint32_t slot);
  void recompute(const Instant& t);
  void solve_component(const Instant& t, std::vector<LinkId>& comp_links,
                       std::vector<std::uint32_t>& comp_flows);
  void push_fill(double level, std::uint64_t what);
  void fix_flow(std::uint32_t slot, double value, LinkId saturated);
  double flow_rate(std::uint32_t slot) const;
  /// The consumption of flow `slot` on link `l` (1 for a flow of unit uses).
  double consumption(std::uint32_t slot, LinkId l) const;
  void report_instant();
  // Groups.
  void settle_group(Group& g, const Instant& t);
  void schedule_group(std::int32_t gi);
  void unschedule_group(Group& g);
  void dissolve(std::int32_t gi, const Instant& t);
  bool try_join_group(std::uint32_t slot);
  void admit_joiners();
  void pop_group_completions(std::int32_t gi, const Instant& te);
  void update_pending_groups(const Instant& t);
  std::int32_t new_group();
  bool try_form_group(const Instant& t, const std::vector<LinkId>& comp_links,
                      const std::vector<std::uint32_t>& comp_flows);

  const std::vector<LinkResource>& links_;
  SharingRule rule_;
  std::vector<double> capacity_;  ///< bandwidth_factor · bandwidth per link
  std::vector<Flow> flows_;
  std::vector<std::uint32_t> free_;
  std::unordered_map<FlowId, std::uint32_t> by_id_;
  std::set<Event> events_;
  /// Transferring flows per link, in arrival order (slots only: the star's shared link holds
  /// thousands, and its removals scan it).
  std::vector<std::vector<std::uint32_t>> link_flows_;
  std::uint64_t seq_ = 0;
  Instant now_;

  // Scratch for the component search and progressive filling (epoch marks avoid clearing).
  std::vector<LinkId> dirty_;
  std::vector<std::uint64_t> link_mark_, flow_mark_, flow_fixed_;
  std::uint64_t epoch_ = 0;
  std::vector<double> cap_, usage_;
  std::vector<std::uint32_t> cnt_;
  std::vector<LinkId> comp_links_;
  std::vector<std::uint32_t> comp_flows_;
  std::vector<Group> groups_;
  std::vector<std::int32_t> free_groups_, pending_groups_;
  std::vector<std::int32_t> link_group_;  ///< group whose bottleneck is this link, or -1
  std::vector<std::pair<std::uint64_t, std::uint32_t>>
      instant_done_;  ///< (seq, slot) completed at the current exact instant
  std::vector<std::tuple<std::int64_t, std::uint64_t, FlowId>>
      reported_;  ///< (reported ns, seq, id) completed in the current advance_to
  /// Progressive-filling entries (level, what): a link below links_.size(), else a flow's window
  /// (slot + links_.size()).
  std::vector<std::pair<double, std::uint64_t>> fill_heap_;
  std::vector<std::uint32_t> joiners_;  ///< flows joining a group in the current instant
  std::uint64_t recomputations_ = 0, flows_rerated_ = 0;
};

}  // namespace commsim::net
