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

/// A link the scenario lists: symmetric ({bandwidth, latency} both ways) or asymmetric
/// (`forward` from → to and `backward` to → from, each {bandwidth, latency}).
struct CustomLink {
  std::string from, to;
  std::optional<double> bandwidth_bps, latency_s;  ///< symmetric
  std::optional<LinkParams> forward, backward;     ///< asymmetric
  std::optional<bool> shared;  ///< set when read (absent: the topology's `shared`)
  std::string path;
  /// The from → to direction's parameters.
  LinkSpec forward_spec() const;
  /// The to → from direction's parameters.
  LinkSpec backward_spec() const;
};

/// The links and the `shared` they default to (one member: the links' parser needs both).
struct CustomLinks {
  bool shared = false;
  std::vector<CustomLink> list;
};

struct CustomTopologyParams {
  CustomLinks links;
  std::vector<CustomNode> nodes;
  std::optional<std::string> graphml;  ///< as written; read when building
  std::string path;                    ///< where the topology was read (errors found when building)
};

/// Builds the custom topology (the GraphML file, if any, is read here).
Topology build_custom_topology(const sim::AnyParams& params, const TopologyInputs& inputs);
/// The declaration of the custom kind's keys.
const sim::ParamsDecl<CustomTopologyParams>& custom_topology_decl();

}  // namespace commsim::net
