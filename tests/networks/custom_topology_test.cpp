#include "networks/custom_topology.hpp"

#include <doctest/doctest.h>

#include "networks/ideal_transfer.hpp"
#include "sim/kernel/errors.hpp"
#include "test_util.hpp"

using namespace commsim;
using namespace commsim::net;
using sim::Json;
using sim::Time;

namespace {

Topology custom_from(const std::string& text, int n) {
  Json resolved;
  const CustomTopologyParams p =
      custom_topology_decl().read_object(Json::parse(text), "network.topology", &resolved);
  TopologyInputs in;
  in.num_workers = n;
  return build_custom_topology(sim::AnyParams::of(p), in);
}

std::string custom_error(const std::string& text) {
  try {
    custom_from(text, 1);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

// Arrival of `bits` sent at 0 from `src` to `dst` under the ideal model.
Time ideal_arrival(const Topology& t, int src, int dst, sim::Bits bits) {
  IdealTransfer m(t.links());
  m.start(0, t.route(src, dst), bits, Time::zero());
  return test::run_all(m).at.at(0);
}

}  // namespace

TEST_CASE("net custom topology: an asymmetric link has its own forward and backward timing") {
  const Topology t = custom_from(R"({"nodes": ["sw"], "links": [
      {"from": "worker0", "to": "sw", "forward": {"bandwidth": "1Mbps", "latency": "2ms"},
                                       "backward": {"bandwidth": "4Mbps", "latency": "5ms"}},
      {"from": "sw", "to": "server", "bandwidth": "10Mbps", "latency": "1ms"}]})",
                                 1);
  // Up: latency 2 + 1 ms, bottleneck 1 Mbps: 3 ms + 10000 bits / 1e6 = 13 ms.
  CHECK(ideal_arrival(t, 0, kServer, 10000) == test::ms(13));
  // Down: latency 1 + 5 ms, bottleneck 4 Mbps: 6 ms + 10000 / 4e6 s = 8.5 ms.
  CHECK(ideal_arrival(t, kServer, 0, 10000) == test::ms(8.5));
}

TEST_CASE("net custom topology: a symmetric link is the same both ways, latency 0 by default") {
  const Topology t =
      custom_from(R"({"links": [{"from": "worker0", "to": "server", "bandwidth": "2Mbps"}]})", 1);
  CHECK(ideal_arrival(t, 0, kServer, 4000) == test::ms(2));
  CHECK(ideal_arrival(t, kServer, 0, 4000) == test::ms(2));
}

TEST_CASE("net custom topology: asymmetric link errors name the key") {
  const std::string one_way = R"({"links": [{"from": "worker0", "to": "server",
      "forward": {"bandwidth": "1Mbps", "latency": "1ms"}}]})";
  CHECK(custom_error(one_way) ==
        "network.topology.links[0].backward: an asymmetric link needs both forward and backward");
  const std::string both = R"({"links": [{"from": "worker0", "to": "server", "bandwidth": "1Mbps",
      "forward": {"bandwidth": "1Mbps", "latency": "1ms"},
      "backward": {"bandwidth": "1Mbps", "latency": "1ms"}}]})";
  CHECK(custom_error(both) ==
        "network.topology.links[0].bandwidth: also set by network.topology.links[0]."
        "forward/backward; give either bandwidth and latency or forward and backward");
  CHECK(custom_error(R"({"links": [{"from": "worker0", "to": "server"}]})") ==
        "network.topology.links[0].bandwidth: required (or give forward and backward, each "
        "{bandwidth, latency})");
  const std::string shared = R"({"shared": true, "links": [{"from": "worker0", "to": "server",
      "forward": {"bandwidth": "1Mbps", "latency": "1ms"},
      "backward": {"bandwidth": "1Mbps", "latency": "1ms"}}]})";
  CHECK(custom_error(shared) ==
        "network.topology.links[0].backward: unused: the link is shared (one resource for both "
        "directions, with forward's parameters); give bandwidth and latency instead");
}
