#include "networks/topology.hpp"

#include <cmath>

#include "sim/errors.hpp"

namespace commsim::net {

Topology::Topology(std::string kind, std::vector<LinkResource> links, std::vector<Route> uplinks,
                   std::vector<Route> downlinks)
    : kind_(std::move(kind)), links_(std::move(links)), uplinks_(std::move(uplinks)), downlinks_(std::move(downlinks)) {
  COMMSIM_ASSERT(uplinks_.size() == downlinks_.size(), "one uplink and one downlink route per worker");
}

const Route& Topology::route(int src, int dst) const {
  if (src == kServer) {
    COMMSIM_ASSERT(dst >= 0 && dst < num_workers(), "bad destination worker");
    return downlinks_[static_cast<std::size_t>(dst)];
  }
  COMMSIM_ASSERT(dst == kServer && src >= 0 && src < num_workers(), "only server<->worker routes exist");
  return uplinks_[static_cast<std::size_t>(src)];
}

Topology make_star(const std::vector<LinkSpec>& uplinks, const std::vector<LinkSpec>& downlinks,
                   const LinkSpec& server_up, const LinkSpec& server_down) {
  COMMSIM_ASSERT(uplinks.size() == downlinks.size(), "one uplink and downlink spec per worker");
  std::vector<LinkResource> links;
  std::vector<Route> up, down;
  const bool server_in = !std::isinf(server_up.bandwidth_bps) || server_up.latency > sim::Time::zero();
  const bool server_out = !std::isinf(server_down.bandwidth_bps) || server_down.latency > sim::Time::zero();
  LinkId server_in_id = 0, server_out_id = 0;
  if (server_in) {
    server_in_id = static_cast<LinkId>(links.size());
    links.push_back({"server:in", server_up.bandwidth_bps, server_up.latency});
  }
  if (server_out) {
    server_out_id = static_cast<LinkId>(links.size());
    links.push_back({"server:out", server_down.bandwidth_bps, server_down.latency});
  }
  for (std::size_t i = 0; i < uplinks.size(); ++i) {
    const auto up_id = static_cast<LinkId>(links.size());
    links.push_back({"worker" + std::to_string(i) + ":up", uplinks[i].bandwidth_bps, uplinks[i].latency});
    const auto down_id = static_cast<LinkId>(links.size());
    links.push_back({"worker" + std::to_string(i) + ":down", downlinks[i].bandwidth_bps, downlinks[i].latency});
    Route u{{up_id}, uplinks[i].latency};
    if (server_in) {
      u.links.push_back(server_in_id);
      u.latency += server_up.latency;
    }
    Route d;
    if (server_out) {
      d.links.push_back(server_out_id);
      d.latency = server_down.latency;
    }
    d.links.push_back(down_id);
    d.latency += downlinks[i].latency;
    up.push_back(std::move(u));
    down.push_back(std::move(d));
  }
  return Topology("star", std::move(links), std::move(up), std::move(down));
}

}  // namespace commsim::net
