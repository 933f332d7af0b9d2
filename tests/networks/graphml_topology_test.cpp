#include "networks/graphml_topology.hpp"

#include <doctest/doctest.h>

#include <fstream>

#include "sim/kernel/errors.hpp"

using namespace commsim;
using namespace commsim::net;
using sim::Time;

namespace {

std::string write_graphml(const std::string& name, const std::string& nodes,
                          const std::string& edges) {
  const std::string path = std::string(COMMSIM_BINARY_DIR) + "/" + name;
  std::ofstream(path) << R"(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="n" for="node" attr.name="name" attr.type="string"/>
  <key id="b" for="edge" attr.name="bandwidth" attr.type="string"/>
  <key id="l" for="edge" attr.name="latency" attr.type="string"/>
  <key id="s" for="edge" attr.name="shared" attr.type="string"/>
  <graph id="G" edgedefault="undirected">
)" << nodes << edges << "  </graph>\n</graphml>\n";
  return path;
}

}  // namespace

TEST_CASE("net::add_graphml: nodes by name, links with units, routes through a switch") {
  const std::string file = write_graphml(
      "net_topo.graphml",
      R"(<node id="a"><data key="n">server</data></node>
         <node id="b"><data key="n">sw</data></node>
         <node id="c"><data key="n">worker0</data></node>
         <node id="d"><data key="n">worker1</data></node>
)",
      R"(<edge source="c" target="b"><data key="b">10Mbps</data><data key="l">1ms</data></edge>
         <edge source="d" target="b"><data key="b">20Mbps</data><data key="l">2ms</data></edge>
         <edge source="b" target="a"><data key="b">1Gbps</data><data key="l">3ms</data><data key="s">true</data></edge>
)");
  TopologyBuilder b(2);
  add_graphml(b, file, false);
  const Topology t = b.build("custom", "network.topology.graphml");
  CHECK(t.links().size() == 5);
  CHECK(t.route(1, kServer).latency == Time::from_seconds(0.005));
  REQUIRE(t.route(0, kServer).links.size() == 2);
  CHECK(t.links()[t.route(0, kServer).links[0]].bandwidth_bps == 10e6);
  CHECK(t.route(0, kServer).links[1] == t.route(kServer, 1).links[0]);  // the shared link
}

TEST_CASE("net::add_graphml: malformed files are InputErrors naming the file") {
  const std::string unnamed = write_graphml("net_unnamed.graphml", R"(<node id="a"/>)", "");
  TopologyBuilder b(1);
  CHECK_THROWS_AS(add_graphml(b, unnamed, false), InputError);
  const std::string bad_bw = write_graphml(
      "net_badbw.graphml",
      R"(<node id="a"><data key="n">server</data></node><node id="c"><data key="n">worker0</data></node>)",
      R"(<edge source="c" target="a"><data key="b">fast</data></edge>)");
  try {
    TopologyBuilder b2(1);
    add_graphml(b2, bad_bw, false);
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.where() == bad_bw);
  }
  const std::string stray =
      write_graphml("net_stray.graphml", R"(<node id="a"><data key="n">worker7</data></node>)", "");
  TopologyBuilder b3(1);
  CHECK_THROWS_AS(add_graphml(b3, stray, false), InputError);
  TopologyBuilder b4(1);
  CHECK_THROWS_AS(add_graphml(b4, std::string(COMMSIM_BINARY_DIR) + "/none.graphml", false),
                  InputError);
}
