#include "networks/platform_builder.hpp"

#include <limits>

#include "networks/ideal_transfer.hpp"
#include "sim/errors.hpp"

namespace commsim::net {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

LinkSpec read_link(sim::JsonReader r, const char* default_bandwidth, const char* default_latency) {
  LinkSpec s;
  s.bandwidth_bps = r.quantity("bandwidth", default_bandwidth, sim::Unit::bandwidth_bps, 0.0, kInf, true);
  s.latency = sim::Time::from_seconds(r.quantity("latency", default_latency, sim::Unit::duration_s));
  r.finish();
  return s;
}

}  // namespace

const std::vector<sim::RegistryEntry>& topology_kinds() {
  static const std::vector<sim::RegistryEntry> kinds = {
      {"star", "parameter server: per-worker uplink/downlink plus the server's shared access link"},
  };
  return kinds;
}

const std::vector<sim::RegistryEntry>& transfer_models() {
  static const std::vector<sim::RegistryEntry> models = {
      {"ideal", "latency + bits / bottleneck bandwidth, no contention"},
  };
  return models;
}

std::unique_ptr<Platform> build_platform(sim::JsonReader& workers, sim::JsonReader& network, int num_workers,
                                         const sim::RngStreams&) {
  HostSpec host;
  host.speed_flops = workers.quantity("speed", "1GFlops", sim::Unit::flops_per_s, 0.0, kInf, true);
  host.time_per_call_s = workers.quantity("time_per_call", "0", sim::Unit::duration_s);
  std::vector<HostSpec> hosts(static_cast<std::size_t>(num_workers), host);

  sim::JsonReader topo = network.object("topology");
  const std::string kind = topo.string("kind", "star");
  sim::require_known(topology_kinds(), kind, topo.path_of("kind"), "topology kind");
  const LinkSpec up = read_link(topo.object("uplink"), "100Mbps", "1ms");
  const LinkSpec down = read_link(topo.object("downlink"), "100Mbps", "1ms");
  const LinkSpec server_up = read_link(topo.object("server_in"), "inf", "0");
  const LinkSpec server_down = read_link(topo.object("server_out"), "inf", "0");
  topo.finish();
  Topology topology = make_star(std::vector<LinkSpec>(hosts.size(), up), std::vector<LinkSpec>(hosts.size(), down),
                                server_up, server_down);

  const std::string model = network.string("model", "ideal");
  sim::require_known(transfer_models(), model, network.path_of("model"), "transfer model");
  return std::make_unique<Platform>(std::move(hosts), std::move(topology),
                                    [](const std::vector<LinkResource>& links) -> std::unique_ptr<TransferModel> {
                                      return std::make_unique<IdealTransfer>(links);
                                    });
}

}  // namespace commsim::net
