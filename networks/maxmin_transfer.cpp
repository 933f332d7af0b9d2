#include "networks/maxmin_transfer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/kernel/errors.hpp"

namespace commsim::net {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Adds `c` to the consumption of `link` in `uses` (a link on both the route and its way back,
// as a shared link is, loads the flow once with both consumptions, as SimGrid's lmm merges them).
void add_use(std::vector<MaxMinTransfer::Use>& uses, LinkId link, double c) {
  for (auto& u : uses) {
    if (u.link == link) {
      u.consumption += c;
      return;
    }
  }
  uses.push_back({link, c});
}

}  // namespace

MaxMinTransfer::MaxMinTransfer(const std::vector<LinkResource>& links, SharingRule rule)
    : links_(links),
      rule_(rule),
      link_flows_(links.size()),
      link_mark_(links.size(), 0),
      cap_(links.size(), 0.0),
      usage_(links.size(), 0.0),
      cnt_(links.size(), 0),
      link_group_(links.size(), -1) {
  COMMSIM_ASSERT(rule_.bandwidth_factor > 0.0 && rule_.latency_factor >= 0.0,
                 "sharing factors out of range");
  capacity_.reserve(links.size());
  for (const auto& l : links) capacity_.push_back(l.bandwidth_bps * rule_.bandwidth_factor);
}

void MaxMinTransfer::set_due(std::uint32_t slot, Instant due) {
  Flow& f = flows_[slot];
  events_.erase(Event{f.due, f.seq, slot});
  f.due = due;
  events_.insert(Event{due, f.seq, slot});
}

void MaxMinTransfer::start(FlowId id, const Route& route, sim::Bits bits, sim::Time now) {
  // An event within rounding noise after a whole nanosecond is reported at it, so `now` may be a
  // hair before the exact clock: the flow still starts at `now`.
  COMMSIM_ASSERT(now_.reported() <= now, "flows must start in time order");
  COMMSIM_ASSERT(!by_id_.contains(id), "flow id already in flight");
  now_ = std::max(now_, Instant::at(now));
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
  f.uses.clear();
  const double latency = route.latency.to_seconds();
  double penalty = latency;
  for (LinkId l : route.links) {
    if (rule_.weight_s_bits > 0.0) penalty += rule_.weight_s_bits / links_[l].bandwidth_bps;
    if (!std::isinf(links_[l].bandwidth_bps)) add_use(f.uses, l, 1.0);
  }
  if (rule_.crosstraffic) {
    for (LinkId l : route.reverse) {
      if (!std::isinf(links_[l].bandwidth_bps))
        add_use(f.uses, l, SharingRule::kReverseConsumption);
    }
  }
  f.unit =
      std::all_of(f.uses.begin(), f.uses.end(), [](const Use& u) { return u.consumption == 1.0; });
  f.penalty = rule_.latency_weights && latency > 0.0 ? penalty : 1.0;
  f.bound = rule_.tcp_gamma_bits > 0.0 && latency > 0.0
                ? rule_.bandwidth_factor * rule_.tcp_gamma_bits / (2.0 * latency)
                : kInf;
  f.remaining = static_cast<double>(bits);
  f.rate = 0.0;
  f.transferring = false;
  f.group = -1;
  f.updated = Instant::at(now);
  f.due = rule_.latency_factor == 1.0 ? Instant::at(now + route.latency)
                                      : f.updated.plus_seconds(latency * rule_.latency_factor);
  events_.insert(Event{f.due, f.seq, slot});
  by_id_.emplace(id, slot);
}

sim::Time MaxMinTransfer::next_completion() const {
  return events_.empty() ? sim::Time::infinity() : std::get<0>(*events_.begin()).reported();
}

double MaxMinTransfer::consumption(std::uint32_t slot, LinkId l) const {
  const Flow& f = flows_[slot];
  if (f.unit) return 1.0;
  for (const Use& u : f.uses) {
    if (u.link == l) return u.consumption;
  }
  return 0.0;
}

double MaxMinTransfer::flow_rate(std::uint32_t slot) const {
  const Flow& f = flows_[slot];
  return f.group >= 0 ? groups_[static_cast<std::size_t>(f.group)].level / f.penalty : f.rate;
}

void MaxMinTransfer::release(std::uint32_t slot, bool mark_dirty) {
  Flow& f = flows_[slot];
  for (const Use& u : f.uses) {
    auto& v = link_flows_[u.link];
    if (f.transferring) v.erase(std::find(v.begin(), v.end(), slot));
    if (mark_dirty) dirty_.push_back(u.link);
  }
  f.group = -1;
  by_id_.erase(f.id);
  free_.push_back(slot);
}

void MaxMinTransfer::begin_transfer(std::uint32_t slot) {
  // Latency phase over: the first bit starts now.
  Flow& f = flows_[slot];
  f.transferring = true;
  f.updated = now_;
  for (const Use& u : f.uses) link_flows_[u.link].push_back(slot);
  if (try_join_group(slot)) return;
  f.due = Instant::never();
  events_.insert(Event{f.due, f.seq, slot});
  for (const Use& u : f.uses) dirty_.push_back(u.link);
}

void MaxMinTransfer::advance_to(sim::Time t, std::vector<FlowId>& completed) {
  COMMSIM_ASSERT(now_.reported() <= t, "cannot advance backwards");
  reported_.clear();
  while (!events_.empty() && std::get<0>(*events_.begin()).reported() <= t) {
    // One batch per exact instant: every event due then is applied before rates are recomputed.
    const Instant te = std::get<0>(*events_.begin());
    now_ = te;
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
      if (!f.transferring && f.remaining > 0.0 && !f.uses.empty()) {
        begin_transfer(slot);
        continue;
      }
      instant_done_.emplace_back(f.seq, slot);
      if (!f.transferring) f.uses.clear();  // never joined a link: nothing to re-rate
      release(slot, /*mark_dirty=*/true);
    }
    report_instant();
    admit_joiners();
    if (!dirty_.empty()) recompute(now_);
    update_pending_groups(now_);
  }
  // Completions reported at one nanosecond are given in start order, wherever they were tracked.
  std::sort(reported_.begin(), reported_.end());
  for (const auto& r : reported_) completed.push_back(std::get<2>(r));
  now_ = std::max(now_, Instant::at(t));
}

void MaxMinTransfer::report_instant() {
  const std::int64_t ns = now_.reported().ns();
  for (const auto& [seq, slot] : instant_done_) reported_.emplace_back(ns, seq, flows_[slot].id);
}

void MaxMinTransfer::recompute(const Instant& t) {
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
      for (const std::uint32_t s : link_flows_[comp_links_[i]]) {
        if (flow_mark_[s] == epoch) continue;
        if (flows_[s].group >= 0) dissolve(flows_[s].group, t);
        flow_mark_[s] = epoch;
        comp_flows_.push_back(s);
        for (const Use& u : flows_[s].uses) {
          if (link_mark_[u.link] == epoch) continue;
          link_mark_[u.link] = epoch;
          comp_links_.push_back(u.link);
        }
      }
    }
    solve_component(t, comp_links_, comp_flows_);
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
  for (std::uint32_t s : link_flows_[l]) sum += flow_rate(s) * consumption(s, l);
  return sum;
}

std::vector<FlowId> MaxMinTransfer::flows_on(LinkId l) const {
  std::vector<FlowId> ids;
  for (std::uint32_t s : link_flows_[l]) ids.push_back(flows_[s].id);
  return ids;
}

}  // namespace commsim::net
