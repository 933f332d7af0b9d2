#include "networks/network_spec.hpp"

#include "networks/topology_registry.hpp"

#include "networks/fifo_transfer.hpp"
#include "networks/ideal_transfer.hpp"
#include "networks/maxmin_transfer.hpp"
#include "networks/spec_values.hpp"

namespace commsim::net {
namespace {

using sim::Json;

// ideal, fifo and maxmin have no params.
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

TransferModelFactory make_weighted(const sim::AnyParams& params) {
  const SharingRule rule = params.get<SharingRule>();
  return [rule](const std::vector<LinkResource>& l) -> std::unique_ptr<TransferModel> {
    return std::make_unique<MaxMinTransfer>(l, rule);
  };
}

// The CM02 family's keys; `calibrated` gives LV08's defaults (SimGrid's, as of 3.32).
sim::ParamsDecl<SharingRule> sharing_decl(bool calibrated) {
  using S = SharingRule;
  sim::ParamsDecl<S> d;
  d.quantity("tcp_gamma", &S::tcp_gamma_bits, calibrated ? "4194304B" : "0", sim::Unit::bits,
             "largest TCP window: a flow's rate is at most tcp_gamma / (2 route latency); 0 = "
             "no window bound (SimGrid network/TCP-gamma)");
  d.boolean("crosstraffic", &S::crosstraffic, calibrated,
            "a flow also loads its reverse route with 0.05 of its rate (acknowledgements; "
            "SimGrid network/crosstraffic)");
  d.quantity("weight_s", &S::weight_s_bits, calibrated ? "20537B" : "0", sim::Unit::bits,
             "added to a flow's penalty once per route link as weight_s / bandwidth (SimGrid "
             "network/weight-S)");
  d.number("latency_factor", &S::latency_factor, calibrated ? 13.01 : 1.0,
           "the latency phase lasts latency_factor x route latency (SimGrid "
           "network/latency-factor)",
           sim::Range::at_least(0.0));
  d.number("bandwidth_factor", &S::bandwidth_factor, calibrated ? 0.97 : 1.0,
           "a flow moves at bandwidth_factor x its max-min share (SimGrid "
           "network/bandwidth-factor)",
           sim::Range::above(0.0));
  d.derive([](S& s) {
    s.latency_weights = true;
    return Json::object();
  });
  return d;
}

const sim::ParamsDecl<SharingRule>& cm02_params() {
  static const sim::ParamsDecl<SharingRule> d = sharing_decl(false);
  return d;
}
const sim::ParamsDecl<SharingRule>& lv08_params() {
  static const sim::ParamsDecl<SharingRule> d = sharing_decl(true);
  return d;
}

// `network.model`: a bare name ("maxmin"), or an object naming the model with its params
// ({"name": "cm02", "tcp_gamma": "64kB"}). A model without params stays a bare name in the
// resolved scenario; one with params is recorded as an object with every param.
Json parse_model(const Json* v, const std::string& path, sim::PartSpec& out) {
  const auto& registry = transfer_model_registry();
  Json object = Json::object();
  if (v && v->is_string()) {
    sim::require_known(transfer_models(), v->get<std::string>(), path, registry.noun());
    object[registry.name_key()] = *v;
  } else if (v && !v->is_object()) {
    throw ConfigError(path,
                      "expected a model name such as \"maxmin\", or an object such as "
                      "{\"name\": \"cm02\", \"tcp_gamma\": \"64kB\"}, got " +
                          sim::json_type_name(*v) + " (" + sim::show_json_value(*v) + ")");
  } else if (v) {
    object = *v;
  }
  Json resolved = Json::object();
  sim::JsonReader r(object, path, &resolved);
  out = registry.read(r);
  r.finish();
  if (resolved.size() == 1 && (!v || v->is_string())) return resolved[registry.name_key()];
  return resolved;
}

sim::ParamsDecl<NetworkSpec> make_decl() {
  using N = NetworkSpec;
  sim::ParamsDecl<N> d;
  sim::add_part(d, "topology", &N::topology, topology_registry(),
                "the graph of hosts and links (see `commsim list topologies`)");
  // A part that may also be given by its bare name (kind `any` with a registry).
  sim::KeyDecl model = grammar_key(
      "model", "",
      "the transfer model: a name, or {name, params} (see `commsim list transfer_models`)");
  model.registry = &transfer_model_registry();
  d.custom(std::move(model), &N::model, sim::ParamsDecl<N>::Parser<sim::PartSpec>(parse_model));
  d.choice("broadcast", &N::broadcast,
           {{"unicast", BroadcastMode::unicast}, {"multicast", BroadcastMode::multicast}},
           "unicast", "the server's broadcast: one message per worker, or a multicast tree");
  d.integer("header_bits", &N::header_bits, 0, "bits added to every message", 0);
  return d;
}

}  // namespace

const TransferModelRegistry& transfer_model_registry() {
  static const TransferModelRegistry registry(
      "transfer_models", "transfer model", "name", "ideal",
      {{"ideal", "latency + bits / bottleneck bandwidth, no contention", &no_params(),
        make_model<IdealTransfer>},
       {"fifo", "each link sends one message at a time in arrival order, store-and-forward",
        &no_params(), make_model<FifoTransfer>},
       {"maxmin",
        "plain max-min fair sharing of every link after a latency phase: every flow weighs the "
        "same",
        &no_params(), make_model<MaxMinTransfer>},
       {"cm02",
        "SimGrid CM02: max-min sharing weighted by 1 / route latency (RTT unfairness), optional "
        "TCP window bound",
        &cm02_params(), make_weighted},
       {"lv08",
        "SimGrid LV08 (its default): CM02 with latency x 13.01, rate x 0.97, weight S, TCP "
        "window and cross-traffic",
        &lv08_params(), make_weighted}});
  return registry;
}

const std::vector<sim::RegistryEntry>& transfer_models() {
  static const std::vector<sim::RegistryEntry> models = transfer_model_registry().infos();
  return models;
}

TransferModelFactory transfer_model_factory(const sim::PartSpec& model) {
  return transfer_model_registry().at(model).make(model.params);
}

const sim::ParamsDecl<NetworkSpec>& network_spec_decl() {
  static const sim::ParamsDecl<NetworkSpec> decl = make_decl();
  return decl;
}

}  // namespace commsim::net
