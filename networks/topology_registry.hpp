#pragma once
/// \file
/// Topology kinds as one registry: each kind declares its keys (`network.topology.*`; the name
/// key is `kind`, default "star"; the scenario reads the object with `topology_registry().read`)
/// and builds its `Topology` from the params it read and from the workers' access links.

#include <functional>
#include <string>
#include <vector>

#include "networks/builtin_topologies.hpp"
#include "networks/spec_values.hpp"
#include "sim/kernel/registry.hpp"

namespace commsim::net {

/// What a topology takes from the workers section when it is built.
struct TopologyInputs {
  int num_workers = 0;
  /// Every worker's (uplink, downlink): `defaults`, then drawn values and overrides.
  std::function<std::vector<LinkPair>(const LinkPair& defaults)> access_links;
  /// Whether the workers section sets links per worker (only kinds with access links take it).
  bool per_worker_links = false;
  std::string workers_path = "workers";
  /// Relative GraphML paths are resolved against this directory when it is not empty.
  std::string base_dir;
};

/// The key every kind with access links has.
struct TopologyCommon {
  bool shared = false;  ///< links are half-duplex (one medium for both directions)
};

/// A topology kind's factory: its topology from the params its declaration read.
using TopologyFactory = Topology (*)(const sim::AnyParams& params, const TopologyInputs& inputs);
using TopologyRegistry = sim::Registry<TopologyFactory>;

/// Every topology kind (kind "topologies", name key "kind", default "star"; the noun is
/// "topology kind", as the messages have always said).
const TopologyRegistry& topology_registry();
/// The registry's entries, with their one-line descriptions.
const std::vector<sim::RegistryEntry>& topology_kinds();

/// The help of the `shared` key.
inline constexpr const char* kSharedHelp =
    "links are half-duplex: both directions share one medium";

/// Builds the topology a spec read by `topology_registry().read` describes.
Topology build_topology(const sim::PartSpec& spec, const TopologyInputs& inputs);

/// The error for per-worker links under a kind that has no per-worker access links.
void reject_per_worker_links(const TopologyInputs& inputs, const std::string& kind);

}  // namespace commsim::net
