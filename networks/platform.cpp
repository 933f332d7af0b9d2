#include "networks/platform.hpp"

#include <cmath>

#include "sim/kernel/errors.hpp"

namespace commsim::net {

Platform::Platform(std::vector<HostSpec> hosts, Topology topology,
                   const TransferModelFactory& make_model)
    : Platform(HostModel(std::move(hosts)), std::move(topology), make_model) {}

Platform::Platform(HostModel hosts, Topology topology, const TransferModelFactory& make_model,
                   BroadcastMode broadcast)
    : hosts_(std::move(hosts)),
      topology_(std::move(topology)),
      model_(make_model(topology_.links())),
      broadcast_(broadcast) {
  COMMSIM_ASSERT(hosts_.size() == topology_.num_workers(), "one host per worker");
}

FlowId Platform::send(int src, int dst, sim::Bits bits, sim::Time now) {
  const FlowId id = next_flow_++;
  model_->start(id, topology_.route(src, dst), bits + header_bits_, now);
  return id;
}

void Platform::broadcast(std::span<const int> dsts, sim::Bits bits, sim::Time now,
                         std::vector<FlowId>& ids) {
  if (broadcast_ == BroadcastMode::unicast) {
    for (int dst : dsts) ids.push_back(send(kServer, dst, bits, now));
    return;
  }
  // One flow per tree link, keyed by link; routes come from one shortest-path tree, so a link's
  // prefix latency is the same in every route that crosses it.
  std::unordered_map<LinkId, FlowId> link_flow;
  for (int dst : dsts) {
    const Route& r = topology_.route(kServer, dst);
    if (r.links.empty()) {
      ids.push_back(send(kServer, dst, bits, now));
      continue;
    }
    const FlowId id = next_flow_++;
    ids.push_back(id);
    const std::uint64_t key = next_pending_++;
    pending_.emplace(key, Pending{id, r.links.size()});
    sim::Time prefix;
    for (LinkId l : r.links) {
      prefix += topology_.links()[l].latency;
      auto [it, fresh] = link_flow.emplace(l, 0);
      if (fresh) {
        it->second = next_flow_++;
        model_->start(it->second, Route{{l}, prefix}, bits + header_bits_, now);
      }
      tree_flows_[it->second].push_back(key);
    }
  }
}

void Platform::advance_to(sim::Time t, std::vector<FlowId>& completed) {
  if (tree_flows_.empty()) {
    model_->advance_to(t, completed);
    return;
  }
  scratch_.clear();
  model_->advance_to(t, scratch_);
  for (FlowId f : scratch_) {
    const auto it = tree_flows_.find(f);
    if (it == tree_flows_.end()) {
      completed.push_back(f);
      continue;
    }
    for (std::uint64_t key : it->second) {
      auto p = pending_.find(key);
      COMMSIM_ASSERT(p != pending_.end() && p->second.links_left > 0, "multicast bookkeeping");
      if (--p->second.links_left == 0) {
        completed.push_back(p->second.id);
        pending_.erase(p);
      }
    }
    tree_flows_.erase(it);
  }
}

sim::Time Platform::compute_time(int worker, const sim::Work& work, std::uint64_t round) {
  return hosts_.compute_time(worker, work, round);
}

sim::Time Platform::available_from(int worker, sim::Time t) const {
  return hosts_.available_from(worker, t);
}

}  // namespace commsim::net
