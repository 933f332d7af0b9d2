// The group fast path of MaxMinTransfer (see maxmin_transfer.hpp): forming, joining, scheduling
// and dissolving groups of flows that share one bottleneck, progressing in level units.
#include <algorithm>
#include <cmath>
#include <limits>

#include "networks/maxmin_transfer.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::net {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

std::int32_t MaxMinTransfer::new_group() {
  if (free_groups_.empty()) {
    groups_.emplace_back();
    return static_cast<std::int32_t>(groups_.size() - 1);
  }
  const std::int32_t gi = free_groups_.back();
  free_groups_.pop_back();
  return gi;
}

bool MaxMinTransfer::try_form_group(const Instant& t, const std::vector<LinkId>& comp_links,
                                    const std::vector<std::uint32_t>& comp_flows) {
  const std::size_t k = comp_flows.size();
  if (k == 0) return false;
  // The bottleneck candidate: a link every flow crosses; every other link must be private.
  constexpr LinkId kNone = std::numeric_limits<LinkId>::max();
  LinkId bottleneck = kNone;
  for (LinkId l : comp_links) {
    const std::size_t c = link_flows_[l].size();
    if (c == k && (bottleneck == kNone || capacity_[l] < capacity_[bottleneck])) {
      bottleneck = l;
    } else if (c != k && c != 1) {
      return false;
    }
  }
  if (bottleneck == kNone) return false;
  double inv = 0.0;
  for (std::uint32_t s : link_flows_[bottleneck]) inv += 1.0 / flows_[s].penalty;
  const double level = capacity_[bottleneck] / inv;
  double bound = kInf;
  for (std::uint32_t s : comp_flows) {
    const Flow& f = flows_[s];
    if (!f.unit) return false;
    bound = std::min(bound, f.bound * f.penalty);
    for (const Use& u : f.uses) {
      if (u.link != bottleneck) bound = std::min(bound, capacity_[u.link] * f.penalty);
    }
  }
  // Strictly below every other level: the bottleneck is then the unique first link filled, and
  // every flow got exactly level / p above.
  if (!(level < bound) || !(level > 0.0)) return false;
  for (std::uint32_t s : comp_flows) {
    if (flows_[s].rate != level / flows_[s].penalty) return false;
  }
  const std::int32_t gi = new_group();
  Group& g = groups_[static_cast<std::size_t>(gi)];
  g.bottleneck = bottleneck;
  g.level = level;
  g.inv_penalties = inv;
  g.progress = 0.0;
  g.bound = bound;
  g.updated = t;
  g.heap.clear();
  g.scheduled = false;
  g.pending = false;
  for (std::uint32_t s : comp_flows) {
    Flow& f = flows_[s];
    events_.erase(Event{f.due, f.seq, s});
    f.due = Instant::never();
    f.group = gi;
    f.key = f.remaining * f.penalty;
    g.heap.push_back(GroupEntry{f.key, f.seq, s});
  }
  std::make_heap(g.heap.begin(), g.heap.end(), GroupEntry::later);
  link_group_[bottleneck] = gi;
  schedule_group(gi);
  return true;
}

bool MaxMinTransfer::try_join_group(std::uint32_t slot) {
  Flow& f = flows_[slot];
  if (!f.unit) return false;
  std::int32_t gi = -1;
  for (const Use& u : f.uses) {
    if (link_group_[u.link] >= 0) {
      if (gi >= 0) return false;  // two groups' bottlenecks: their components merge
      gi = link_group_[u.link];
    } else if (link_flows_[u.link].size() != 1) {
      return false;  // a link shared with another flow: not a private link
    }
  }
  if (gi < 0) return false;
  f.group = gi;
  joiners_.push_back(slot);
  return true;
}

void MaxMinTransfer::admit_joiners() {
  // Joiners enter their group only now, so that this instant's completion checks saw the group
  // as it was scheduled.
  for (std::uint32_t s : joiners_) {
    Flow& f = flows_[s];
    Group& g = groups_[static_cast<std::size_t>(f.group)];
    settle_group(g, now_);
    f.key = f.remaining * f.penalty + g.progress;
    g.heap.push_back(GroupEntry{f.key, f.seq, s});
    std::push_heap(g.heap.begin(), g.heap.end(), GroupEntry::later);
    g.inv_penalties += 1.0 / f.penalty;
    g.bound = std::min(g.bound, f.bound * f.penalty);
    for (const Use& u : f.uses) {
      if (u.link != g.bottleneck) g.bound = std::min(g.bound, capacity_[u.link] * f.penalty);
    }
    if (!g.pending) {
      g.pending = true;
      pending_groups_.push_back(f.group);
    }
  }
}

void MaxMinTransfer::settle_group(Group& g, const Instant& t) {
  if (t > g.updated) {
    g.progress += g.level * t.seconds_since(g.updated);
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
  const Instant due = g.updated.plus_seconds(std::max(0.0, top.key - g.progress) / g.level);
  g.sched_updated = g.updated;
  g.sched_progress = g.progress;
  g.event = Event{due, top.seq, top.slot};
  events_.insert(g.event);
  g.scheduled = true;
}

void MaxMinTransfer::pop_group_completions(std::int32_t gi, const Instant& te) {
  Group& g = groups_[static_cast<std::size_t>(gi)];
  g.scheduled = false;  // its event was just taken
  while (!g.heap.empty()) {
    const GroupEntry top = g.heap.front();
    const Instant due =
        g.sched_updated.plus_seconds(std::max(0.0, top.key - g.sched_progress) / g.level);
    if (due > te) break;
    std::pop_heap(g.heap.begin(), g.heap.end(), GroupEntry::later);
    g.heap.pop_back();
    instant_done_.emplace_back(top.seq, top.slot);
    g.inv_penalties -= 1.0 / flows_[top.slot].penalty;
    release(top.slot, /*mark_dirty=*/false);
  }
  if (!g.pending) {
    g.pending = true;
    pending_groups_.push_back(gi);
  }
}

void MaxMinTransfer::dissolve(std::int32_t gi, const Instant& t) {
  Group& g = groups_[static_cast<std::size_t>(gi)];
  settle_group(g, t);
  unschedule_group(g);
  for (const GroupEntry& e : g.heap) {
    Flow& f = flows_[e.slot];
    f.remaining = std::max(0.0, e.key - g.progress) / f.penalty;
    f.rate = g.level / f.penalty;
    f.updated = t;
    f.group = -1;
    f.due = Instant::never();  // no event of its own yet: the caller re-rates it
  }
  g.heap.clear();
  g.pending = false;
  link_group_[g.bottleneck] = -1;
  free_groups_.push_back(gi);
}

void MaxMinTransfer::update_pending_groups(const Instant& t) {
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
    const double level = capacity_[g.bottleneck] / g.inv_penalties;
    if (level < g.bound) {
      g.level = level;
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
