#include "networks/ideal_transfer.hpp"

#include <cmath>
#include <limits>

namespace commsim::net {

void IdealTransfer::start(FlowId id, const Route& route, sim::Bits bits, sim::Time now) {
  double bottleneck = std::numeric_limits<double>::infinity();
  for (LinkId l : route.links) bottleneck = std::min(bottleneck, links_[l].bandwidth_bps);
  pending_.push(Pending{now + route.latency + serialization_time(bits, bottleneck), seq_++, id});
}

sim::Time IdealTransfer::next_completion() const {
  return pending_.empty() ? sim::Time::infinity() : pending_.top().done;
}

void IdealTransfer::advance_to(sim::Time t, std::vector<FlowId>& completed) {
  while (!pending_.empty() && pending_.top().done <= t) {
    completed.push_back(pending_.top().id);
    pending_.pop();
  }
}

}  // namespace commsim::net
