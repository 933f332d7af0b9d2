#include "networks/fifo_transfer.hpp"

#include <doctest/doctest.h>

#include "test_util.hpp"

using namespace commsim;
using namespace commsim::net;
using sim::Time;
using test::ceil_seconds;
using test::run_all;

namespace {
using test::ms;
}  // namespace

TEST_CASE("net::FifoTransfer: a busy link serializes messages in arrival order") {
  std::vector<LinkResource> links = {{"l", 1e6, ms(10)}};
  FifoTransfer f(links);
  const Route r{{0}, ms(10)};
  const auto a =
      test::run_with_starts(f, {{Time::zero(), 1, r, 1000000},              // served [0, 1 s]
                                {Time::from_seconds(0.25), 2, r, 500000},   // waits, [1, 1.5 s]
                                {Time::from_seconds(0.5), 3, r, 250000}});  // [1.5, 1.75 s]
  CHECK(a.at.at(1) == Time::from_seconds(1.0) + ms(10));
  CHECK(a.at.at(2) == Time::from_seconds(1.5) + ms(10));
  CHECK(a.at.at(3) == Time::from_seconds(1.75) + ms(10));
  CHECK(a.order == std::vector<FlowId>{1, 2, 3});
}

TEST_CASE("net::FifoTransfer: store-and-forward pays every link's serialization") {
  std::vector<LinkResource> links = {{"a", 2e6, ms(1)}, {"b", 1e6, ms(2)}};
  FifoTransfer f(links);
  f.start(0, Route{{0, 1}, ms(3)}, 1000000, Time::zero());
  // 0.5 s on a, 1 ms propagation, 1 s on b, 2 ms propagation.
  CHECK(run_all(f).at.at(0) == Time::from_seconds(1.503));
}

TEST_CASE("net::FifoTransfer: a later message can overtake at a downstream link") {
  // Flow 1 crosses a slow first link before the shared link s; flow 2 reaches s directly.
  std::vector<LinkResource> links = {{"slow", 1e6, Time::zero()}, {"s", 1e6, Time::zero()}};
  FifoTransfer f(links);
  const auto a = test::run_with_starts(
      f, {{Time::zero(), 1, Route{{0, 1}, Time::zero()}, 1000000},  // reaches s at 1 s
          {Time::from_seconds(0.5), 2, Route{{1}, Time::zero()},
           2000000}});  // holds s over [0.5, 2.5 s]
  CHECK(a.at.at(2) == Time::from_seconds(2.5));
  CHECK(a.at.at(1) == Time::from_seconds(3.5));
}

TEST_CASE("net::FifoTransfer: simultaneous completions are reported in start order") {
  std::vector<LinkResource> links = {{"a", 1e6, Time::zero()}, {"b", 1e6, Time::zero()}};
  FifoTransfer f(links);
  f.start(5, Route{{1}, Time::zero()}, 1000000, Time::zero());
  f.start(4, Route{{0}, Time::zero()}, 1000000, Time::zero());
  const auto a = run_all(f);
  CHECK(a.at.at(4) == ceil_seconds(1.0));
  CHECK(a.order == std::vector<FlowId>{5, 4});
}

TEST_CASE("net::FifoTransfer: route latency beyond the links' own is spent before the first hop") {
  std::vector<LinkResource> links = {{"a", 1e6, ms(1)}};
  FifoTransfer f(links);
  f.start(0, Route{{0}, ms(5)}, 1000000, Time::zero());
  CHECK(run_all(f).at.at(0) == Time::from_seconds(1.005));
}
