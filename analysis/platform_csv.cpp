#include "analysis/platform_csv.hpp"

#include <iterator>
#include <limits>

#include <fmt/format.h>

#include "analysis/number_format.hpp"

namespace commsim::analysis {

namespace {

/// The link a worker's row describes; a route without links is an unconstrained, instant hop.
net::LinkResource access_link(const net::Topology& t, const net::Route& r, bool first) {
  if (r.links.empty()) return {"", std::numeric_limits<double>::infinity(), sim::Time::zero()};
  return t.links()[first ? r.links.front() : r.links.back()];
}

}  // namespace

std::string platform_csv(const net::Platform& platform) {
  std::string out =
      "worker,speed_flops,time_per_call_s,uplink_bandwidth_bps,uplink_latency_s,"
      "downlink_bandwidth_bps,downlink_latency_s,uplink_link,downlink_link\n";
  const net::Topology& t = platform.topology();
  for (int w = 0; w < platform.num_workers(); ++w) {
    const net::HostSpec& h = platform.host(w);
    const net::LinkResource up = access_link(t, t.route(w, net::kServer), true);
    const net::LinkResource down = access_link(t, t.route(net::kServer, w), false);
    fmt::format_to(
        std::back_inserter(out), "{},{},{},{},{},{},{},{},{}\n", w, format_double(h.speed_flops),
        h.time_per_call_s ? format_double(*h.time_per_call_s) : std::string(),
        format_double(up.bandwidth_bps), format_seconds(up.latency),
        format_double(down.bandwidth_bps), format_seconds(down.latency), up.name, down.name);
  }
  return out;
}

}  // namespace commsim::analysis
