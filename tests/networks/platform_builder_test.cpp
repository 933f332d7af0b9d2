#include "networks/platform_builder.hpp"

#include <doctest/doctest.h>

#include "test_util.hpp"

#include <cmath>
#include <fstream>

#include <fmt/format.h>

#include "networks/custom_topology.hpp"
#include "networks/maxmin_transfer.hpp"
#include "sim/kernel/errors.hpp"

using namespace commsim;
using namespace commsim::net;
using sim::Json;
using sim::Time;

namespace {

// Reads `network` as the scenario does: the topology part with its registry, then the rest.
NetworkSpec read_network(sim::JsonReader& r) {
  sim::JsonReader topology = r.object("topology");
  const sim::PartSpec part = topology_registry().read(topology);
  topology.finish();
  NetworkSpec spec = network_spec_decl().read(r);
  spec.topology = part;
  return spec;
}

std::unique_ptr<Platform> build(const std::string& workers, const std::string& network, int n,
                                std::uint64_t seed = 1, Json* resolved = nullptr) {
  const Json w = Json::parse(workers), net = Json::parse(network);
  Json rw, rn;
  sim::JsonReader wr(w, "workers", &rw), nr(net, "network", &rn);
  const WorkersSpec ws = workers_spec_decl().read(wr);
  const NetworkSpec ns = read_network(nr);
  auto p = build_platform(ws, ns, n, sim::RngStreams(seed));
  wr.finish();
  nr.finish();
  if (resolved) *resolved = Json{{"workers", rw}, {"network", rn}};
  return p;
}

// The ConfigError path thrown by a build, or "" when it succeeds.
std::string error_path(const std::string& workers, const std::string& network, int n) {
  try {
    build(workers, network, n);
  } catch (const ConfigError& e) {
    return e.where();
  }
  return "";
}

double up_bandwidth(const Platform& p, int w) {
  return p.topology().links()[p.topology().route(w, kServer).links.front()].bandwidth_bps;
}

using test::ms;

}  // namespace

TEST_CASE("net::build_platform: defaults and the keys used before this module grew") {
  Json resolved;
  auto p = build("{}", "{}", 3, 1, &resolved);
  CHECK(p->num_workers() == 3);
  CHECK(p->topology().kind() == "star");
  CHECK(p->host(0).speed_flops == 1e9);
  CHECK(up_bandwidth(*p, 2) == 100e6);
  CHECK(p->topology().route(2, kServer).latency == ms(1));
  CHECK(p->broadcast_mode() == BroadcastMode::unicast);
  CHECK(resolved["network"]["model"] == "ideal");
  CHECK(resolved["network"]["topology"]["uplink"]["bandwidth"] == "100Mbps");

  auto q = build(
      R"({"speed": "2GFlops", "time_per_call": "5ms"})",
      R"({"model": "maxmin", "topology": {"kind": "star", "uplink": {"bandwidth": "10Mbps", "latency": "2ms"},
                     "downlink": {"bandwidth": "20Mbps", "latency": "3ms"}, "server_in": {"bandwidth": "1Gbps"},
                     "server_out": {"bandwidth": "2Gbps"}}})",
      2);
  CHECK(q->host(1).speed_flops == 2e9);
  CHECK(q->host(1).time_per_call_s == doctest::Approx(0.005));
  CHECK(dynamic_cast<const MaxMinTransfer*>(&q->transfer_model()) != nullptr);
  const Route& up = q->topology().route(0, kServer);
  REQUIRE(up.links.size() == 2);
  CHECK(q->topology().links()[up.links[0]].bandwidth_bps == 10e6);
  CHECK(q->topology().links()[up.links[1]].bandwidth_bps == 1e9);
  const Route& down = q->topology().route(kServer, 1);
  CHECK(q->topology().links()[down.links[0]].bandwidth_bps == 2e9);
  CHECK(down.latency == ms(3));
}

TEST_CASE("net::build_platform: per-worker overrides by index, list and range") {
  auto p = build(R"({"speed": "1GFlops", "overrides": [
                     {"workers": "1-2", "speed": "3GFlops", "uplink": {"bandwidth": "5Mbps", "latency": "7ms"}},
                     {"workers": [4], "time_per_call": "1s"},
                     {"workers": 0, "downlink": {"bandwidth": "1Mbps", "latency": "0"}}]})",
                 "{}", 5);
  CHECK(p->host(0).speed_flops == 1e9);
  CHECK(p->host(1).speed_flops == 3e9);
  CHECK(p->host(2).speed_flops == 3e9);
  CHECK(p->host(3).speed_flops == 1e9);
  CHECK(p->host(4).time_per_call_s == 1.0);
  CHECK(up_bandwidth(*p, 1) == 5e6);
  CHECK(p->topology().route(2, kServer).latency == ms(7));
  CHECK(up_bandwidth(*p, 3) == 100e6);
  CHECK(p->topology().links()[p->topology().route(kServer, 0).links.back()].bandwidth_bps == 1e6);
  CHECK(error_path(R"({"overrides": [{"workers": "3-9", "speed": "1GFlops"}]})", "{}", 5) ==
        "workers.overrides[0].workers");
  CHECK(error_path(R"({"overrides": [{"workers": [0, "x"]}]})", "{}", 5) ==
        "workers.overrides[0].workers[1]");
  CHECK(error_path(R"({"overrides": [{"workers": 1, "sped": "1GFlops"}]})", "{}", 5) ==
        "workers.overrides[0].sped");
}

TEST_CASE("net::build_platform: drawn link bandwidths and speeds are seeded and in range") {
  const std::string w =
      R"({"uplink_bandwidth": {"distribution": "log_uniform", "min": "1Mbps", "max": "100Mbps"},
                           "speed": {"distribution": "uniform", "min": "1GFlops", "max": "2GFlops"}})";
  auto a = build(w, "{}", 50, 42), b = build(w, "{}", 50, 42), c = build(w, "{}", 50, 43);
  int below_10m = 0;
  bool differs = false;
  for (int i = 0; i < 50; ++i) {
    const double bw = up_bandwidth(*a, i);
    CHECK(bw >= 1e6);
    CHECK(bw <= 100e6);
    below_10m += bw < 10e6;
    CHECK(bw == up_bandwidth(*b, i));
    differs |= bw != up_bandwidth(*c, i);
    CHECK(a->host(i).speed_flops >= 1e9);
    CHECK(a->host(i).speed_flops <= 2e9);
    CHECK(a->host(i).speed_flops == b->host(i).speed_flops);
    CHECK(a->topology().links()[a->topology().route(kServer, i).links.back()].bandwidth_bps ==
          100e6);
  }
  CHECK(differs);
  // log-uniform: P(bw < 10 Mbps) = 1/2; 50 draws → std 3.5, allow ±4 std.
  CHECK(std::abs(below_10m - 25) <= 14);
}

TEST_CASE("net::build_platform: jitter, stragglers, availability") {
  auto p = build(R"({"jitter": {"distribution": "lognormal", "sigma": 0.2},
                     "stragglers": {"fraction": 0.5, "slowdown": 3, "redraw": "every_round"},
                     "availability": {"on": "10s", "off": "2s"}})",
                 "{}", 4);
  int stragglers = 0;
  for (int w = 0; w < 4; ++w) stragglers += p->hosts().is_straggler(w, 7);
  CHECK(stragglers == 2);
  CHECK(p->hosts().jitter_factor(0, 1) != 1.0);
  CHECK(p->hosts().phase(0) < Time::from_seconds(12));

  const std::string trace = std::string(COMMSIM_BINARY_DIR) + "/net_builder_trace.csv";
  std::ofstream(trace) << "0,1,2\n1,2\n";
  try {
    build(fmt::format(R"({{"availability": {{"trace": "{}"}}}})", trace), "{}", 2);
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.where() == trace + ":2");
  }
  CHECK(error_path(R"({"jitter": {"distribution": "gamma"}})", "{}", 2) ==
        "workers.jitter.distribution");
  CHECK(error_path(R"({"stragglers": {"fraction": 1.5}})", "{}", 2) ==
        "workers.stragglers.fraction");
  CHECK(error_path(R"({"availability": {"on": "0s", "off": "1s"}})", "{}", 2) ==
        "workers.availability.on");
}

TEST_CASE("net::build_platform: every topology kind and transfer model builds") {
  for (const auto& model : transfer_models()) {
    for (const auto& kind : topology_kinds()) {
      std::string topo = fmt::format(R"({{"kind": "{}"}})", kind.name);
      if (kind.name == "custom") {
        topo = R"({"kind": "custom", "nodes": ["sw"], "links": [
                   {"from": "worker0", "to": "sw", "bandwidth": "10Mbps", "latency": "1ms"},
                   {"from": "worker1", "to": "sw", "bandwidth": "10Mbps", "latency": "1ms"},
                   {"from": "sw", "to": "server", "bandwidth": "1Gbps", "latency": "2ms", "shared": true}]})";
      }
      auto p =
          build("{}", fmt::format(R"({{"model": "{}", "topology": {}}})", model.name, topo), 2);
      CHECK(p->topology().kind() == kind.name);
      std::vector<FlowId> done;
      const FlowId id = p->send(1, kServer, 1000, Time::zero());
      while (done.empty()) p->advance_to(p->next_completion(), done);
      CHECK(done == std::vector<FlowId>{id});
    }
  }
  auto custom = build("{}", R"({"topology": {"kind": "custom", "nodes": ["sw"], "links": [
                   {"from": "worker0", "to": "sw", "bandwidth": "10Mbps", "latency": "1ms"},
                   {"from": "sw", "to": "server", "bandwidth": "1Gbps", "latency": "2ms", "shared": true}]}})",
                      1);
  CHECK(custom->topology().route(0, kServer).latency == ms(3));
  CHECK(custom->topology().links().size() == 3);  // a duplex pair and one shared link
  auto tree = build("{}", R"({"topology": {"kind": "two_level_tree", "workers_per_rack": 2}})", 4);
  CHECK(tree->topology().route(3, kServer).links.size() == 3);
}

TEST_CASE("net::build_platform: errors name the JSON path") {
  CHECK(error_path("{}", R"({"topology": {"uplink": {"bandwidth": "0Mbps"}}})", 2) ==
        "network.topology.uplink.bandwidth");
  CHECK(error_path("{}", R"({"topology": {"uplink": {"bandwidth": "-1Mbps"}}})", 2) ==
        "network.topology.uplink.bandwidth");
  CHECK(error_path("{}", R"({"topology": {"downlink": {"latency": "-1ms"}}})", 2) ==
        "network.topology.downlink.latency");
  CHECK(error_path("{}", R"({"topology": {"kind": "torus"}})", 2) == "network.topology.kind");
  CHECK(error_path("{}", R"({"model": "maxmim"})", 2) == "network.model");
  CHECK(error_path("{}", R"({"broadcast": "anycast"})", 2) == "network.broadcast");
  CHECK(error_path("{}", R"({"topology": {"workers_per_rack": 4}})", 2) ==
        "network.topology.workers_per_rack");
  CHECK(error_path("{}", R"({"topology": {"kind": "custom", "links": [
                       {"from": "worker0", "to": "sw9", "bandwidth": "1Mbps"}]}})",
                   1) == "network.topology.links[0].to");
  CHECK(error_path("{}", R"({"topology": {"kind": "custom", "links": [
                       {"from": "worker0", "to": "server", "bandwidth": "1Mbps"}]}})",
                   2) == "network.topology.links");
  CHECK(error_path(
            R"({"overrides": [{"workers": 0, "uplink": {"bandwidth": "1Mbps", "latency": "0"}}]})",
            R"({"topology": {"kind": "ring"}})", 2) == "workers");
  try {
    build("{}", R"({"model": "maxmim"})", 2);
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    CHECK(what.find("maxmin") != std::string::npos);
    CHECK(what.find("fifo") != std::string::npos);
  }
}

TEST_CASE("net::build_platform: header bits and multicast are read") {
  auto p = build("{}", R"({"broadcast": "multicast", "header_bits": 320})", 2);
  CHECK(p->broadcast_mode() == BroadcastMode::multicast);
  CHECK(p->header_bits() == 320);
}

TEST_CASE("net::build_platform: relative trace paths resolve against base_dir") {
  std::ofstream(std::string(COMMSIM_BINARY_DIR) + "/net_rel_trace.csv")
      << "worker,start_s,end_s\n1,0,4\n";
  const Json w = Json::parse(R"({"availability": {"trace": "net_rel_trace.csv"}})"),
             n = Json::object();
  sim::JsonReader wr(w, "workers"), nr(n, "network");
  auto p = build_platform(workers_spec_decl().read(wr), read_network(nr), 2, sim::RngStreams(1),
                          COMMSIM_BINARY_DIR);
  CHECK(p->available_from(0, Time::from_seconds(1)) == Time::from_seconds(1));
  CHECK(p->available_from(1, Time::from_seconds(1)) == Time::from_seconds(4));
}

TEST_CASE("net specs: reading opens no file; worker ranges and nodes are checked when building") {
  const Json w = Json::parse(R"({"availability": {"trace": "/nonexistent/trace.csv"},
                                 "overrides": [{"workers": "0-7", "speed": "2GFlops"}]})");
  const Json n = Json::parse(R"({"topology": {"kind": "custom", "graphml": "/nonexistent.graphml",
                                 "links": [{"from": "worker0", "to": "nowhere", "bandwidth": "1Mbps"}]}})");
  sim::JsonReader wr(w, "workers"), nr(n, "network");
  const WorkersSpec ws = workers_spec_decl().read(wr);
  const NetworkSpec ns = read_network(nr);
  CHECK(ws.availability.kind == AvailabilitySpec::Kind::trace);
  CHECK(ws.availability.trace == "/nonexistent/trace.csv");
  REQUIRE(ws.overrides.size() == 1);
  CHECK(ws.overrides[0].workers.front().hi == 7);
  CHECK(ns.topology.name == "custom");
  CHECK(ns.topology.get<CustomTopologyParams>().links.list.size() == 1);
  try {
    build_platform(ws, ns, 4, sim::RngStreams(1));
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK(e.where() == "workers.overrides[0].workers");
    CHECK(std::string(e.what()).find("worker 4 is out of range [0, 4)") != std::string::npos);
  }
}

TEST_CASE("net registries: every topology kind and transfer model has a declaration") {
  CHECK(topology_registry().kind() == "topologies");
  CHECK(topology_registry().name_key() == "kind");
  CHECK(topology_registry().default_name() == "star");
  for (const auto& part : topology_registry().parts()) CHECK(part.params != nullptr);
  CHECK(transfer_model_registry().kind() == "transfer_models");
  CHECK(transfer_model_registry().noun() == "transfer model");
  CHECK(sim::names_of(transfer_models()) ==
        std::vector<std::string>{"ideal", "fifo", "maxmin", "cm02", "lv08"});
  CHECK(topology_kinds().size() == 5);
}
