#include "networks/ideal_transfer.hpp"

#include <doctest/doctest.h>

#include "test_util.hpp"

using namespace commsim;
using namespace commsim::net;
using sim::Time;

TEST_CASE("net::IdealTransfer: arrival = start + latency + bits / bottleneck, without contention") {
  std::vector<LinkResource> links = {{"a", 1e6, Time::from_ns(1000)},
                                     {"b", 4e6, Time::from_ns(2000)}};
  IdealTransfer m(links);
  const Route r{{0, 1}, Time::from_ns(3000)};
  m.start(0, r, 1000000, Time::from_seconds(1.0));
  m.start(1, r, 1000000, Time::from_seconds(1.0));  // same link, same time: no slowdown
  const auto a = test::run_all(m);
  CHECK(a.at.at(0) == Time::from_seconds(2.0) + Time::from_ns(3000));
  CHECK(a.at.at(1) == a.at.at(0));
  CHECK(a.order == std::vector<FlowId>{0, 1});
}

TEST_CASE("net::serialization_time: rounds up to the nanosecond, exact quotients stay exact") {
  CHECK(serialization_time(1000000, 1e6) == Time::from_seconds(1.0));
  CHECK(serialization_time(1, 3.0) == Time::from_ns(333333334));
  CHECK(serialization_time(0, 1.0) == Time::zero());
  CHECK(serialization_time(5, std::numeric_limits<double>::infinity()) == Time::zero());
}
