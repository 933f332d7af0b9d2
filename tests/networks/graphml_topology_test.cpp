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

namespace {

// The message of the InputError that adding `file` throws (empty when it throws none).
std::string graphml_error(const std::string& file, int workers) {
  try {
    TopologyBuilder b(workers);
    add_graphml(b, file, false);
  } catch (const InputError& e) {
    CHECK(e.where() == file);
    return e.what();
  }
  return "";
}

const char* kServerAndWorker =
    R"(<node id="a"><data key="n">server</data></node><node id="c"><data key="n">worker0</data></node>)";

}  // namespace

TEST_CASE("net::add_graphml: refused like the same link in a JSON custom topology") {
  // A self-loop: JSON says "a link must join two different nodes"; GraphML added it before.
  const std::string loop =
      write_graphml("net_loop.graphml", kServerAndWorker,
                    R"(<edge source="c" target="a"><data key="b">1Gbps</data></edge>
         <edge source="c" target="c"><data key="b">1Gbps</data></edge>)");
  CHECK(graphml_error(loop, 1).find("edge worker0-worker0: a link must join two different nodes") !=
        std::string::npos);
  // A latency beyond a year: JSON caps it (kMaxLatencySeconds); GraphML accepted it before.
  const std::string slow = write_graphml(
      "net_slow.graphml", kServerAndWorker,
      R"(<edge source="c" target="a"><data key="b">1Gbps</data><data key="l">1e9s</data></edge>)");
  CHECK(graphml_error(slow, 1).find("edge worker0-server: latency \"1e9s\" must be >= 0 and <= "
                                    "31536000") != std::string::npos);
  const std::string year = write_graphml(
      "net_year.graphml", kServerAndWorker,
      R"(<edge source="c" target="a"><data key="b">1Gbps</data><data key="l">31536000s</data></edge>)");
  CHECK(graphml_error(year, 1).empty());
}

TEST_CASE("net::add_graphml: an edge to an undeclared node names that node") {
  // Boost makes up a vertex for the missing end; the message said "node #2 has no name".
  const std::string stray =
      write_graphml("net_undeclared.graphml", kServerAndWorker,
                    R"(<edge source="c" target="a"><data key="b">1Gbps</data></edge>
         <edge source="c" target="zz"><data key="b">1Gbps</data></edge>)");
  CHECK(graphml_error(stray, 1).find("edge c-zz: node \"zz\" is not declared") !=
        std::string::npos);
}
