// The group fast path of MaxMinTransfer (see maxmin_transfer.hpp): forming, joining, scheduling
// and dissolving groups of flows that share one bottleneck at equal rates.
#include <algorithm>
#include <cmath>
#include <limits>

#include "networks/maxmin_transfer.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::net {

bool MaxMinTransfer::try_form_group(sim::Time t, const std::vector<LinkId>& comp_links,
                                    const std::vector<std::uint32_t>& comp_flows) {
  const std::size_t k = comp_flows.size();
  if (k == 0) return false;
  // The bottleneck candidate: a link every flow crosses; every other link must be private.
  constexpr LinkId kNone = std::numeric_limits<LinkId>::max();
  LinkId bottleneck = kNone;
  for (LinkId l : comp_links) {
    const std::size_t c = link_flows_[l].size();
    if (c == k &&
        (bottleneck == kNone || links_[l].bandwidth_bps < links_[bottleneck].bandwidth_bps)) {
      bottleneck = l;
    } else if (c != k && c != 1) {
      return false;
    }
  }
  if (bottleneck == kNone) return false;
  double bound = std::numeric_limits<double>::infinity();
  for (LinkId l : comp_links) {
    if (l != bottleneck) bound = std::min(bound, links_[l].bandwidth_bps);
  }
  const double share = links_[bottleneck].bandwidth_bps / static_cast<double>(k);
  // Strictly below every other capacity: the bottleneck is then the unique first link filled,
  // and every flow got exactly `share` above.
  if (!(share < bound) || !(share > 0.0)) return false;
  for (std::uint32_t s : comp_flows) {
    if (flows_[s].rate != share) return false;
  }
  std::int32_t gi;
  if (!free_groups_.empty()) {
    gi = free_groups_.back();
    free_groups_.pop_back();
  } else {
    gi = static_cast<std::int32_t>(groups_.size());
    groups_.emplace_back();
  }
  Group& g = groups_[static_cast<std::size_t>(gi)];
  g.bottleneck = bottleneck;
  g.rate = share;
  g.progress = 0.0;
  g.bound = bound;
  g.updated = t;
  g.heap.clear();
  g.scheduled = false;
  g.pending = false;
  for (std::uint32_t s : comp_flows) {
    Flow& f = flows_[s];
    events_.erase(Event{f.due.ns(), f.seq, s});
    f.due = sim::Time::infinity();
    f.group = gi;
    f.key = f.remaining;
    g.heap.push_back(GroupEntry{f.key, f.seq, s});
  }
  std::make_heap(g.heap.begin(), g.heap.end(), GroupEntry::later);
  link_group_[bottleneck] = gi;
  schedule_group(gi);
  return true;
}

bool MaxMinTransfer::try_join_group(std::uint32_t slot) {
  Flow& f = flows_[slot];
  std::int32_t gi = -1;
  for (LinkId l : f.links) {
    if (link_group_[l] >= 0) {
      if (gi >= 0) return false;  // two groups' bottlenecks: their components merge
      gi = link_group_[l];
    } else if (link_flows_[l].size() != 1) {
      return false;  // a link shared with another flow: not a private link
    }
  }
  if (gi < 0) return false;
  f.group = gi;
  joiners_.push_back(slot);
  return true;
}

void MaxMinTransfer::settle_group(Group& g, sim::Time t) {
  if (t > g.updated) {
    g.progress += g.rate * (t - g.updated).to_seconds();
    g.updated = t;
  }
}

void MaxMinTransfer::unschedule_group(Group& g) {
  if (g.scheduled) events_.erase(g.event);
  g.scheduled = false;
}

void MaxMinTransfer::schedule_group(std::int32_t gi) {
  Group& g = groups_[static_cast<std::size_t>(gi)];
  unschedule_group(g);
  const GroupEntry& top = g.heap.front();
  const sim::Time due = g.updated + transfer_duration(top.key - g.progress, g.rate);
  g.sched_updated = g.updated;
  g.sched_progress = g.progress;
  g.event = Event{due.ns(), top.seq, top.slot};
  events_.insert(g.event);
  g.scheduled = true;
}

void MaxMinTransfer::pop_group_completions(std::int32_t gi, std::int64_t te) {
  Group& g = groups_[static_cast<std::size_t>(gi)];
  g.scheduled = false;  // its event was just taken
  while (!g.heap.empty()) {
    const GroupEntry top = g.heap.front();
    const sim::Time due = g.sched_updated + transfer_duration(top.key - g.sched_progress, g.rate);
    if (due.ns() > te) break;
    std::pop_heap(g.heap.begin(), g.heap.end(), GroupEntry::later);
    g.heap.pop_back();
    instant_done_.emplace_back(top.seq, top.slot);
    release(top.slot, /*mark_dirty=*/false);
  }
  if (!g.pending) {
    g.pending = true;
    pending_groups_.push_back(gi);
  }
}

void MaxMinTransfer::dissolve(std::int32_t gi, sim::Time t) {
  Group& g = groups_[static_cast<std::size_t>(gi)];
  settle_group(g, t);
  unschedule_group(g);
  for (const GroupEntry& e : g.heap) {
    Flow& f = flows_[e.slot];
    f.remaining = std::max(0.0, e.key - g.progress);
    f.rate = g.rate;
    f.updated = t;
    f.group = -1;
    f.due = sim::Time::infinity();  // no event of its own yet: the caller re-rates it
  }
  g.heap.clear();
  g.pending = false;
  link_group_[g.bottleneck] = -1;
  free_groups_.push_back(gi);
}

void MaxMinTransfer::update_pending_groups(sim::Time t) {
  for (std::size_t i = 0; i < pending_groups_.size(); ++i) {
    const std::int32_t gi = pending_groups_[i];
    Group& g = groups_[static_cast<std::size_t>(gi)];
    if (!g.pending) continue;  // dissolved meanwhile
    g.pending = false;
    settle_group(g, t);
    if (g.heap.empty()) {
      unschedule_group(g);
      link_group_[g.bottleneck] = -1;
      free_groups_.push_back(gi);
      continue;
    }
    const double share = links_[g.bottleneck].bandwidth_bps / static_cast<double>(g.heap.size());
    if (share < g.bound) {
      g.rate = share;
      schedule_group(gi);
      continue;
    }
    // Another link may bind now: back to the general solver for this component.
    const LinkId l = g.bottleneck;
    dissolve(gi, t);
    dirty_.clear();
    dirty_.push_back(l);
    recompute(t);
  }
  pending_groups_.clear();
}
}  // namespace commsim::net
