#include "networks/simgrid_platform.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

#include "networks/builtin_topologies.hpp"
#include "networks/ideal_transfer.hpp"
#include "test_util.hpp"

using namespace commsim;
using namespace commsim::net;
using sim::Time;

namespace {

using test::ms;

std::string xml_of(Topology topology, std::vector<HostSpec> hosts) {
  const Platform p(std::move(hosts), std::move(topology),
                   [](const std::vector<LinkResource>& l) -> std::unique_ptr<TransferModel> {
                     return std::make_unique<IdealTransfer>(l);
                   });
  return simgrid_platform_xml(p);
}

bool has(const std::string& xml, const std::string& part) {
  return xml.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("net::simgrid_platform_xml: a full-duplex star's links in Bps and seconds, routes") {
  // Link order (make_star): server hub->server, server->hub, then each worker's up and down.
  const std::vector<LinkSpec> up{{8e6, ms(1)}, {16e6, ms(3)}};
  const std::vector<LinkSpec> down{{80e6, ms(2)}, {40e6, ms(2)}};
  std::vector<HostSpec> hosts(2);
  hosts[0].speed_flops = 2e9;
  hosts[1].speed_flops = 3.5e9;
  const std::string xml =
      xml_of(make_star(up, down, LinkSpec{1e6, ms(1)}, LinkSpec{4e6, Time::zero()}), hosts);
  CHECK(has(xml, "<platform version=\"4.1\">"));
  CHECK(has(xml, "<host id=\"w0\" speed=\"2000000000f\"/>"));
  CHECK(has(xml, "<host id=\"w1\" speed=\"3500000000f\"/>"));
  CHECK(has(xml, "<host id=\"server\""));
  CHECK(has(xml,
            "<link id=\"l0\" bandwidth=\"125000Bps\" latency=\"0.001s\" "
            "sharing_policy=\"SHARED\"/>"));
  CHECK(has(xml, "<link id=\"l1\" bandwidth=\"500000Bps\" latency=\"0s\""));
  CHECK(has(xml, "<link id=\"l2\" bandwidth=\"1000000Bps\" latency=\"0.001s\""));
  CHECK(has(xml, "<link id=\"l5\" bandwidth=\"5000000Bps\" latency=\"0.002s\""));
  // 3 ms is not a double multiple of 1e-9 s: printed round-trip exact.
  CHECK(has(xml, "<link id=\"l4\" bandwidth=\"2000000Bps\" latency=\"0.0030000000000000001s\""));
  CHECK(has(xml,
            "<route src=\"w1\" dst=\"server\" symmetrical=\"NO\">\n"
            "      <link_ctn id=\"l4\"/>\n      <link_ctn id=\"l0\"/>\n    </route>"));
  CHECK(has(xml,
            "<route src=\"server\" dst=\"w0\" symmetrical=\"NO\">\n"
            "      <link_ctn id=\"l1\"/>\n      <link_ctn id=\"l3\"/>\n    </route>"));
  CHECK(!has(xml, "l6"));
}

TEST_CASE("net::simgrid_platform_xml: a shared link is one link in both directions' routes") {
  const std::vector<LinkSpec> access{{8e6, ms(1)}};
  const LinkSpec unlimited{std::numeric_limits<double>::infinity(), Time::zero()};
  const std::string xml =
      xml_of(make_star(access, access, unlimited, unlimited, true), std::vector<HostSpec>(1));
  CHECK(has(xml,
            "<link id=\"l0\" bandwidth=\"1000000Bps\" latency=\"0.001s\" "
            "sharing_policy=\"SHARED\"/>"));
  CHECK(!has(xml, "l1"));
  CHECK(has(xml,
            "<route src=\"w0\" dst=\"server\" symmetrical=\"NO\">\n"
            "      <link_ctn id=\"l0\"/>\n    </route>"));
  CHECK(has(xml,
            "<route src=\"server\" dst=\"w0\" symmetrical=\"NO\">\n"
            "      <link_ctn id=\"l0\"/>\n    </route>"));
}

TEST_CASE("net::simgrid_platform_xml: an unconstrained link on a route becomes a FATPIPE") {
  const std::vector<LinkSpec> up{{std::numeric_limits<double>::infinity(), ms(2)}};
  const std::vector<LinkSpec> down{{8e6, ms(1)}};
  const LinkSpec unlimited{std::numeric_limits<double>::infinity(), Time::zero()};
  const std::string xml =
      xml_of(make_star(up, down, unlimited, unlimited), std::vector<HostSpec>(1));
  CHECK(has(xml,
            "<link id=\"l0\" bandwidth=\"1e+30Bps\" latency=\"0.002s\" "
            "sharing_policy=\"FATPIPE\"/>"));
}
