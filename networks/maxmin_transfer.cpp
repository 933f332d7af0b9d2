#include "networks/maxmin_transfer.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>

#include "sim/errors.hpp"

namespace commsim::net {

MaxMinTransfer::MaxMinTransfer(const std::vector<LinkResource>& links)
    : links_(links),
      link_flows_(links.size()),
      link_mark_(links.size(), 0),
      cap_(links.size(), 0.0),
      cnt_(links.size(), 0) {}

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
  std::uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(flows_.size());
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
  f.updated = now;
  f.due = now + route.latency;
  events_.insert(Event{f.due.ns(), f.seq, slot});
  by_id_.emplace(id, slot);
}

sim::Time MaxMinTransfer::next_completion() const {
  return events_.empty() ? sim::Time::infinity() : sim::Time::from_ns(std::get<0>(*events_.begin()));
}

void MaxMinTransfer::release(std::uint32_t slot) {
  Flow& f = flows_[slot];
  for (LinkId l : f.links) {
    auto& v = link_flows_[l];
    if (f.transferring) v.erase(std::find(v.begin(), v.end(), slot));
    dirty_.push_back(l);
  }
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
    while (!events_.empty() && std::get<0>(*events_.begin()) == te) {
      const std::uint32_t slot = std::get<2>(*events_.begin());
      events_.erase(events_.begin());
      Flow& f = flows_[slot];
      if (!f.transferring && f.remaining > 0.0 && !f.links.empty()) {
        // Latency phase over: the first bit starts now.
        f.transferring = true;
        f.updated = now_;
        f.due = sim::Time::infinity();
        events_.insert(Event{f.due.ns(), f.seq, slot});
        for (LinkId l : f.links) {
          link_flows_[l].push_back(slot);
          dirty_.push_back(l);
        }
        continue;
      }
      completed.push_back(f.id);
      if (!f.transferring) f.links.clear();  // never joined a link: nothing to re-rate
      release(slot);
    }
    if (!dirty_.empty()) recompute(now_);
  }
  now_ = t;
}

void MaxMinTransfer::recompute(sim::Time t) {
  ++recomputations_;
  const std::uint64_t epoch = ++epoch_;
  // Connected component of the dirty links: links joined through the flows crossing them.
  std::vector<LinkId> comp_links;
  std::vector<std::uint32_t> comp_flows;
  for (LinkId l : dirty_) {
    if (link_mark_[l] == epoch) continue;
    link_mark_[l] = epoch;
    comp_links.push_back(l);
  }
  for (std::size_t i = 0; i < comp_links.size(); ++i) {
    for (std::uint32_t s : link_flows_[comp_links[i]]) {
      if (flow_mark_[s] == epoch) continue;
      flow_mark_[s] = epoch;
      comp_flows.push_back(s);
      for (LinkId m : flows_[s].links) {
        if (link_mark_[m] == epoch) continue;
        link_mark_[m] = epoch;
        comp_links.push_back(m);
      }
    }
  }
  flows_rerated_ += comp_flows.size();
  // Settle the progress made at the old rates.
  for (std::uint32_t s : comp_flows) {
    Flow& f = flows_[s];
    f.remaining = std::max(0.0, f.remaining - f.rate * (t - f.updated).to_seconds());
    f.updated = t;
  }
  // Progressive filling: repeatedly saturate the link with the smallest fair share; its unfixed
  // flows get that share. Shares only grow as flows are fixed, so a lazy min-heap suffices.
  using Entry = std::pair<double, LinkId>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  for (LinkId l : comp_links) {
    cap_[l] = links_[l].bandwidth_bps;
    cnt_[l] = static_cast<std::uint32_t>(link_flows_[l].size());
    if (cnt_[l] > 0) heap.emplace(cap_[l] / cnt_[l], l);
  }
  while (!heap.empty()) {
    const auto [share, l] = heap.top();
    heap.pop();
    if (cnt_[l] == 0 || share != cap_[l] / cnt_[l]) continue;  // stale entry
    const double r = std::max(share, 0.0);
    for (std::uint32_t s : link_flows_[l]) {
      if (flow_fixed_[s] == epoch) continue;
      flow_fixed_[s] = epoch;
      flows_[s].rate = r;
      for (LinkId m : flows_[s].links) {
        cap_[m] -= r;
        --cnt_[m];
        if (cnt_[m] > 0 && m != l) heap.emplace(cap_[m] / cnt_[m], m);
      }
    }
  }
  for (std::uint32_t s : comp_flows) {
    const Flow& f = flows_[s];
    set_due(s, f.rate > 0.0 ? t + transfer_duration(f.remaining, f.rate) : sim::Time::infinity());
  }
}

double MaxMinTransfer::rate(FlowId id) const {
  const auto it = by_id_.find(id);
  COMMSIM_ASSERT(it != by_id_.end(), "unknown flow");
  const Flow& f = flows_[it->second];
  return f.transferring ? f.rate : 0.0;
}

double MaxMinTransfer::link_load(LinkId l) const {
  double sum = 0.0;
  for (std::uint32_t s : link_flows_[l]) sum += flows_[s].rate;
  return sum;
}

std::vector<FlowId> MaxMinTransfer::flows_on(LinkId l) const {
  std::vector<FlowId> ids;
  for (std::uint32_t s : link_flows_[l]) ids.push_back(flows_[s].id);
  return ids;
}

}  // namespace commsim::net
