#pragma once
/// \file
/// Builds a `Platform` from the scenario's `workers` and `network` sections. The keys (with
/// defaults) are listed in networks/README.md; every error is a ConfigError naming the JSON path
/// (or an InputError naming file:line for an availability trace).

#include <memory>
#include <string>
#include <vector>

#include "networks/platform.hpp"
#include "sim/kernel/json_reader.hpp"
#include "sim/kernel/registry.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::net {

/// Every topology kind, with a one-line description.
const std::vector<sim::RegistryEntry>& topology_kinds();
/// Every transfer model, with a one-line description.
const std::vector<sim::RegistryEntry>& transfer_models();

/// The factory of the transfer model called `name` (one of `transfer_models()`).
TransferModelFactory transfer_model_factory(const std::string& name);

/// Reads `workers` (speed, time_per_call, distributions, overrides, jitter, stragglers,
/// availability; `count` is read by the caller and passed as `num_workers`) and `network`
/// (topology, model, broadcast, header_bits) and builds the platform. Nested readers are
/// finished here; `workers` and `network` themselves are finished by the caller, which owns
/// them. Platform randomness (jitter, stragglers, availability phases, drawn link and host
/// parameters) comes from `streams`' "network", "hosts", "jitter", "stragglers" and
/// "availability" streams, never from the optimizer's. Relative trace paths are resolved
/// against `base_dir` when it is not empty.
std::unique_ptr<Platform> build_platform(sim::JsonReader& workers, sim::JsonReader& network,
                                         int num_workers, const sim::RngStreams& streams,
                                         const std::string& base_dir = "");

}  // namespace commsim::net
