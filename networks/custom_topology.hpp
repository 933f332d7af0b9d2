#pragma once
/// \file
/// The `custom` topology kind: nodes and links listed in the scenario and/or a GraphML file
/// (read when building), routed by shortest latency.

#include <optional>
#include <string>
#include <vector>

#include "networks/topology_registry.hpp"

namespace commsim::net {

/// A node the scenario lists, with where it was written.
struct CustomNode {
  std::string name, path;
};

/// A link the scenario lists.
struct CustomLink : LinkParams {
  std::string from, to;
  std::optional<bool> shared;  ///< set to the topology's `shared` when absent
  std::string path;
};

struct CustomTopologyParams : TopologyCommon {
  std::vector<CustomNode> nodes;
  std::optional<std::string> graphml;  ///< as written; read when building
  std::vector<CustomLink> links;
  std::string path;  ///< where the topology was read (errors found when building)
};

/// The factory of the custom kind.
TopologyKind custom_topology_kind();
/// The declaration of the custom kind's keys.
const sim::ParamsDecl<CustomTopologyParams>& custom_topology_decl();

}  // namespace commsim::net
