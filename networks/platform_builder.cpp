#include "networks/platform_builder.hpp"

#include <cmath>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "networks/builtin_topologies.hpp"
#include "networks/fifo_transfer.hpp"
#include "networks/graphml_topology.hpp"
#include "networks/ideal_transfer.hpp"
#include "networks/maxmin_transfer.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::net {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// A link latency beyond a year is a typo, and sums of such latencies along a route would run
// past the end of sim::Time (int64 nanoseconds, ±292 years).
constexpr double kMaxLatencySeconds = 365.0 * 24 * 3600;
using sim::Json;
using sim::JsonReader;

// Reads {bandwidth, latency}; a key without a default is required.
LinkSpec read_link(JsonReader r, std::optional<std::string> default_bandwidth,
                   std::optional<std::string> default_latency) {
  LinkSpec s;
  s.bandwidth_bps =
      r.quantity("bandwidth", default_bandwidth, sim::Unit::bandwidth_bps, 0.0, kInf, true);
  s.latency = sim::Time::from_seconds(
      r.quantity("latency", default_latency, sim::Unit::duration_s, 0.0, kMaxLatencySeconds));
  r.finish();
  return s;
}

// A per-worker value: a fixed quantity or {distribution: uniform|log_uniform, min, max}.
struct Distribution {
  std::string kind;  // "" = none
  double min = 0, max = 0;
  double draw(sim::Rng& rng) const {
    if (kind == "uniform") return rng.uniform(min, max);
    return std::exp(rng.uniform(std::log(min), std::log(max)));
  }
};

Distribution read_distribution(JsonReader r, sim::Unit unit, double lo, bool lo_exclusive) {
  Distribution d;
  d.kind = r.choice("distribution", std::nullopt, {"uniform", "log_uniform"});
  const bool log = d.kind == "log_uniform";
  d.min = r.quantity("min", std::nullopt, unit, lo, kInf, lo_exclusive || log);
  d.max = r.quantity("max", std::nullopt, unit, lo, kInf, lo_exclusive || log);
  if (std::isinf(d.max) || d.max < d.min) {
    throw ConfigError(r.path_of("max"), fmt::format("must be finite and >= min"));
  }
  r.finish();
  return d;
}

// Parses a worker selection: an index, an array of indices, or "a-b" / "a" strings.
std::vector<int> read_worker_set(const Json& v, const std::string& path, int n) {
  std::vector<int> out;
  auto add = [&](std::int64_t w, const std::string& where) {
    if (w < 0 || w >= n)
      throw ConfigError(where, fmt::format("worker {} is out of range [0, {})", w, n));
    out.push_back(static_cast<int>(w));
  };
  auto parse_string = [&](const std::string& s, const std::string& where) {
    const auto dash = s.find('-');
    auto to_int = [&](const std::string& t) -> std::int64_t {
      if (t.empty() || t.find_first_not_of("0123456789") != std::string::npos || t.size() > 9) {
        throw ConfigError(
            where, fmt::format("\"{}\" is not a worker index or range (use e.g. 3 or \"0-4\")", s));
      }
      return std::stoll(t);
    };
    if (dash == std::string::npos) {
      add(to_int(s), where);
      return;
    }
    const std::int64_t a = to_int(s.substr(0, dash)), b = to_int(s.substr(dash + 1));
    if (b < a) throw ConfigError(where, fmt::format("range \"{}\" is empty (use \"low-high\")", s));
    for (std::int64_t w = a; w <= b; ++w) add(w, where);
  };
  auto one = [&](const Json& x, const std::string& where) {
    if (x.is_number_integer() || x.is_number_unsigned()) {
      add(x.get<std::int64_t>(), where);
    } else if (x.is_string()) {
      parse_string(x.get<std::string>(), where);
    } else {
      throw ConfigError(
          where, fmt::format("expected a worker index or a range string like \"0-4\", got {}",
                             sim::json_type_name(x)));
    }
  };
  if (v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) one(v[i], fmt::format("{}[{}]", path, i));
  } else {
    one(v, path);
  }
  return out;
}

// Reads an optional worker-level quantity that may also be a distribution object.
std::optional<Distribution> maybe_distribution(JsonReader& r, const char* key, sim::Unit unit,
                                               double lo, bool lo_exclusive) {
  const Json* v = r.raw(key);
  if (!v || !v->is_object()) return std::nullopt;
  return read_distribution(r.object(key), unit, lo, lo_exclusive);
}

}  // namespace

const std::vector<sim::RegistryEntry>& topology_kinds() {
  static const std::vector<sim::RegistryEntry> kinds = {
      {"star", "parameter server: per-worker uplink/downlink plus the server's shared access link"},
      {"two_level_tree", "workers -> rack switches -> core switch -> server, per-level links"},
      {"ring", "server is ring node 0, workers the others; messages take the shorter way round"},
      {"full_mesh", "a direct link between every pair of nodes (server and workers)"},
      {"custom", "nodes and links listed in the scenario; routes by shortest latency"},
  };
  return kinds;
}

const std::vector<sim::RegistryEntry>& transfer_models() {
  static const std::vector<sim::RegistryEntry> models = {
      {"ideal", "latency + bits / bottleneck bandwidth, no contention"},
      {"fifo", "each link sends one message at a time in arrival order, store-and-forward"},
      {"maxmin",
       "flow-level max-min fair sharing of every link after a latency phase (SimGrid CM02)"},
  };
  return models;
}

TransferModelFactory transfer_model_factory(const std::string& name) {
  if (name == "fifo") {
    return [](const std::vector<LinkResource>& l) -> std::unique_ptr<TransferModel> {
      return std::make_unique<FifoTransfer>(l);
    };
  }
  if (name == "maxmin") {
    return [](const std::vector<LinkResource>& l) -> std::unique_ptr<TransferModel> {
      return std::make_unique<MaxMinTransfer>(l);
    };
  }
  COMMSIM_ASSERT(name == "ideal", "unknown transfer model " + name);
  return [](const std::vector<LinkResource>& l) -> std::unique_ptr<TransferModel> {
    return std::make_unique<IdealTransfer>(l);
  };
}

std::unique_ptr<Platform> build_platform(JsonReader& workers, JsonReader& network, int num_workers,
                                         const sim::RngStreams& streams,
                                         const std::string& base_dir) {
  const int n = num_workers;
  const auto nn = static_cast<std::size_t>(n);

  // --- hosts: defaults, then drawn values, then overrides.
  HostSpec host;
  std::optional<Distribution> speed_dist =
      maybe_distribution(workers, "speed", sim::Unit::flops_per_s, 0.0, true);
  if (!speed_dist)
    host.speed_flops =
        workers.quantity("speed", "1GFlops", sim::Unit::flops_per_s, 0.0, kInf, true);
  host.time_per_call_s = workers.quantity("time_per_call", "0", sim::Unit::duration_s);
  std::vector<HostSpec> hosts(nn, host);
  if (speed_dist) {
    sim::Rng rng = streams.stream("hosts", 0);
    for (auto& h : hosts) h.speed_flops = speed_dist->draw(rng);
  }

  // --- per-worker access links (uplink/downlink), filled after the topology defaults are known.
  struct LinkDraws {
    std::optional<Distribution> up_bw, down_bw, up_lat, down_lat;
  } draws;
  draws.up_bw =
      maybe_distribution(workers, "uplink_bandwidth", sim::Unit::bandwidth_bps, 0.0, true);
  draws.down_bw =
      maybe_distribution(workers, "downlink_bandwidth", sim::Unit::bandwidth_bps, 0.0, true);
  draws.up_lat = maybe_distribution(workers, "uplink_latency", sim::Unit::duration_s, 0.0, false);
  draws.down_lat =
      maybe_distribution(workers, "downlink_latency", sim::Unit::duration_s, 0.0, false);
  for (const char* key :
       {"uplink_bandwidth", "downlink_bandwidth", "uplink_latency", "downlink_latency"}) {
    const Json* v = workers.raw(key);
    if (v && !v->is_object()) {
      throw ConfigError(
          workers.path_of(key),
          "expected {\"distribution\": \"uniform\"|\"log_uniform\", \"min\", \"max\"}; "
          "for one value for all workers set network.topology.uplink/downlink");
    }
  }

  struct LinkOverride {
    std::vector<int> workers;
    std::optional<LinkSpec> up, down;
    std::string path;
  };
  std::vector<LinkOverride> link_overrides;
  const Json& overrides = workers.array("overrides");
  Json* resolved_overrides = workers.resolved_slot("overrides");
  if (resolved_overrides) *resolved_overrides = Json::array();
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    const std::string path = workers.element_path("overrides", i);
    Json resolved;
    JsonReader o(overrides[i], path, &resolved);
    const Json* sel = o.raw("workers");
    if (!sel)
      throw ConfigError(o.path_of("workers"),
                        "required: an index, a list of indices, or a range like \"0-4\"");
    o.set_resolved("workers", *sel);
    const std::vector<int> ws = read_worker_set(*sel, o.path_of("workers"), n);
    if (o.has("speed")) {
      const double s = o.quantity("speed", std::nullopt, sim::Unit::flops_per_s, 0.0, kInf, true);
      for (int w : ws) hosts[static_cast<std::size_t>(w)].speed_flops = s;
    }
    if (o.has("time_per_call")) {
      const double t = o.quantity("time_per_call", std::nullopt, sim::Unit::duration_s);
      for (int w : ws) hosts[static_cast<std::size_t>(w)].time_per_call_s = t;
    }
    LinkOverride lo{ws, std::nullopt, std::nullopt, path};
    if (o.has("uplink")) lo.up = read_link(o.object("uplink"), std::nullopt, std::nullopt);
    if (o.has("downlink")) lo.down = read_link(o.object("downlink"), std::nullopt, std::nullopt);
    o.finish();
    if (lo.up || lo.down) link_overrides.push_back(std::move(lo));
    if (resolved_overrides) resolved_overrides->push_back(std::move(resolved));
  }

  // --- jitter, stragglers, availability.
  JitterSpec jitter;
  {
    JsonReader j = workers.object("jitter");
    const std::string kind = j.choice("distribution", "none", {"none", "lognormal", "exponential"});
    if (kind == "lognormal") {
      jitter.kind = JitterSpec::Kind::lognormal;
      jitter.sigma = j.number("sigma", 0.1, 0.0, 10.0);
    } else if (kind == "exponential") {
      jitter.kind = JitterSpec::Kind::exponential;
      jitter.mean = j.number("mean", 0.1, 0.0, 1e6);
    }
    j.finish();
  }
  StragglerSpec stragglers;
  {
    JsonReader s = workers.object("stragglers");
    stragglers.fraction = s.number("fraction", 0.0, 0.0, 1.0);
    stragglers.slowdown = s.number("slowdown", 1.0, 1.0);
    stragglers.every_round = s.choice("redraw", "fixed", {"fixed", "every_round"}) == "every_round";
    s.finish();
  }
  AvailabilitySpec availability;
  {
    JsonReader a = workers.object("availability");
    if (a.has("trace")) {
      std::string file = a.string("trace", std::nullopt);
      if (!base_dir.empty() && !file.empty() && file.front() != '/') file = base_dir + "/" + file;
      availability.kind = AvailabilitySpec::Kind::trace;
      availability.offline = read_availability_trace(file, n);
    } else if (a.has("on") || a.has("off")) {
      availability.kind = AvailabilitySpec::Kind::periodic;
      availability.on = sim::Time::from_seconds(
          a.quantity("on", std::nullopt, sim::Unit::duration_s, 0.0, kInf, true));
      availability.off =
          sim::Time::from_seconds(a.quantity("off", std::nullopt, sim::Unit::duration_s));
    }
    a.finish();
  }

  // --- topology.
  JsonReader topo = network.object("topology");
  const std::string kind = topo.string("kind", "star");
  sim::require_known(topology_kinds(), kind, topo.path_of("kind"), "topology kind");
  const bool per_worker_links =
      draws.up_bw || draws.down_bw || draws.up_lat || draws.down_lat || !link_overrides.empty();
  auto access_links = [&](const LinkSpec& up, const LinkSpec& down) {
    std::vector<LinkPair> a(nn, LinkPair{up, down});
    auto apply = [&](const std::optional<Distribution>& d, std::uint64_t id, auto set) {
      if (!d) return;
      sim::Rng rng = streams.stream("network", id);
      for (auto& p : a) set(p, d->draw(rng));
    };
    apply(draws.up_bw, 1, [](LinkPair& p, double x) { p.up.bandwidth_bps = x; });
    apply(draws.down_bw, 2, [](LinkPair& p, double x) { p.down.bandwidth_bps = x; });
    apply(draws.up_lat, 3,
          [](LinkPair& p, double x) { p.up.latency = sim::Time::from_seconds(x); });
    apply(draws.down_lat, 4,
          [](LinkPair& p, double x) { p.down.latency = sim::Time::from_seconds(x); });
    for (const auto& o : link_overrides) {
      for (int w : o.workers) {
        if (o.up) a[static_cast<std::size_t>(w)].up = *o.up;
        if (o.down) a[static_cast<std::size_t>(w)].down = *o.down;
      }
    }
    return a;
  };
  auto read_pair = [&](const char* up_key, const char* down_key, const char* bw, const char* lat) {
    return LinkPair{read_link(topo.object(up_key), bw, lat),
                    read_link(topo.object(down_key), bw, lat)};
  };
  const bool shared = topo.boolean("shared", false);

  std::optional<Topology> topology;
  if (kind == "star" || kind == "two_level_tree" || kind == "full_mesh") {
    const LinkPair access = read_pair("uplink", "downlink", "100Mbps", "1ms");
    const std::vector<LinkPair> a = access_links(access.up, access.down);
    if (kind == "star") {
      const LinkPair server = read_pair("server_in", "server_out", "inf", "0");
      std::vector<LinkSpec> ups, downs;
      for (const auto& p : a) {
        ups.push_back(p.up);
        downs.push_back(p.down);
      }
      topology = make_star(ups, downs, server.up, server.down, shared);
    } else if (kind == "two_level_tree") {
      const int per_rack = static_cast<int>(topo.integer("workers_per_rack", 16, 1, 1 << 30));
      const LinkPair rack = read_pair("rack_uplink", "rack_downlink", "10Gbps", "0.05ms");
      const LinkPair core = read_pair("core_uplink", "core_downlink", "inf", "0");
      topology = make_two_level_tree(a, per_rack, rack, core, shared);
    } else {
      const LinkPair peer = read_pair("peer_uplink", "peer_downlink", "100Mbps", "1ms");
      topology = make_full_mesh(a, peer, shared);
    }
  } else {
    if (per_worker_links) {
      throw ConfigError(
          workers.path(),
          fmt::format("per-worker links (uplink/downlink overrides, *_bandwidth, "
                      "*_latency distributions) need a star, two_level_tree or full_mesh "
                      "topology; with \"{}\" give the links themselves",
                      kind));
    }
    if (kind == "ring") {
      const LinkPair link = read_pair("uplink", "downlink", "100Mbps", "1ms");
      topology = make_ring(n, link, shared);
    } else {
      TopologyBuilder b(n);
      const Json& nodes = topo.array("nodes");
      Json* rn = topo.resolved_slot("nodes");
      if (rn) *rn = nodes;
      for (std::size_t i = 0; i < nodes.size(); ++i) {
        const std::string p = topo.element_path("nodes", i);
        if (!nodes[i].is_string()) throw ConfigError(p, "expected a node name (a string)");
        const std::string name = nodes[i].get<std::string>();
        if (b.find_node(name)) {
          throw ConfigError(
              p,
              fmt::format("node \"{}\" is defined twice (\"server\" and \"worker0\"..\"worker{}\" "
                          "exist implicitly)",
                          name, n - 1));
        }
        b.add_node(name);
      }
      if (topo.has("graphml")) {
        std::string file = topo.string("graphml", std::nullopt);
        if (!base_dir.empty() && !file.empty() && file.front() != '/') file = base_dir + "/" + file;
        add_graphml(b, file, shared);
      }
      const Json& links = topo.array("links");
      Json* rl = topo.resolved_slot("links");
      if (rl) *rl = Json::array();
      if (links.empty() && !topo.has("graphml")) {
        throw ConfigError(topo.path_of("links"),
                          "a custom topology needs a non-empty list of links (or a graphml file)");
      }
      for (std::size_t i = 0; i < links.size(); ++i) {
        Json resolved;
        JsonReader l(links[i], topo.element_path("links", i), &resolved);
        auto endpoint = [&](const char* key) {
          const std::string name = l.string(key, std::nullopt);
          const auto v = b.find_node(name);
          if (!v) {
            throw ConfigError(l.path_of(key),
                              fmt::format("unknown node \"{}\"; nodes are \"server\", \"worker0\".."
                                          "\"worker{}\" and those listed in nodes",
                                          name, n - 1));
          }
          return *v;
        };
        const int from = endpoint("from"), to = endpoint("to");
        if (from == to) throw ConfigError(l.path_of("to"), "a link must join two different nodes");
        LinkSpec s;
        s.bandwidth_bps =
            l.quantity("bandwidth", std::nullopt, sim::Unit::bandwidth_bps, 0.0, kInf, true);
        s.latency = sim::Time::from_seconds(
            l.quantity("latency", "0", sim::Unit::duration_s, 0.0, kMaxLatencySeconds));
        const bool link_shared = l.boolean("shared", shared);
        l.finish();
        b.add_link(from, to, s, s, link_shared, b.node_name(from) + "-" + b.node_name(to));
        if (rl) rl->push_back(std::move(resolved));
      }
      topology = b.build("custom", topo.path_of("links"));
    }
  }
  topo.finish();

  const std::string model = network.string("model", "ideal");
  sim::require_known(transfer_models(), model, network.path_of("model"), "transfer model");
  const std::string bcast = network.choice("broadcast", "unicast", {"unicast", "multicast"});
  const auto header = static_cast<sim::Bits>(network.integer("header_bits", 0, 0));

  HostModel host_model(std::move(hosts), jitter, stragglers, std::move(availability), streams);
  auto platform = std::make_unique<Platform>(
      std::move(host_model), std::move(*topology), transfer_model_factory(model),
      bcast == "multicast" ? BroadcastMode::multicast : BroadcastMode::unicast);
  platform->set_header_bits(header);
  return platform;
}

}  // namespace commsim::net
