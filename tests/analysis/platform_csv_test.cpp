#include "analysis/platform_csv.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

#include "networks/ideal_transfer.hpp"

using namespace commsim;

namespace {

net::LinkResource link(std::string name, double bps, double latency_s) {
  return {std::move(name), bps, sim::Time::from_seconds(latency_s)};
}

}  // namespace

TEST_CASE(
    "analysis::platform_csv: each worker's row is its host and the first link up, last link down") {
  // Workers 0 and 1 sit behind one core link each way (a rack); worker 2's routes have no link.
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<net::LinkResource> links{
      link("acc0:up", 0.1 + 0.2, 0.001),  // 0.30000000000000004: must read back exactly
      link("acc1:up", 2e6, 0.002),       link("core:up", 1e9, 0.010),
      link("core:down", 5e8, 0.020),     link("acc0:down", 3e6, 0.003),
      link("acc1:down", inf, 0.004)};
  std::vector<net::Route> up{
      {{0, 2}, sim::Time::from_seconds(0.011)}, {{1, 2}, sim::Time::from_seconds(0.012)}, {}};
  std::vector<net::Route> down{
      {{3, 4}, sim::Time::from_seconds(0.023)}, {{3, 5}, sim::Time::from_seconds(0.024)}, {}};
  net::Topology topology("custom", std::move(links), std::move(up), std::move(down));
  std::vector<net::HostSpec> hosts{{1e9, 0.0}, {2.5e9, 0.0}, {1e9, 0.125}};
  const net::Platform platform(std::move(hosts), std::move(topology), [](const auto& l) {
    return std::unique_ptr<net::TransferModel>(std::make_unique<net::IdealTransfer>(l));
  });

  CHECK(analysis::platform_csv(platform) ==
        "worker,speed_flops,time_per_call_s,uplink_bandwidth_bps,uplink_latency_s,"
        "downlink_bandwidth_bps,downlink_latency_s,uplink_link,downlink_link\n"
        "0,1000000000,0,0.30000000000000004,0.001,3000000,0.003,acc0:up,acc0:down\n"
        "1,2500000000,0,2000000,0.002,inf,0.004,acc1:up,acc1:down\n"
        "2,1000000000,0.125,inf,0,inf,0,,\n");
}
