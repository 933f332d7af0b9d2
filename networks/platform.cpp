#include "networks/platform.hpp"

#include <cmath>

#include "sim/errors.hpp"

namespace commsim::net {

Platform::Platform(std::vector<HostSpec> hosts, Topology topology, const TransferModelFactory& make_model)
    : hosts_(std::move(hosts)), topology_(std::move(topology)), model_(make_model(topology_.links())) {
  COMMSIM_ASSERT(static_cast<int>(hosts_.size()) == topology_.num_workers(), "one host per worker");
}

FlowId Platform::send(int src, int dst, sim::Bits bits, sim::Time now) {
  const FlowId id = next_flow_++;
  model_->start(id, topology_.route(src, dst), bits, now);
  return id;
}

void Platform::broadcast(std::span<const int> dsts, sim::Bits bits, sim::Time now, std::vector<FlowId>& ids) {
  for (int dst : dsts) ids.push_back(send(kServer, dst, bits, now));
}

sim::Time Platform::compute_time(int worker, const sim::Work& work, std::uint64_t) {
  const HostSpec& h = host(worker);
  if (h.time_per_call_s > 0.0) return sim::Time::from_seconds(h.time_per_call_s);
  if (work.flops <= 0.0 || std::isinf(h.speed_flops)) return sim::Time::zero();
  return sim::Time::from_seconds(work.flops / h.speed_flops);
}

sim::Time Platform::available_from(int, sim::Time t) const { return t; }

}  // namespace commsim::net
