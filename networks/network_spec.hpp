#pragma once
/// \file
/// The scenario's `network` section as a plain spec: the topology (a part of the topology
/// registry), the transfer model (a part of the transfer-model registry, given as a bare name or
/// an object with its params), the broadcast
/// mode and the per-message header.

#include <string>
#include <vector>

#include "networks/platform.hpp"
#include "sim/kernel/params.hpp"
#include "sim/kernel/registry.hpp"

namespace commsim::net {

/// A transfer model's factory: the model over a link table, from the model's params.
using TransferModelMaker = TransferModelFactory (*)(const sim::AnyParams& params);
using TransferModelRegistry = sim::Registry<TransferModelMaker>;

/// Every transfer model (kind "transfer_models", noun "transfer model", name key "name").
const TransferModelRegistry& transfer_model_registry();
/// The registry's entries, with their one-line descriptions.
const std::vector<sim::RegistryEntry>& transfer_models();
/// The factory of the chosen transfer model, with its params.
TransferModelFactory transfer_model_factory(const sim::PartSpec& model);

/// The `network` section.
struct NetworkSpec {
  /// A `topology_registry()` part, declared first in `network_spec_decl()` (sim::add_part).
  sim::PartSpec topology;
  /// A `transfer_model_registry()` part (default `ideal`).
  sim::PartSpec model;
  BroadcastMode broadcast = BroadcastMode::unicast;
  sim::Bits header_bits = 0;
};

/// The declaration of the `network` keys (topology first).
const sim::ParamsDecl<NetworkSpec>& network_spec_decl();

}  // namespace commsim::net
