#include "networks/simgrid_platform.hpp"

#include <cmath>

#include <fmt/format.h>

namespace commsim::net {
namespace {

/// SimGrid's bound for a link commsim leaves unconstrained: far above any real rate.
constexpr double kUnboundedBytesPerSecond = 1e30;

std::string worker_host(int worker) {
  return worker == kServer ? std::string("server") : fmt::format("w{}", worker);
}

void append_route(std::string& xml, const Topology& topology, int src, int dst) {
  xml += fmt::format("    <route src=\"{}\" dst=\"{}\" symmetrical=\"NO\">\n", worker_host(src),
                     worker_host(dst));
  for (const LinkId link : topology.route(src, dst).links)
    xml += fmt::format("      <link_ctn id=\"l{}\"/>\n", link);
  xml += "    </route>\n";
}

}  // namespace

std::string simgrid_platform_xml(const Platform& platform) {
  const Topology& topology = platform.topology();
  std::string xml =
      "<?xml version='1.0'?>\n"
      "<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">\n"
      "<platform version=\"4.1\">\n"
      "  <zone id=\"commsim\" routing=\"Full\">\n";
  for (int w = 0; w < platform.num_workers(); ++w)
    xml += fmt::format("    <host id=\"{}\" speed=\"{:.17g}f\"/>\n", worker_host(w),
                       platform.host(w).speed_flops);
  xml += "    <host id=\"server\" speed=\"1e9f\"/>\n";
  const auto& links = topology.links();
  for (std::size_t l = 0; l < links.size(); ++l) {
    const LinkResource& link = links[l];
    const bool unbounded = std::isinf(link.bandwidth_bps);
    xml += fmt::format(
        "    <link id=\"l{}\" bandwidth=\"{:.17g}Bps\" latency=\"{:.17g}s\" "
        "sharing_policy=\"{}\"/>\n",
        l, unbounded ? kUnboundedBytesPerSecond : link.bandwidth_bps / 8.0,
        link.latency.to_seconds(), unbounded ? "FATPIPE" : "SHARED");
  }
  for (int w = 0; w < platform.num_workers(); ++w) {
    append_route(xml, topology, w, kServer);
    append_route(xml, topology, kServer, w);
  }
  xml += "  </zone>\n</platform>\n";
  return xml;
}

}  // namespace commsim::net
