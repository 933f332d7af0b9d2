// Weighted progressive filling for MaxMinTransfer (see maxmin_transfer.hpp and sharing_rule.hpp):
// SimGrid's lmm max-min solver on one connected component. A link's level is its remaining
// capacity over its usage Σ c/p (unfixed flows); the link with the lowest level saturates and its
// unfixed flows get value level / p, unless a flow's window is lower (window level bound · p),
// which then fixes that flow at its bound first. With every penalty and consumption 1, the level
// is capacity / count: plain max-min, with the same arithmetic.
#include <algorithm>
#include <cmath>
#include <functional>

#include "networks/maxmin_transfer.hpp"

namespace commsim::net {

void MaxMinTransfer::push_fill(double level, std::uint64_t what) {
  fill_heap_.emplace_back(level, what);
  std::push_heap(fill_heap_.begin(), fill_heap_.end(), std::greater<>{});
}

void MaxMinTransfer::fix_flow(std::uint32_t slot, double value, LinkId saturated) {
  Flow& f = flows_[slot];
  flow_fixed_[slot] = epoch_;
  f.rate = value;
  for (const Use& u : f.uses) {
    const LinkId m = u.link;
    cap_[m] -= u.consumption * value;
    usage_[m] -= u.consumption / f.penalty;
    --cnt_[m];
    if (cnt_[m] > 0 && m != saturated) push_fill(cap_[m] / usage_[m], m);
  }
}

void MaxMinTransfer::solve_component(const Instant& t, std::vector<LinkId>& comp_links,
                                     std::vector<std::uint32_t>& comp_flows) {
  flows_rerated_ += comp_flows.size();
  // Settle the progress made at the old rates.
  for (std::uint32_t s : comp_flows) {
    Flow& f = flows_[s];
    f.remaining = std::max(0.0, f.remaining - f.rate * t.seconds_since(f.updated));
    f.updated = t;
  }
  // Levels only grow as flows are fixed, so a lazy min-heap of (level, link or window) suffices.
  const std::uint64_t epoch = epoch_;
  const std::uint64_t first_window = links_.size();
  auto& heap = fill_heap_;
  heap.clear();
  for (LinkId l : comp_links) {
    cap_[l] = capacity_[l];
    usage_[l] = 0.0;
    for (std::uint32_t s : link_flows_[l]) usage_[l] += consumption(s, l) / flows_[s].penalty;
    cnt_[l] = static_cast<std::uint32_t>(link_flows_[l].size());
    if (cnt_[l] > 0) push_fill(cap_[l] / usage_[l], l);
  }
  for (std::uint32_t s : comp_flows) {
    if (!std::isinf(flows_[s].bound))
      push_fill(flows_[s].bound * flows_[s].penalty, first_window + s);
  }
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), std::greater<>{});
    const auto [level, what] = heap.back();
    heap.pop_back();
    if (what >= first_window) {  // a window: its flow moves at its bound, if not fixed yet
      const auto s = static_cast<std::uint32_t>(what - first_window);
      if (flow_fixed_[s] != epoch) fix_flow(s, flows_[s].bound, static_cast<LinkId>(first_window));
      continue;
    }
    const auto l = static_cast<LinkId>(what);
    if (cnt_[l] == 0 || level != cap_[l] / usage_[l]) continue;  // stale entry
    const double lv = std::max(level, 0.0);
    for (std::uint32_t s : link_flows_[l]) {
      if (flow_fixed_[s] != epoch) fix_flow(s, lv / flows_[s].penalty, l);
    }
  }
  if (try_form_group(t, comp_links, comp_flows)) return;
  for (std::uint32_t s : comp_flows) {
    const Flow& f = flows_[s];
    set_due(s, f.rate > 0.0 ? t.plus_seconds(f.remaining / f.rate) : Instant::never());
  }
}

}  // namespace commsim::net
