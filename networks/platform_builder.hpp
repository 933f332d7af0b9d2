#pragma once
/// \file
/// Builds a `Platform` from the scenario's `workers` and `network` specs (read by
/// `workers_spec_decl()` and `network_spec_decl()`; the keys, with defaults, are listed in
/// networks/README.md). Errors found only when building (a worker index beyond the count, an
/// unknown node, a missing route) are ConfigErrors naming the JSON path; files (availability
/// traces, GraphML topologies) are read here, with InputErrors naming file:line.

#include <memory>
#include <string>

#include "networks/network_spec.hpp"
#include "networks/platform.hpp"
#include "networks/topology_registry.hpp"
#include "networks/workers_spec.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::net {

/// Builds the platform of `num_workers` workers. Platform randomness (jitter, stragglers,
/// availability phases, drawn link and host parameters) comes from `streams`' "network",
/// "hosts", "jitter", "stragglers" and "availability" streams, never from the optimizer's.
/// Relative trace and GraphML paths are resolved against `base_dir` when it is not empty.
std::unique_ptr<Platform> build_platform(const WorkersSpec& workers, const NetworkSpec& network,
                                         int num_workers, const sim::RngStreams& streams,
                                         const std::string& base_dir = "");

/// The rules between the two sections (reconcile_topology_keys): a quantity set both per worker
/// and by an explicit topology key, or a downward key under `shared: true`, is a ConfigError
/// naming both paths; unused defaults are removed from `resolved_network` (the resolved
/// `network` section). Run when reading, before anything is built.
void reconcile_platform_keys(const WorkersSpec& workers, const NetworkSpec& network,
                             sim::Json& resolved_network);

}  // namespace commsim::net
