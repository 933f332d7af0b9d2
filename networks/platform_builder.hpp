#pragma once
/// \file
/// Builds a `Platform` from the scenario's `workers` and `network` sections.

#include <memory>
#include <vector>

#include "networks/platform.hpp"
#include "sim/json_reader.hpp"
#include "sim/registry.hpp"
#include "sim/rng.hpp"

namespace commsim::net {

/// Every topology kind, with a one-line description.
const std::vector<sim::RegistryEntry>& topology_kinds();
/// Every transfer model, with a one-line description.
const std::vector<sim::RegistryEntry>& transfer_models();

/// Reads `workers` (speed, overrides; `count` already read by the caller and passed as
/// `num_workers`) and `network` (topology, model) and builds the platform. Platform randomness
/// (jitter, stragglers, drawn link parameters) comes from `streams`' network/platform streams,
/// never from the optimizer's.
std::unique_ptr<Platform> build_platform(sim::JsonReader& workers, sim::JsonReader& network, int num_workers,
                                         const sim::RngStreams& streams);

}  // namespace commsim::net
