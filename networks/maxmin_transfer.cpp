#include "networks/maxmin_transfer.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "sim/kernel/errors.hpp"

namespace commsim::net {

MaxMinTransfer::MaxMinTransfer(const std::vector<LinkResource>& links)
    : links_(links),
      link_flows_(links.size()),
      link_mark_(links.size(), 0),
      cap_(links.size(), 0.0),
      cnt_(links.size(), 0),
      link_group_(links.size(), -1) {}

void MaxMinTransfer::set_due(std::uint32_t slot, sim::Time due) {
  Flow& f = flows_[slot];
  events_.erase(Event{f.due.ns(), f.seq, slot});
  f.due = due;
  events_.insert(Event{due.ns(), f.seq, slot});
}

void MaxMinTransfer::start(FlowId id, const Route& route, sim::Bits bits, sim::Time now) {
  COMMSIM_ASSERT(now >= now_, "flows must start in time order");
  COMMSIM_ASSERT(!by_id_.contains(id), "flow id already in flight");
  now_ = now;
  bool fresh = false;
  const std::uint32_t slot = take_flow_slot(free_, flows_.size(), fresh);
  if (fresh) {
    flows_.emplace_back();
    flow_mark_.push_back(0);
    flow_fixed_.push_back(0);
  }
  Flow& f = flows_[slot];
  f.id = id;
  f.seq = seq_++;
  f.links.clear();
  for (LinkId l : route.links) {
    if (!std::isinf(links_[l].bandwidth_bps)) f.links.push_back(l);
  }
  f.remaining = static_cast<double>(bits);
  f.rate = 0.0;
  f.transferring = false;
  f.group = -1;
  f.updated = now;
  f.due = now + route.latency;
  events_.insert(Event{f.due.ns(), f.seq, slot});
  by_id_.emplace(id, slot);
}

sim::Time MaxMinTransfer::next_completion() const {
  return events_.empty() ? sim::Time::infinity()
                         : sim::Time::from_ns(std::get<0>(*events_.begin()));
}

double MaxMinTransfer::flow_rate(std::uint32_t slot) const {
  const Flow& f = flows_[slot];
  return f.group >= 0 ? groups_[static_cast<std::size_t>(f.group)].rate : f.rate;
}

void MaxMinTransfer::release(std::uint32_t slot, bool mark_dirty) {
  Flow& f = flows_[slot];
  for (LinkId l : f.links) {
    auto& v = link_flows_[l];
    if (f.transferring) v.erase(std::find(v.begin(), v.end(), slot));
    if (mark_dirty) dirty_.push_back(l);
  }
  f.group = -1;
  by_id_.erase(f.id);
  free_.push_back(slot);
}

void MaxMinTransfer::advance_to(sim::Time t, std::vector<FlowId>& completed) {
  COMMSIM_ASSERT(t >= now_, "cannot advance backwards");
  while (!events_.empty() && std::get<0>(*events_.begin()) <= t.ns()) {
    // One batch per instant: every event due then is applied before rates are recomputed once.
    const std::int64_t te = std::get<0>(*events_.begin());
    now_ = sim::Time::from_ns(te);
    dirty_.clear();
    joiners_.clear();
    instant_done_.clear();
    while (!events_.empty() && std::get<0>(*events_.begin()) == te) {
      const std::uint32_t slot = std::get<2>(*events_.begin());
      events_.erase(events_.begin());
      Flow& f = flows_[slot];
      if (f.group >= 0) {  // a group's event: its members due now complete
        pop_group_completions(f.group, te);
        continue;
      }
      if (!f.transferring && f.remaining > 0.0 && !f.links.empty()) {
        // Latency phase over: the first bit starts now.
        f.transferring = true;
        f.updated = now_;
        for (LinkId l : f.links) link_flows_[l].push_back(slot);
        if (try_join_group(slot)) continue;
        f.due = sim::Time::infinity();
        events_.insert(Event{f.due.ns(), f.seq, slot});
        for (LinkId l : f.links) dirty_.push_back(l);
        continue;
      }
      instant_done_.emplace_back(f.seq, slot);
      if (!f.transferring) f.links.clear();  // never joined a link: nothing to re-rate
      release(slot, /*mark_dirty=*/true);
    }
    // Completions of one instant are reported in start order, wherever they were tracked.
    std::sort(instant_done_.begin(), instant_done_.end());
    for (const auto& [seq, slot] : instant_done_) completed.push_back(flows_[slot].id);
    // Joiners enter their group only now, so that this instant's completion checks saw the
    // group as it was scheduled.
    for (std::uint32_t s : joiners_) {
      Flow& f = flows_[s];
      Group& g = groups_[static_cast<std::size_t>(f.group)];
      settle_group(g, now_);
      f.key = f.remaining + g.progress;
      g.heap.push_back(GroupEntry{f.key, f.seq, s});
      std::push_heap(g.heap.begin(), g.heap.end(), GroupEntry::later);
      for (LinkId l : f.links) {
        if (l != g.bottleneck) g.bound = std::min(g.bound, links_[l].bandwidth_bps);
      }
      if (!g.pending) {
        g.pending = true;
        pending_groups_.push_back(f.group);
      }
    }
    if (!dirty_.empty()) recompute(now_);
    update_pending_groups(now_);
  }
  now_ = t;
}

void MaxMinTransfer::recompute(sim::Time t) {
  ++recomputations_;
  const std::uint64_t epoch = ++epoch_;
  // One connected component (links joined through the flows crossing them) per unvisited dirty
  // link; components are independent, so each is solved on its own.
  for (LinkId seed : dirty_) {
    if (link_mark_[seed] == epoch) continue;
    link_mark_[seed] = epoch;
    comp_links_.clear();
    comp_flows_.clear();
    comp_links_.push_back(seed);
    for (std::size_t i = 0; i < comp_links_.size(); ++i) {
      for (std::uint32_t s : link_flows_[comp_links_[i]]) {
        if (flow_mark_[s] == epoch) continue;
        if (flows_[s].group >= 0) dissolve(flows_[s].group, t);
        flow_mark_[s] = epoch;
        comp_flows_.push_back(s);
        for (LinkId m : flows_[s].links) {
          if (link_mark_[m] == epoch) continue;
          link_mark_[m] = epoch;
          comp_links_.push_back(m);
        }
      }
    }
    solve_component(t, comp_links_, comp_flows_);
  }
}

void MaxMinTransfer::solve_component(sim::Time t, std::vector<LinkId>& comp_links,
                                     std::vector<std::uint32_t>& comp_flows) {
  flows_rerated_ += comp_flows.size();
  // Settle the progress made at the old rates.
  for (std::uint32_t s : comp_flows) {
    Flow& f = flows_[s];
    f.remaining = std::max(0.0, f.remaining - f.rate * (t - f.updated).to_seconds());
    f.updated = t;
  }
  // Progressive filling: repeatedly saturate the link with the smallest fair share; its unfixed
  // flows get that share. Shares only grow as flows are fixed, so a lazy min-heap suffices.
  const std::uint64_t epoch = epoch_;
  auto& heap = fill_heap_;
  heap.clear();
  const auto push = [&heap](double share, LinkId l) {
    heap.emplace_back(share, l);
    std::push_heap(heap.begin(), heap.end(), std::greater<>{});
  };
  for (LinkId l : comp_links) {
    cap_[l] = links_[l].bandwidth_bps;
    cnt_[l] = static_cast<std::uint32_t>(link_flows_[l].size());
    if (cnt_[l] > 0) push(cap_[l] / cnt_[l], l);
  }
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), std::greater<>{});
    const auto [share, l] = heap.back();
    heap.pop_back();
    if (cnt_[l] == 0 || share != cap_[l] / cnt_[l]) continue;  // stale entry
    const double r = std::max(share, 0.0);
    for (std::uint32_t s : link_flows_[l]) {
      if (flow_fixed_[s] == epoch) continue;
      flow_fixed_[s] = epoch;
      flows_[s].rate = r;
      for (LinkId m : flows_[s].links) {
        cap_[m] -= r;
        --cnt_[m];
        if (cnt_[m] > 0 && m != l) push(cap_[m] / cnt_[m], m);
      }
    }
  }
  if (try_form_group(t, comp_links, comp_flows)) return;
  for (std::uint32_t s : comp_flows) {
    const Flow& f = flows_[s];
    set_due(s, f.rate > 0.0 ? t + transfer_duration(f.remaining, f.rate) : sim::Time::infinity());
  }
}

double MaxMinTransfer::rate(FlowId id) const {
  const auto it = by_id_.find(id);
  COMMSIM_ASSERT(it != by_id_.end(), "unknown flow");
  const Flow& f = flows_[it->second];
  return f.transferring ? flow_rate(it->second) : 0.0;
}

double MaxMinTransfer::link_load(LinkId l) const {
  double sum = 0.0;
  for (std::uint32_t s : link_flows_[l]) sum += flow_rate(s);
  return sum;
}

std::vector<FlowId> MaxMinTransfer::flows_on(LinkId l) const {
  std::vector<FlowId> ids;
  for (std::uint32_t s : link_flows_[l]) ids.push_back(flows_[s].id);
  return ids;
}

}  // namespace commsim::net
