#include "networks/network_spec.hpp"

#include "networks/topology_registry.hpp"

#include "networks/fifo_transfer.hpp"
#include "networks/ideal_transfer.hpp"
#include "networks/maxmin_transfer.hpp"
#include "networks/spec_values.hpp"

namespace commsim::net {
namespace {

using sim::Json;

// The transfer models have no params of their own yet.
struct NoParams {};
const sim::ParamsDecl<NoParams>& no_params() {
  static const sim::ParamsDecl<NoParams> d;
  return d;
}

template <class Model>
TransferModelFactory make_model(const sim::AnyParams&) {
  return [](const std::vector<LinkResource>& l) -> std::unique_ptr<TransferModel> {
    return std::make_unique<Model>(l);
  };
}

Json parse_model(const Json* v, const std::string& path, std::string& out) {
  static const sim::ParamsDecl<NetworkSpec> decl = [] {
    sim::ParamsDecl<NetworkSpec> d;
    d.string("model", &NetworkSpec::model, "ideal", "transfer model");
    return d;
  }();
  NetworkSpec s;
  Json resolved = sim::read_key_alone(decl, "model", v, path, s);
  sim::require_known(transfer_models(), s.model, path, transfer_model_registry().noun());
  out = s.model;
  return resolved;
}

sim::ParamsDecl<NetworkSpec> make_decl() {
  using N = NetworkSpec;
  sim::ParamsDecl<N> d;
  sim::add_part(d, "topology", &N::topology, topology_registry(),
                "the graph of hosts and links (see `commsim list topologies`)");
  d.custom(grammar_key("model", "name", "the transfer model (see `commsim list models`)"),
           &N::model, sim::ParamsDecl<N>::Parser<std::string>(parse_model));
  d.choice("broadcast", &N::broadcast,
           {{"unicast", BroadcastMode::unicast}, {"multicast", BroadcastMode::multicast}},
           "unicast", "the server's broadcast: one message per worker, or a multicast tree");
  d.integer("header_bits", &N::header_bits, 0, "bits added to every message", 0);
  return d;
}

}  // namespace

const TransferModelRegistry& transfer_model_registry() {
  static const TransferModelRegistry registry(
      "transfer_models", "transfer model", "", "ideal",
      {{"ideal", "latency + bits / bottleneck bandwidth, no contention", &no_params(),
        make_model<IdealTransfer>},
       {"fifo", "each link sends one message at a time in arrival order, store-and-forward",
        &no_params(), make_model<FifoTransfer>},
       {"maxmin",
        "flow-level max-min fair sharing of every link after a latency phase (SimGrid CM02)",
        &no_params(), make_model<MaxMinTransfer>}});
  return registry;
}

const std::vector<sim::RegistryEntry>& transfer_models() {
  static const std::vector<sim::RegistryEntry> models = transfer_model_registry().infos();
  return models;
}

TransferModelFactory transfer_model_factory(const std::string& name) {
  const auto& e = transfer_model_registry().require(name, "network.model");
  return e.make(sim::AnyParams::of(NoParams{}));
}

const sim::ParamsDecl<NetworkSpec>& network_spec_decl() {
  static const sim::ParamsDecl<NetworkSpec> decl = make_decl();
  return decl;
}

}  // namespace commsim::net
