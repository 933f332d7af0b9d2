#include "networks/topology.hpp"

#include <doctest/doctest.h>

#include "test_util.hpp"

#include "sim/kernel/errors.hpp"

using namespace commsim;
using namespace commsim::net;
using sim::Time;

namespace {
using test::ms;
const double kInf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("net::make_star: per-worker links, and the server link only when it is limited") {
  std::vector<LinkSpec> up = {{1e6, ms(1)}, {2e6, ms(2)}}, down = {{3e6, ms(3)}, {4e6, ms(4)}};
  SUBCASE("unlimited server link") {
    const Topology t = make_star(up, down, {kInf, Time::zero()}, {kInf, Time::zero()});
    CHECK(t.links().size() == 4);
    CHECK(t.route(1, kServer).links.size() == 1);
    CHECK(t.links()[t.route(1, kServer).links[0]].bandwidth_bps == 2e6);
    CHECK(t.route(1, kServer).latency == ms(2));
    CHECK(t.links()[t.route(kServer, 0).links[0]].bandwidth_bps == 3e6);
    CHECK(t.route(kServer, 0).latency == ms(3));
  }
  SUBCASE("limited server link is shared by every worker's route") {
    const Topology t = make_star(up, down, {10e6, ms(5)}, {20e6, ms(6)});
    const Route& u0 = t.route(0, kServer);
    const Route& u1 = t.route(1, kServer);
    REQUIRE(u0.links.size() == 2);
    CHECK(u0.links[1] == u1.links[1]);
    CHECK(t.links()[u0.links[1]].bandwidth_bps == 10e6);
    CHECK(u1.latency == ms(7));
    const Route& d1 = t.route(kServer, 1);
    CHECK(t.links()[d1.links[0]].bandwidth_bps == 20e6);  // server's link first on the way down
    CHECK(t.links()[d1.links[1]].bandwidth_bps == 4e6);
    CHECK(d1.latency == ms(10));
  }
  SUBCASE("shared links: one resource for both directions") {
    const Topology t = make_star(up, down, {kInf, Time::zero()}, {kInf, Time::zero()}, true);
    CHECK(t.links().size() == 2);
    CHECK(t.route(0, kServer).links == t.route(kServer, 0).links);
  }
}

TEST_CASE("net::TopologyBuilder: shortest latency wins, then fewest hops") {
  // server - a - worker0 (1 ms + 1 ms) vs server - worker0 directly (3 ms): the two-hop path.
  TopologyBuilder b(2);
  const int a = b.add_node("a");
  const int c = b.add_node("c");
  b.add_link(TopologyBuilder::server(), a, {1e6, ms(1)}, {1e6, ms(1)}, false, "sa");
  b.add_link(a, TopologyBuilder::worker(0), {1e6, ms(1)}, {1e6, ms(1)}, false, "a0");
  b.add_link(TopologyBuilder::server(), TopologyBuilder::worker(0), {1e6, ms(3)}, {1e6, ms(3)},
             false, "s0");
  // worker1: a 2 ms direct link vs server - c - worker1 with 1 ms + 1 ms: equal latency, fewer
  // hops.
  b.add_link(TopologyBuilder::server(), c, {1e6, ms(1)}, {1e6, ms(1)}, false, "sc");
  b.add_link(c, TopologyBuilder::worker(1), {1e6, ms(1)}, {1e6, ms(1)}, false, "c1");
  b.add_link(TopologyBuilder::worker(1), TopologyBuilder::server(), {1e6, ms(2)}, {1e6, ms(2)},
             false, "1s");
  const Topology t = b.build("custom", "network.topology");
  CHECK(t.route(kServer, 0).links.size() == 2);
  CHECK(t.route(kServer, 0).latency == ms(2));
  CHECK(t.route(0, kServer).links.size() == 2);
  CHECK(t.links()[t.route(0, kServer).links[0]].name == "a0:bwd");
  CHECK(t.links()[t.route(0, kServer).links[1]].name == "sa:bwd");
  CHECK(t.route(1, kServer).links.size() == 1);
  CHECK(t.links()[t.route(1, kServer).links[0]].name == "1s:fwd");
  CHECK(t.links()[t.route(kServer, 1).links[0]].name == "1s:bwd");
}

TEST_CASE("net::TopologyBuilder: an unreachable worker is a ConfigError naming it") {
  TopologyBuilder b(3);
  b.add_link(TopologyBuilder::worker(0), TopologyBuilder::server(), {1e6, ms(1)}, {1e6, ms(1)},
             false, "l0");
  b.add_link(TopologyBuilder::worker(1), TopologyBuilder::server(), {1e6, ms(1)}, {1e6, ms(1)},
             false, "l1");
  try {
    b.build("custom", "network.topology.links");
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK(e.where() == "network.topology.links");
    CHECK(std::string(e.what()).find("worker2") != std::string::npos);
  }
}

TEST_CASE("net::TopologyBuilder: node lookup by name") {
  TopologyBuilder b(12);
  const int sw = b.add_node("sw");
  CHECK(b.find_node("server") == TopologyBuilder::server());
  CHECK(b.find_node("worker11") == TopologyBuilder::worker(11));
  CHECK(b.find_node("sw") == sw);
  CHECK_FALSE(b.find_node("worker12"));
  CHECK_FALSE(b.find_node("worker011"));
  CHECK_FALSE(b.find_node("nope"));
}
