#include "networks/custom_topology.hpp"

#include <fmt/format.h>

#include "networks/graphml_topology.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::net {
namespace {

using sim::Json;
using P = CustomTopologyParams;

Json parse_nodes(const Json* v, const std::string& path, std::vector<CustomNode>& out) {
  if (!v) return Json::array();
  require_array(*v, path);
  for (std::size_t i = 0; i < v->size(); ++i) {
    const std::string p = fmt::format("{}[{}]", path, i);
    if (!(*v)[i].is_string()) throw ConfigError(p, "expected a node name (a string)");
    out.push_back({(*v)[i].get<std::string>(), p});
  }
  return *v;
}

Json parse_graphml(const Json* v, const std::string& path, std::optional<std::string>& out) {
  struct File {
    std::string name;
  };
  static const sim::ParamsDecl<File> file = [] {
    sim::ParamsDecl<File> d;
    d.string("graphml", &File::name, std::nullopt, "GraphML file");
    return d;
  }();
  if (!v) return Json();
  File f;
  Json resolved = sim::read_key_alone(file, "graphml", v, path, f);
  out = f.name;
  return resolved;
}

// An optional quantity key (its presence decides the link's shape).
sim::KeyDecl optional_quantity(const char* key, sim::Unit unit, bool positive, const char* help) {
  sim::KeyDecl d;
  d.path = key;
  d.kind = sim::KeyDecl::Kind::quantity;
  d.unit = unit;
  d.lo = 0.0;
  d.lo_exclusive = positive;
  if (!positive) d.hi = kMaxLatencySeconds;
  d.help = help;
  return d;
}

sim::ParamsDecl<CustomLink>::Parser<std::optional<LinkParams>> direction() {
  return [](const Json* v, const std::string& path, std::optional<LinkParams>& out) {
    if (!v) return Json();
    require_object(*v, path);
    Json resolved;
    out = link_decl(LinkDefaults::required).read_object(*v, path, &resolved);
    return resolved;
  };
}

sim::ParamsDecl<CustomLink> make_link_decl() {
  sim::ParamsDecl<CustomLink> d;
  d.string("from", &CustomLink::from, std::nullopt, "one end (a node name)");
  d.string("to", &CustomLink::to, std::nullopt, "the other end (a node name)");
  d.optional<double>(optional_quantity("bandwidth", sim::Unit::bandwidth_bps, true,
                                       "link bandwidth, both ways (or give forward and backward)"),
                     &CustomLink::bandwidth_bps);
  d.optional<double>(
      optional_quantity("latency", sim::Unit::duration_s, false, "one-way latency (\"0\")"),
      &CustomLink::latency_s);
  d.custom(grammar_key("forward", "{bandwidth, latency}", "from -> to (asymmetric link)"),
           &CustomLink::forward, direction());
  d.custom(grammar_key("backward", "{bandwidth, latency}", "to -> from (asymmetric link)"),
           &CustomLink::backward, direction());
  d.custom(grammar_key("shared", "boolean", "half-duplex (default: the topology's shared)"),
           &CustomLink::shared,
           sim::ParamsDecl<CustomLink>::Parser<std::optional<bool>>(
               [](const Json* v, const std::string& path, std::optional<bool>& out) {
                 if (!v) return Json();
                 out = read_present_boolean(*v, path);
                 return *v;
               }));
  d.rule([](CustomLink& l, const std::string& path) {
    const bool asymmetric = l.forward || l.backward;
    if (asymmetric && !(l.forward && l.backward)) {
      throw ConfigError(sim::join_path(path, l.forward ? "backward" : "forward"),
                        "an asymmetric link needs both forward and backward");
    }
    if (asymmetric && (l.bandwidth_bps || l.latency_s)) {
      throw ConfigError(sim::join_path(path, l.bandwidth_bps ? "bandwidth" : "latency"),
                        fmt::format("also set by {}.forward/backward; give either bandwidth and "
                                    "latency or forward and backward",
                                    path));
    }
    if (!asymmetric && !l.bandwidth_bps) {
      throw ConfigError(sim::join_path(path, "bandwidth"),
                        "required (or give forward and backward, each {bandwidth, latency})");
    }
  });
  return d;
}

// `shared` is read into the same member as the links, before them: their default.
Json parse_shared(const Json* v, const std::string& path, CustomLinks& out) {
  out.shared = v ? read_present_boolean(*v, path) : false;
  return out.shared;
}

Json parse_links(const Json* v, const std::string& path, CustomLinks& out) {
  static const sim::ParamsDecl<CustomLink> decl = make_link_decl();
  Json resolved = Json::array();
  if (!v) return resolved;
  require_array(*v, path);
  for (std::size_t i = 0; i < v->size(); ++i) {
    Json element;
    const std::string p = fmt::format("{}[{}]", path, i);
    CustomLink link = decl.read_object((*v)[i], p, &element);
    link.path = p;
    if (link.bandwidth_bps && !link.latency_s) {
      link.latency_s = 0.0;
      element["latency"] = "0";
    }
    if (!link.shared) {
      link.shared = out.shared;
      element["shared"] = out.shared;
    }
    if (*link.shared && link.backward) {
      throw ConfigError(sim::join_path(p, "backward"),
                        "unused: the link is shared (one resource for both directions, with "
                        "forward's parameters); give bandwidth and latency instead");
    }
    out.list.push_back(std::move(link));
    resolved.push_back(std::move(element));
  }
  return resolved;
}

sim::ParamsDecl<P> make_decl() {
  sim::ParamsDecl<P> d;
  d.custom(grammar_key("shared", "boolean", kSharedHelp), &P::links,
           sim::ParamsDecl<P>::Parser<CustomLinks>(parse_shared));
  d.custom(grammar_key("nodes", "[name, ...]", "switches and other nodes besides server/workers"),
           &P::nodes, sim::ParamsDecl<P>::Parser<std::vector<CustomNode>>(parse_nodes));
  d.custom(grammar_key("graphml", "path", "GraphML file of nodes and links (read when building)"),
           &P::graphml, sim::ParamsDecl<P>::Parser<std::optional<std::string>>(parse_graphml));
  d.custom(grammar_key("links", "[{from, to, bandwidth, latency | forward, backward, shared}]",
                       "the links"),
           &P::links, sim::ParamsDecl<P>::Parser<CustomLinks>(parse_links));
  d.rule([](P& p, const std::string& path) {
    p.path = path;
    if (p.links.list.empty() && !p.graphml) {
      throw ConfigError(sim::join_path(path, "links"),
                        "a custom topology needs a non-empty list of links (or a graphml file)");
    }
  });
  return d;
}

int endpoint(const TopologyBuilder& b, const std::string& name, const std::string& path, int n) {
  const auto v = b.find_node(name);
  if (!v) {
    throw ConfigError(path, fmt::format("unknown node \"{}\"; nodes are \"server\", \"worker0\".."
                                        "\"worker{}\" and those listed in nodes",
                                        name, n - 1));
  }
  return *v;
}

}  // namespace

Topology build_custom_topology(const sim::AnyParams& params, const TopologyInputs& in) {
  const P& p = params.get<P>();
  reject_per_worker_links(in, "custom");
  const int n = in.num_workers;
  TopologyBuilder b(n);
  for (const auto& node : p.nodes) {
    if (b.find_node(node.name)) {
      throw ConfigError(
          node.path,
          fmt::format("node \"{}\" is defined twice (\"server\" and \"worker0\"..\"worker{}\" "
                      "exist implicitly)",
                      node.name, n - 1));
    }
    b.add_node(node.name);
  }
  if (p.graphml) {
    add_graphml(b, resolve_relative(in.base_dir, *p.graphml), p.links.shared);
  }
  for (const auto& l : p.links.list) {
    const int from = endpoint(b, l.from, sim::join_path(l.path, "from"), n);
    const int to = endpoint(b, l.to, sim::join_path(l.path, "to"), n);
    if (from == to)
      throw ConfigError(sim::join_path(l.path, "to"), "a link must join two different nodes");
    b.add_link(from, to, l.forward_spec(), l.backward_spec(), *l.shared,
               b.node_name(from) + "-" + b.node_name(to));
  }
  return b.build("custom", sim::join_path(p.path, "links"));
}

LinkSpec CustomLink::forward_spec() const {
  if (forward) return forward->spec();
  return {bandwidth_bps.value_or(0.0), sim::Time::from_seconds(latency_s.value_or(0.0))};
}

LinkSpec CustomLink::backward_spec() const {
  return backward ? backward->spec() : forward_spec();
}

const sim::ParamsDecl<CustomTopologyParams>& custom_topology_decl() {
  static const sim::ParamsDecl<P> decl = make_decl();
  return decl;
}

}  // namespace commsim::net
