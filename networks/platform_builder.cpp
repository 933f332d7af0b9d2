#include "networks/platform_builder.hpp"

#include <optional>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"

namespace commsim::net {
namespace {

// An override's links, with its selection expanded.
struct LinkOverride {
  std::vector<int> workers;
  std::optional<LinkSpec> up, down;
};

// Hosts: the defaults, then drawn speeds, then overrides (their links are returned for later).
std::vector<HostSpec> build_hosts(const WorkersSpec& w, int n, const sim::RngStreams& streams,
                                  std::vector<LinkOverride>& link_overrides) {
  sim::Rng rng = streams.stream("hosts", 0);
  const std::vector<double> speeds = w.speed.values(n, rng);
  std::vector<HostSpec> hosts(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < hosts.size(); ++i) hosts[i].speed_flops = speeds[i];
  if (w.time_per_call_s) {
    const std::vector<double> times = w.time_per_call_s->values(n, rng);
    for (std::size_t i = 0; i < hosts.size(); ++i) hosts[i].time_per_call_s = times[i];
  }
  for (const auto& o : w.overrides) {
    const std::vector<int> ws = expand_worker_set(o.workers, n);
    for (int i : ws) {
      HostSpec& h = hosts[static_cast<std::size_t>(i)];
      if (o.speed_flops) h.speed_flops = *o.speed_flops;
      if (o.time_per_call_s) h.time_per_call_s = *o.time_per_call_s;
    }
    LinkOverride lo{ws, std::nullopt, std::nullopt};
    if (o.uplink) lo.up = o.uplink->spec();
    if (o.downlink) lo.down = o.downlink->spec();
    if (lo.up || lo.down) link_overrides.push_back(std::move(lo));
  }
  return hosts;
}

// Every worker's access links: the topology's defaults, drawn values, then overrides.
std::vector<LinkPair> access_links(const WorkersSpec& w, const std::vector<LinkOverride>& overrides,
                                   const sim::RngStreams& streams, int n,
                                   const LinkPair& defaults) {
  std::vector<LinkPair> a(static_cast<std::size_t>(n), defaults);
  auto apply = [&](const std::optional<PerWorkerValue>& d, std::uint64_t id, auto set) {
    if (!d) return;
    sim::Rng rng = streams.stream("network", id);
    const std::vector<double> values = d->values(n, rng);
    for (std::size_t i = 0; i < a.size(); ++i) set(a[i], values[i]);
  };
  apply(w.uplink_bandwidth, 1, [](LinkPair& p, double x) { p.up.bandwidth_bps = x; });
  apply(w.downlink_bandwidth, 2, [](LinkPair& p, double x) { p.down.bandwidth_bps = x; });
  apply(w.uplink_latency, 3,
        [](LinkPair& p, double x) { p.up.latency = sim::Time::from_seconds(x); });
  apply(w.downlink_latency, 4,
        [](LinkPair& p, double x) { p.down.latency = sim::Time::from_seconds(x); });
  for (const auto& o : overrides) {
    for (int i : o.workers) {
      if (o.up) a[static_cast<std::size_t>(i)].up = *o.up;
      if (o.down) a[static_cast<std::size_t>(i)].down = *o.down;
    }
  }
  return a;
}

AvailabilitySpec build_availability(const AvailabilityParams& p, int n,
                                    const std::string& base_dir) {
  AvailabilitySpec a;
  a.kind = p.kind;
  if (p.kind == AvailabilitySpec::Kind::trace)
    a.offline = read_availability_trace(resolve_relative(base_dir, p.trace), n);
  if (p.kind == AvailabilitySpec::Kind::periodic) {
    a.on = sim::Time::from_seconds(p.on_s);
    a.off = sim::Time::from_seconds(p.off_s);
  }
  if (p.per_worker) {
    if (p.per_worker->size() != static_cast<std::size_t>(n)) {
      throw ConfigError(
          p.path, fmt::format("expected {} entries (one per worker: workers.count), got {}", n,
                              p.per_worker->size()));
    }
    for (const auto& [on, off] : *p.per_worker)
      a.periods.emplace_back(sim::Time::from_seconds(on), sim::Time::from_seconds(off));
  }
  return a;
}

}  // namespace

std::unique_ptr<Platform> build_platform(const WorkersSpec& workers, const NetworkSpec& network,
                                         int num_workers, const sim::RngStreams& streams,
                                         const std::string& base_dir) {
  const int n = num_workers;
  std::vector<LinkOverride> link_overrides;
  std::vector<HostSpec> hosts = build_hosts(workers, n, streams, link_overrides);
  AvailabilitySpec availability = build_availability(workers.availability, n, base_dir);

  TopologyInputs in;
  in.num_workers = n;
  in.access_links = [&](const LinkPair& defaults) {
    return access_links(workers, link_overrides, streams, n, defaults);
  };
  in.per_worker_links = workers.uplink_bandwidth || workers.downlink_bandwidth ||
                        workers.uplink_latency || workers.downlink_latency ||
                        !link_overrides.empty();
  in.workers_path = workers.path;
  in.base_dir = base_dir;
  Topology topology = build_topology(network.topology, in);

  HostModel host_model(std::move(hosts), workers.jitter, workers.stragglers,
                       std::move(availability), streams);
  auto platform =
      std::make_unique<Platform>(std::move(host_model), std::move(topology),
                                 transfer_model_factory(network.model), network.broadcast);
  platform->set_header_bits(network.header_bits);
  return platform;
}

void reconcile_platform_keys(const WorkersSpec& workers, const NetworkSpec& network,
                             sim::Json& resolved_network) {
  auto path_of = [](const std::optional<PerWorkerValue>& v) { return v ? v->path : ""; };
  PerWorkerLinkKeys keys{path_of(workers.uplink_bandwidth),
                         path_of(workers.uplink_latency),
                         path_of(workers.downlink_bandwidth),
                         path_of(workers.downlink_latency),
                         {}};
  for (const auto& o : workers.overrides) {
    if (o.downlink) keys.override_downlinks.push_back(sim::join_path(o.path, "downlink"));
  }
  reconcile_topology_keys(network.topology, keys, resolved_network["topology"]);
}

}  // namespace commsim::net
