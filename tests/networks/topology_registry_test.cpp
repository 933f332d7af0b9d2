#include "networks/topology_registry.hpp"

#include <doctest/doctest.h>

#include "networks/ideal_transfer.hpp"
#include "sim/kernel/errors.hpp"
#include "test_util.hpp"

using namespace commsim;
using namespace commsim::net;
using sim::Json;
using sim::Time;

namespace {

Topology registry_topology(const std::string& text, int n) {
  const Json value = Json::parse(text);
  Json resolved;
  sim::JsonReader r(value, "network.topology", &resolved);
  const sim::PartSpec spec = topology_registry().read(r);
  r.finish();
  TopologyInputs in;
  in.num_workers = n;
  in.access_links = [n](const LinkPair& defaults) {
    return std::vector<LinkPair>(static_cast<std::size_t>(n), defaults);
  };
  return build_topology(spec, in);
}

std::string registry_error(const std::string& text, int n) {
  try {
    registry_topology(text, n);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

Time ideal_time(const Topology& t, int src, int dst, sim::Bits bits) {
  IdealTransfer m(t.links());
  m.start(0, t.route(src, dst), bits, Time::zero());
  return test::run_all(m).at.at(0);
}

}  // namespace

TEST_CASE("net two_level_tree: rack_overrides give selected racks their own links") {
  const Topology t = registry_topology(R"({"kind": "two_level_tree", "workers_per_rack": 2,
      "rack_overrides": [{"racks": 1, "rack_uplink": {"bandwidth": "1Mbps", "latency": "4ms"}}]})",
                                       4);
  // Worker 3 is in rack 1: access 100 Mbps / 1 ms, rack 1 Mbps / 4 ms, core unlimited:
  // 5 ms + 10000 bits / 1e6 = 15 ms.
  CHECK(ideal_time(t, 3, kServer, 10000) == test::ms(15));
  // Rack 0 keeps the default 10 Gbps / 0.05 ms: 1.05 ms + 10000 / 1e8 s = 1.15 ms.
  CHECK(ideal_time(t, 0, kServer, 10000) == test::ms(1.15));
  // Rack 1's downlink was not overridden.
  CHECK(ideal_time(t, kServer, 3, 10000) == test::ms(1.15));

  const Topology u = registry_topology(R"({"kind": "two_level_tree", "workers_per_rack": 1,
      "rack_overrides": [{"racks": "0-1", "rack_downlink": {"bandwidth": "2Mbps", "latency": "0"}},
                         {"racks": [1], "rack_downlink": {"bandwidth": "4Mbps", "latency": "0"}}]})",
                                       3);
  // Later entries win: rack 0 at 2 Mbps, rack 1 at 4 Mbps (latency 0), rack 2 the default.
  CHECK(ideal_time(u, kServer, 0, 8000) == test::ms(1 + 4));
  CHECK(ideal_time(u, kServer, 1, 8000) == test::ms(1 + 2));
  CHECK(ideal_time(u, kServer, 2, 8000) == test::ms(1.05 + 0.08));
}

TEST_CASE("net two_level_tree: rack_overrides errors name their path") {
  CHECK(registry_error(R"({"kind": "two_level_tree", "workers_per_rack": 2,
      "rack_overrides": [{"racks": 2, "rack_uplink": {"bandwidth": "1Mbps", "latency": "1ms"}}]})",
                       4) ==
        "network.topology.rack_overrides[0].racks: rack 2 is out of range [0, 2)");
  CHECK(registry_error(R"({"kind": "two_level_tree", "shared": true,
      "rack_overrides": [{"racks": 0, "rack_downlink": {"bandwidth": "1Mbps", "latency": "1ms"}}]})",
                       4) ==
        "network.topology.rack_overrides[0].rack_downlink: unused: network.topology.shared is true "
        "(links use their uplink values)");
  CHECK(registry_error(R"({"kind": "two_level_tree", "rack_overrides": [{"racks": "x"}]})", 4) ==
        "network.topology.rack_overrides[0].racks: \"x\" is not a rack index or range (use e.g. 3 "
        "or \"0-4\")");
}
