#include "networks/platform.hpp"

#include <doctest/doctest.h>

#include "test_util.hpp"

#include <map>

#include "networks/builtin_topologies.hpp"
#include "networks/ideal_transfer.hpp"
#include "networks/maxmin_transfer.hpp"

using namespace commsim;
using namespace commsim::net;
using sim::Time;

namespace {

using test::ms;

TransferModelFactory maxmin() {
  return [](const std::vector<LinkResource>& l) -> std::unique_ptr<TransferModel> {
    return std::make_unique<MaxMinTransfer>(l);
  };
}

std::map<FlowId, Time> drain(Platform& p) {
  std::map<FlowId, Time> at;
  std::vector<FlowId> done;
  while (!p.next_completion().is_infinite()) {
    const Time t = p.next_completion();
    done.clear();
    p.advance_to(t, done);
    for (FlowId f : done) at[f] = t;
  }
  return at;
}

// A star whose server downlink (10 Mbps) is shared by 4 workers with 100 Mbps access links.
Topology star4() {
  std::vector<LinkSpec> access(4, LinkSpec{100e6, ms(1)});
  return make_star(access, access, LinkSpec{10e6, Time::zero()}, LinkSpec{10e6, Time::zero()});
}

}  // namespace

TEST_CASE("net::Platform: unicast broadcast contends on the server link, multicast sends it once") {
  const std::vector<int> dsts = {0, 1, 2, 3};
  SUBCASE("unicast") {
    Platform p(HostModel(std::vector<HostSpec>(4)), star4(), maxmin(), BroadcastMode::unicast);
    std::vector<FlowId> ids;
    p.broadcast(dsts, 1000000, Time::zero(), ids);
    REQUIRE(ids.size() == 4);
    const auto at = drain(p);
    // Four 1 Mb copies through 10 Mbps: 2.5 Mbps each → 0.4 s after the 1 ms latency.
    for (FlowId id : ids) CHECK(at.at(id) == ms(1) + Time::from_seconds(0.4));
  }
  SUBCASE("multicast") {
    Platform p(HostModel(std::vector<HostSpec>(4)), star4(), maxmin(), BroadcastMode::multicast);
    std::vector<FlowId> ids;
    p.broadcast(dsts, 1000000, Time::zero(), ids);
    REQUIRE(ids.size() == 4);
    const auto at = drain(p);
    CHECK(at.size() == 4);  // only the destinations are reported, not the per-link flows
    // One copy on the server link (0.1 s), access links in parallel (0.01 s after 1 ms latency).
    for (FlowId id : ids) CHECK(at.at(id) == Time::from_seconds(0.1));
  }
}

TEST_CASE("net::Platform: header bits are added to every message; compute goes to the host model") {
  std::vector<LinkSpec> access(1, LinkSpec{1e6, Time::zero()});
  const LinkSpec unlimited{std::numeric_limits<double>::infinity(), Time::zero()};
  std::vector<HostSpec> hosts(1);
  hosts[0].speed_flops = 4e9;
  Platform p(hosts, make_star(access, access, unlimited, unlimited),
             [](const std::vector<LinkResource>& l) -> std::unique_ptr<TransferModel> {
               return std::make_unique<IdealTransfer>(l);
             });
  p.set_header_bits(500000);
  const FlowId id = p.send(0, kServer, 500000, Time::zero());
  CHECK(drain(p).at(id) == Time::from_seconds(1.0));
  sim::Work w;
  w.flops = 1e9;
  CHECK(p.compute_time(0, w, 0) == Time::from_seconds(0.25));
  CHECK(p.available_from(0, Time::from_seconds(2)) == Time::from_seconds(2));
}
