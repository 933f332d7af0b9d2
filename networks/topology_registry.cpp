#include "networks/topology_registry.hpp"

#include <fmt/format.h>

#include "networks/custom_topology.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::net {
namespace {

using sim::Json;

// Kinds whose workers have access links (uplink/downlink, per-worker values apply).
struct AccessTopology : TopologyCommon {
  LinkParams uplink, downlink;
  /// The keys of the direction away from the server that were given (unused when shared).
  std::vector<std::string> downward_given;
  LinkPair access() const { return {uplink.spec(), downlink.spec()}; }
};
struct StarParams : AccessTopology {
  LinkParams server_in, server_out;
};
// One entry of a tree's `rack_overrides`: links for a selection of racks.
struct RackOverride {
  std::vector<WorkerRange> racks;
  std::optional<LinkParams> rack_uplink, rack_downlink;
  std::string path;
};
struct TreeParams : AccessTopology {
  int workers_per_rack = 16;
  LinkParams rack_uplink, rack_downlink, core_uplink, core_downlink;
  std::vector<RackOverride> rack_overrides;
};

sim::ParamsDecl<RackOverride> make_rack_override_decl() {
  using R = RackOverride;
  using Link = sim::ParamsDecl<R>::Parser<std::optional<LinkParams>>;
  const Link link = [](const Json* v, const std::string& path, std::optional<LinkParams>& out) {
    if (!v) return Json();
    require_object(*v, path);
    Json resolved;
    out = link_decl(LinkDefaults::required).read_object(*v, path, &resolved);
    return resolved;
  };
  sim::ParamsDecl<R> d;
  d.custom(grammar_key("racks", "index | [index, ...] | \"a-b\"", "the racks this applies to"),
           &R::racks,
           sim::ParamsDecl<R>::Parser<std::vector<WorkerRange>>(
               [](const Json* v, const std::string& path, std::vector<WorkerRange>& out) {
                 if (!v)
                   throw ConfigError(
                       path, "required: an index, a list of indices, or a range like \"0-1\"");
                 out = parse_worker_set(*v, path, "rack");
                 return *v;
               }));
  d.custom(grammar_key("rack_uplink", "{bandwidth, latency}", "their link towards the core"),
           &R::rack_uplink, link);
  d.custom(grammar_key("rack_downlink", "{bandwidth, latency}", "their link from the core"),
           &R::rack_downlink, link);
  return d;
}

Json parse_rack_overrides(const Json* v, const std::string& path, std::vector<RackOverride>& out) {
  static const sim::ParamsDecl<RackOverride> decl = make_rack_override_decl();
  return read_object_list(decl, v, path, out);
}

// Every rack's link: the tree's rack_uplink/rack_downlink, then the overrides in order.
std::vector<LinkPair> rack_links(const TreeParams& p, int num_workers) {
  const int racks = two_level_tree_racks(num_workers, p.workers_per_rack);
  std::vector<LinkPair> links(static_cast<std::size_t>(racks),
                              LinkPair{p.rack_uplink.spec(), p.rack_downlink.spec()});
  for (const auto& o : p.rack_overrides) {
    for (int r : expand_worker_set(o.racks, racks, "rack")) {
      if (o.rack_uplink) links[static_cast<std::size_t>(r)].up = o.rack_uplink->spec();
      if (o.rack_downlink) links[static_cast<std::size_t>(r)].down = o.rack_downlink->spec();
    }
  }
  return links;
}
struct MeshParams : AccessTopology {
  LinkParams peer_uplink, peer_downlink;
};
// The ring's uplink/downlink are its ring links (up = increasing ring index).
using RingParams = AccessTopology;

template <class P>
void add_pair(sim::ParamsDecl<P>& d, const std::string& up, LinkParams P::*up_member,
              const std::string& down, LinkParams P::*down_member, LinkDefaults defaults,
              const std::string& what) {
  d.object(up, up_member, link_decl(defaults), what + " towards the server");
  d.object(down, down_member, link_decl(defaults), what + " away from the server");
  d.presence(down, &AccessTopology::downward_given);
}

template <class P>
sim::ParamsDecl<P> access_decl(const std::string& what) {
  sim::ParamsDecl<P> d;
  d.boolean("shared", &TopologyCommon::shared, false, kSharedHelp);
  d.object("uplink", static_cast<LinkParams P::*>(&AccessTopology::uplink),
           link_decl(LinkDefaults::access), what + " towards the server");
  d.object("downlink", static_cast<LinkParams P::*>(&AccessTopology::downlink),
           link_decl(LinkDefaults::access), what + " away from the server");
  d.presence("downlink", &AccessTopology::downward_given);
  d.rule([](P& p, const std::string& path) { p.path = path; });
  return d;
}

const sim::ParamsDecl<StarParams>& star_decl() {
  static const sim::ParamsDecl<StarParams> d = [] {
    auto s = access_decl<StarParams>("each worker's access link");
    add_pair(s, "server_in", &StarParams::server_in, "server_out", &StarParams::server_out,
             LinkDefaults::unlimited, "the server's shared access link");
    return s;
  }();
  return d;
}

const sim::ParamsDecl<TreeParams>& tree_decl() {
  static const sim::ParamsDecl<TreeParams> d = [] {
    auto t = access_decl<TreeParams>("each worker's link to its rack switch");
    t.integer("workers_per_rack", &TreeParams::workers_per_rack, 16, "workers under one rack", 1,
              1 << 30);
    add_pair(t, "rack_uplink", &TreeParams::rack_uplink, "rack_downlink",
             &TreeParams::rack_downlink, LinkDefaults::rack, "each rack's link to the core");
    add_pair(t, "core_uplink", &TreeParams::core_uplink, "core_downlink",
             &TreeParams::core_downlink, LinkDefaults::unlimited, "the core's link to the server");
    t.custom(grammar_key("rack_overrides", "[{racks, rack_uplink, rack_downlink}]",
                         "links for selected racks (rack r holds workers r*workers_per_rack ...)"),
             &TreeParams::rack_overrides,
             sim::ParamsDecl<TreeParams>::Parser<std::vector<RackOverride>>(parse_rack_overrides));
    t.rule([](TreeParams& p, const std::string& path) {
      for (const auto& o : p.rack_overrides) {
        if (p.shared && o.rack_downlink) {
          throw ConfigError(sim::join_path(o.path, "rack_downlink"),
                            fmt::format("unused: {} is true (links use their uplink values)",
                                        sim::join_path(path, "shared")));
        }
      }
    });
    return t;
  }();
  return d;
}

const sim::ParamsDecl<MeshParams>& mesh_decl() {
  static const sim::ParamsDecl<MeshParams> d = [] {
    auto m = access_decl<MeshParams>("each worker's direct link to the server");
    add_pair(m, "peer_uplink", &MeshParams::peer_uplink, "peer_downlink",
             &MeshParams::peer_downlink, LinkDefaults::access, "each worker-worker link");
    return m;
  }();
  return d;
}

const sim::ParamsDecl<RingParams>& ring_decl() {
  static const sim::ParamsDecl<RingParams> d = access_decl<RingParams>("every ring link");
  return d;
}

// Splits per-worker pairs into the star's uplinks and downlinks.
Topology build_star(const sim::AnyParams& params, const TopologyInputs& in) {
  const auto& p = params.get<StarParams>();
  std::vector<LinkSpec> ups, downs;
  for (const auto& a : in.access_links(p.access())) {
    ups.push_back(a.up);
    downs.push_back(a.down);
  }
  return make_star(ups, downs, p.server_in.spec(), p.server_out.spec(), p.shared);
}

Topology build_tree(const sim::AnyParams& params, const TopologyInputs& in) {
  const auto& p = params.get<TreeParams>();
  return make_two_level_tree(in.access_links(p.access()), p.workers_per_rack,
                             rack_links(p, in.num_workers),
                             {p.core_uplink.spec(), p.core_downlink.spec()}, p.shared);
}

Topology build_mesh(const sim::AnyParams& params, const TopologyInputs& in) {
  const auto& p = params.get<MeshParams>();
  return make_full_mesh(in.access_links(p.access()), {p.peer_uplink.spec(), p.peer_downlink.spec()},
                        p.shared);
}

Topology build_ring(const sim::AnyParams& params, const TopologyInputs& in) {
  const auto& p = params.get<RingParams>();
  reject_per_worker_links(in, "ring");
  return make_ring(in.num_workers, p.access(), p.shared);
}

}  // namespace

const TopologyRegistry& topology_registry() {
  static const TopologyRegistry registry(
      "topologies", "topology kind", "kind", "star",
      {{"star", "parameter server: per-worker uplink/downlink plus the server's shared access link",
        &star_decl(), build_star},
       {"two_level_tree", "workers -> rack switches -> core switch -> server, per-level links",
        &tree_decl(), build_tree},
       {"ring", "server is ring node 0, workers the others; messages take the shorter way round",
        &ring_decl(), build_ring},
       {"full_mesh", "a direct link between every pair of nodes (server and workers)", &mesh_decl(),
        build_mesh},
       {"custom", "nodes and links listed in the scenario; routes by shortest latency",
        &custom_topology_decl(), build_custom_topology}});
  return registry;
}

const std::vector<sim::RegistryEntry>& topology_kinds() {
  static const std::vector<sim::RegistryEntry> kinds = topology_registry().infos();
  return kinds;
}

Topology build_topology(const sim::PartSpec& spec, const TopologyInputs& inputs) {
  return topology_registry().at(spec).make(spec.params, inputs);
}

namespace {

// The access-link params of a kind that has them (null for custom).
const AccessTopology* access_params(const sim::PartSpec& topology) {
  const std::string& kind = topology.name;
  if (kind == "star") return &topology.params.get<StarParams>();
  if (kind == "two_level_tree") return &topology.params.get<TreeParams>();
  if (kind == "full_mesh") return &topology.params.get<MeshParams>();
  if (kind == "ring") return &topology.params.get<RingParams>();
  return nullptr;
}

// One per-worker quantity against the topology's key for every worker.
void reconcile_quantity(const std::string& per_worker, const LinkParams& link, bool is_bandwidth,
                        const std::string& link_path, Json& resolved_link) {
  if (per_worker.empty()) return;
  const char* key = is_bandwidth ? "bandwidth" : "latency";
  if (is_bandwidth ? link.bandwidth_given : link.latency_given) {
    throw ConfigError(sim::join_path(link_path, key),
                      fmt::format("also set per worker by {}; give one of the two", per_worker));
  }
  resolved_link.erase(key);
}

}  // namespace

void reconcile_topology_keys(const sim::PartSpec& topology, const PerWorkerLinkKeys& per_worker,
                             Json& resolved) {
  const AccessTopology* p = access_params(topology);
  if (!p) return;
  // The ring's links are not per worker: reject_per_worker_links reports those when building.
  if (topology.name != "ring") {
    const std::string up = sim::join_path(p->path, "uplink");
    const std::string down = sim::join_path(p->path, "downlink");
    reconcile_quantity(per_worker.up_bandwidth, p->uplink, true, up, resolved["uplink"]);
    reconcile_quantity(per_worker.up_latency, p->uplink, false, up, resolved["uplink"]);
    reconcile_quantity(per_worker.down_bandwidth, p->downlink, true, down, resolved["downlink"]);
    reconcile_quantity(per_worker.down_latency, p->downlink, false, down, resolved["downlink"]);
    for (const char* key : {"uplink", "downlink"}) {
      if (resolved.contains(key) && resolved[key].empty()) resolved.erase(key);
    }
  }
  if (!p->shared) return;
  const std::string shared = sim::join_path(p->path, "shared");
  for (const auto& key : p->downward_given) {
    throw ConfigError(sim::join_path(p->path, key),
                      fmt::format("unused: {} is true, so every link uses its upward "
                                  "parameters in both directions; remove it",
                                  shared));
  }
  for (const std::string* w : {&per_worker.down_bandwidth, &per_worker.down_latency}) {
    if (!w->empty())
      throw ConfigError(*w,
                        fmt::format("unused: {} is true (links use their uplink values)", shared));
  }
  for (const auto& o : per_worker.override_downlinks)
    throw ConfigError(o, fmt::format("unused: {} is true (links use their uplink values)", shared));
  for (const char* key :
       {"downlink", "server_out", "rack_downlink", "core_downlink", "peer_downlink"})
    resolved.erase(key);
}

void reject_per_worker_links(const TopologyInputs& inputs, const std::string& kind) {
  if (!inputs.per_worker_links) return;
  throw ConfigError(inputs.workers_path,
                    fmt::format("per-worker links (uplink/downlink overrides, *_bandwidth, "
                                "*_latency distributions) need a star, two_level_tree or full_mesh "
                                "topology; with \"{}\" give the links themselves",
                                kind));
}

}  // namespace commsim::net
