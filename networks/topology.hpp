#pragma once
/// \file
/// Where messages go: directed link resources and a route between the server and every worker,
/// computed once at build time.

#include <string>
#include <vector>

#include "networks/transfer_model.hpp"

namespace commsim::net {

/// Endpoint index of the server; workers are 0..n-1.
constexpr int kServer = -1;

/// Link resources and the precomputed server↔worker routes.
class Topology {
 public:
  Topology(std::string kind, std::vector<LinkResource> links, std::vector<Route> uplinks,
           std::vector<Route> downlinks);

  const std::string& kind() const { return kind_; }
  int num_workers() const { return static_cast<int>(uplinks_.size()); }
  const std::vector<LinkResource>& links() const { return links_; }
  /// Route of a message from `src` to `dst` (one of them the server).
  const Route& route(int src, int dst) const;

 private:
  std::string kind_;
  std::vector<LinkResource> links_;
  std::vector<Route> uplinks_;    ///< worker i → server
  std::vector<Route> downlinks_;  ///< server → worker i
};

/// One direction's parameters of a star's access link.
struct LinkSpec {
  double bandwidth_bps = 0.0;
  sim::Time latency;
};

/// A star (parameter server): worker i has its own uplink and downlink; the server's access
/// link, when finite, is shared by all its flows in each direction.
Topology make_star(const std::vector<LinkSpec>& uplinks, const std::vector<LinkSpec>& downlinks,
                   const LinkSpec& server_up, const LinkSpec& server_down);

}  // namespace commsim::net
