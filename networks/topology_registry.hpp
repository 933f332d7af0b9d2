#pragma once
/// \file
/// Topology kinds as one registry: each kind declares its keys (`network.topology.*`, the name
/// key is `kind`, default "star") and builds its `Topology` from the params it read and from the
/// workers' access links.

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

/// The keys every kind has.
struct TopologyCommon {
  std::string kind = "star";
  bool shared = false;  ///< links are half-duplex (one medium for both directions)
};

/// A topology kind's factory: reading its params from the whole `topology` object (pure), and
/// building from them.
struct TopologyKind {
  sim::AnyParams (*read)(const sim::Json& object, const std::string& path, sim::Json* resolved);
  Topology (*build)(const sim::AnyParams& params, const TopologyInputs& inputs);
};
using TopologyRegistry = sim::Registry<TopologyKind>;

/// Every topology kind (kind "topologies", noun "topology", name key "kind", default "star").
const TopologyRegistry& topology_registry();
/// The registry's entries, with their one-line descriptions.
const std::vector<sim::RegistryEntry>& topology_kinds();

/// Adds `kind` and `shared` to a kind's declaration (every kind's object has them).
template <class P>
void add_topology_common(sim::ParamsDecl<P>& d) {
  d.string("kind", &TopologyCommon::kind, "star", "topology kind");
  d.boolean("shared", &TopologyCommon::shared, false,
            "links are half-duplex: both directions share one medium");
}

/// Reads `network.topology` (absent: a default star) into its kind and params.
sim::Json read_topology(const sim::Json* value, const std::string& path, sim::PartSpec& out);
/// Builds the topology a spec read by `read_topology` describes.
Topology build_topology(const sim::PartSpec& spec, const TopologyInputs& inputs);

/// The error for per-worker links under a kind that has no per-worker access links.
void reject_per_worker_links(const TopologyInputs& inputs, const std::string& kind);

}  // namespace commsim::net
