#include "networks/fifo_transfer.hpp"

#include <algorithm>

#include "sim/kernel/errors.hpp"

namespace commsim::net {

FifoTransfer::FifoTransfer(const std::vector<LinkResource>& links)
    : links_(links), state_(links.size()) {}

void FifoTransfer::schedule(sim::Time t, Kind kind, std::uint32_t slot) {
  events_.insert(Event{t.ns(), event_seq_++, kind, slot});
}

void FifoTransfer::start(FlowId id, const Route& route, sim::Bits bits, sim::Time now) {
  COMMSIM_ASSERT(now >= now_, "flows must start in time order");
  COMMSIM_ASSERT(!by_id_.contains(id), "flow id already in flight");
  now_ = now;
  bool fresh = false;
  const std::uint32_t slot = take_flow_slot(free_, flows_.size(), fresh);
  if (fresh) flows_.emplace_back();
  Flow& f = flows_[slot];
  f.id = id;
  f.seq = seq_++;
  f.links = route.links;
  f.hop = 0;
  f.bits = bits;
  by_id_.emplace(id, slot);
  // A route may carry more latency than its links (a multicast tree link's flow carries the
  // latency from the server to it): that extra delay comes before the first hop.
  sim::Time own;
  for (LinkId l : route.links) own += links_[l].latency;
  schedule(now + sim::max(route.latency - own, sim::Time::zero()), Kind::arrive, slot);
}

sim::Time FifoTransfer::next_completion() const {
  return events_.empty() ? sim::Time::infinity()
                         : sim::Time::from_ns(std::get<0>(*events_.begin()));
}

void FifoTransfer::serve(LinkId l, std::uint32_t slot, sim::Time t) {
  state_[l].busy = true;
  schedule(t + serialization_time(flows_[slot].bits, links_[l].bandwidth_bps), Kind::depart, slot);
}

void FifoTransfer::advance_to(sim::Time t, std::vector<FlowId>& completed) {
  COMMSIM_ASSERT(t >= now_, "cannot advance backwards");
  std::vector<std::pair<std::uint64_t, std::uint32_t>>
      done;  // (start seq, slot) due at one instant
  while (!events_.empty() && std::get<0>(*events_.begin()) <= t.ns()) {
    [[maybe_unused]] const auto [tns, eseq, kind, slot] = *events_.begin();
    events_.erase(events_.begin());
    const sim::Time te = sim::Time::from_ns(tns);
    Flow& f = flows_[slot];
    if (kind == Kind::arrive) {
      if (f.hop == f.links.size()) {
        done.emplace_back(f.seq, slot);
      } else {
        const LinkId l = f.links[f.hop];
        if (state_[l].busy) {
          state_[l].queue.push_back(slot);
        } else {
          serve(l, slot, te);
        }
      }
    } else {
      const LinkId l = f.links[f.hop];
      ++f.hop;
      schedule(te + links_[l].latency, Kind::arrive, slot);
      LinkState& s = state_[l];
      s.busy = false;
      if (!s.queue.empty()) {
        const std::uint32_t next = s.queue.front();
        s.queue.pop_front();
        serve(l, next, te);
      }
    }
    // Flush the completions of this instant, in start order, once no event remains at it.
    if (!done.empty() && (events_.empty() || std::get<0>(*events_.begin()) != tns)) {
      std::sort(done.begin(), done.end());
      for (const auto& [seq, s] : done) {
        completed.push_back(flows_[s].id);
        by_id_.erase(flows_[s].id);
        free_.push_back(s);
      }
      done.clear();
    }
  }
  now_ = t;
}

}  // namespace commsim::net
