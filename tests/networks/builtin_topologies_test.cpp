#include "networks/builtin_topologies.hpp"

#include <doctest/doctest.h>

#include "test_util.hpp"

using namespace commsim;
using namespace commsim::net;
using sim::Time;

namespace {
using test::ms;
}  // namespace

TEST_CASE("net::make_two_level_tree: worker → rack → core → server, racks shared") {
  const LinkPair access{{1e6, ms(1)}, {2e6, ms(1)}};
  const LinkPair rack{{10e6, ms(2)}, {20e6, ms(2)}};
  const LinkPair core{{100e6, ms(3)}, {200e6, ms(3)}};
  const Topology t = make_two_level_tree(std::vector<LinkPair>(5, access), 2, rack, core, false);
  // 5 workers in racks {0,1}, {2,3}, {4}: 1 core + 3 rack + 5 access links, two directions each.
  CHECK(t.links().size() == 18);
  const Route& u0 = t.route(0, kServer);
  const Route& u1 = t.route(1, kServer);
  const Route& u2 = t.route(2, kServer);
  REQUIRE(u0.links.size() == 3);
  CHECK(u0.latency == ms(6));
  CHECK(u0.links[1] == u1.links[1]);  // same rack
  CHECK(u0.links[1] != u2.links[1]);  // different racks
  CHECK(u0.links[2] == u2.links[2]);  // one core
  CHECK(t.links()[u0.links[0]].bandwidth_bps == 1e6);
  CHECK(t.links()[u0.links[2]].bandwidth_bps == 100e6);
  const Route& d4 = t.route(kServer, 4);
  REQUIRE(d4.links.size() == 3);
  CHECK(t.links()[d4.links[0]].bandwidth_bps == 200e6);
  CHECK(t.links()[d4.links[1]].bandwidth_bps == 20e6);
  CHECK(t.links()[d4.links[2]].bandwidth_bps == 2e6);
}

TEST_CASE("net::make_ring: messages take the shorter way round") {
  const LinkPair l{{1e6, ms(1)}, {1e6, ms(1)}};
  const Topology t = make_ring(5, l, false);     // ring nodes 0 (server), 1..5 (workers 0..4)
  CHECK(t.route(0, kServer).links.size() == 1);  // ring node 1: one hop back
  CHECK(t.route(4, kServer).links.size() == 1);  // ring node 5: one hop forward
  CHECK(t.route(2, kServer).links.size() == 3);  // ring node 3: three hops either way
  CHECK(t.route(kServer, 3).links.size() == 2);
  CHECK(t.route(kServer, 3).latency == ms(2));
  CHECK(make_ring(1, l, false).route(0, kServer).links.size() == 1);
}

TEST_CASE("net::make_full_mesh: direct links unless a relay is strictly faster") {
  std::vector<LinkPair> access(3, LinkPair{{1e6, ms(1)}, {1e6, ms(1)}});
  access[2] = LinkPair{{1e6, ms(10)}, {1e6, ms(10)}};
  const LinkPair peer{{1e6, ms(2)}, {1e6, ms(2)}};
  const Topology t = make_full_mesh(access, peer, false);
  CHECK(t.links().size() == 2 * (3 + 3));
  CHECK(t.route(0, kServer).links.size() == 1);
  CHECK(t.route(2, kServer).links.size() == 2);  // 2 ms to a peer + 1 ms beats 10 ms direct
  CHECK(t.route(2, kServer).latency == ms(3));
}
