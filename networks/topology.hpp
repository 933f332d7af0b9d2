#pragma once
/// \file
/// Where messages go: directed link resources and a route between the server and every worker,
/// computed once at build time. `TopologyBuilder` holds the node/link graph (Boost Graph) and
/// computes the routes by shortest path: Dijkstra on latency, ties broken by hop count, and
/// remaining ties by the order links were added (deterministic).

#include <optional>
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

  /// The topology kind ("star", "custom", ...).
  const std::string& kind() const { return kind_; }
  /// Number of workers (one uplink and one downlink route each).
  int num_workers() const { return static_cast<int>(uplinks_.size()); }
  /// Every directed link resource, indexed by LinkId.
  const std::vector<LinkResource>& links() const { return links_; }
  /// Route of a message from `src` to `dst` (one of them the server).
  const Route& route(int src, int dst) const;

 private:
  std::string kind_;
  std::vector<LinkResource> links_;
  std::vector<Route> uplinks_;    ///< worker i → server
  std::vector<Route> downlinks_;  ///< server → worker i
};

/// One direction's parameters of a link.
struct LinkSpec {
  double bandwidth_bps = 0.0;  ///< bit/s; +inf for unconstrained
  sim::Time latency;           ///< propagation latency
};

/// A graph of named nodes and links from which a `Topology` (resources + routes) is built. Node
/// 0 is "server" and nodes 1..n are "worker0".."worker{n-1}"; other nodes (switches) are added.
class TopologyBuilder {
 public:
  /// Creates the server and `num_workers` worker nodes.
  explicit TopologyBuilder(int num_workers);

  /// Node index of the server.
  static int server() { return 0; }
  /// Node index of worker `i`.
  static int worker(int i) { return i + 1; }
  /// Adds a node (e.g. a switch) and returns its index; names must be unique.
  int add_node(const std::string& name);
  /// The node called `name`, if any.
  std::optional<int> find_node(const std::string& name) const;
  /// Number of nodes.
  int num_nodes() const { return static_cast<int>(names_.size()); }
  /// Name of node `v`.
  const std::string& node_name(int v) const { return names_[static_cast<std::size_t>(v)]; }

  /// Adds a link between nodes `a` and `b`. Full duplex: two resources, `forward` for a→b and
  /// `backward` for b→a. Shared (SimGrid's SHARED policy): one resource with `forward`'s
  /// parameters used by both directions.
  void add_link(int a, int b, const LinkSpec& forward, const LinkSpec& backward, bool shared,
                const std::string& name);

  /// Computes every server↔worker route. Throws ConfigError at `path` naming the first worker
  /// that cannot reach the server or be reached from it.
  Topology build(std::string kind, const std::string& path) const;

 private:
  struct Arc {
    int from, to;
    LinkId link;
  };
  int num_workers_;
  std::vector<std::string> names_;
  std::vector<LinkResource> links_;
  std::vector<Arc> arcs_;
};

/// A star (parameter server): worker i has its own uplink and downlink to a hub; the hub reaches
/// the server through the server's access link (`server_up` into the server, `server_down` out
/// of it), shared by all its flows in each direction. An unlimited (infinite bandwidth, zero
/// latency) server link is left out of the routes.
Topology make_star(const std::vector<LinkSpec>& uplinks, const std::vector<LinkSpec>& downlinks,
                   const LinkSpec& server_up, const LinkSpec& server_down, bool shared = false);

}  // namespace commsim::net
