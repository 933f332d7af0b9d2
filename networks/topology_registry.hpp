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
  std::string path;     ///< where the topology was read
};

/// The access-link quantities the workers section sets per worker (drawn or listed), each by
/// its JSON path (empty: not set), and the paths of its overrides' downlinks.
struct PerWorkerLinkKeys {
  std::string up_bandwidth, up_latency, down_bandwidth, down_latency;
  std::vector<std::string> override_downlinks;
};

/// No silent overrides: a topology key given explicitly that per-worker values replace, or a
/// downward key (`downlink`, `server_out`, ...) given with `shared: true`, is a ConfigError
/// naming both JSON paths. Then removes from `resolved_topology` the defaults that are not
/// used, so that the resolved scenario shows the values actually used.
void reconcile_topology_keys(const sim::PartSpec& topology, const PerWorkerLinkKeys& per_worker,
                             sim::Json& resolved_topology);

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
