#pragma once
/// \file
/// Custom topologies from GraphML files (read with Boost Graph's `read_graphml`). Every node
/// carries a `name` data key ("server", "worker0".."worker{n-1}", or any other name for a switch);
/// every edge carries `bandwidth` and `latency` (unit strings, e.g. "10Mbps", "1ms"; latency
/// defaults to "0") and optionally `shared` ("true"/"false"). Edges are undirected links,
/// full-duplex unless shared.

#include <string>

#include "networks/topology.hpp"

namespace commsim::net {

/// Adds the nodes and links of GraphML `file` to `builder`. Throws InputError(file, ...) for an
/// unreadable or malformed file, a missing name, a duplicate node or a bad quantity.
void add_graphml(TopologyBuilder& builder, const std::string& file, bool default_shared);

}  // namespace commsim::net
