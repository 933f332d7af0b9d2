// The weighted sharing rules (networks/sharing_rule.hpp) in MaxMinTransfer, against hand
// computations: SimGrid's CM02 weights flows by 1 / route latency, bounds them by the TCP window,
// and LV08 adds its calibration and cross-traffic.
#include "networks/sharing_rule.hpp"

#include <doctest/doctest.h>

#include "networks/maxmin_transfer.hpp"
#include "networks/topology.hpp"
#include "test_util.hpp"

using namespace commsim;
using namespace commsim::net;
using sim::Time;
using test::ceil_seconds;
using test::ms;
using test::run_with_starts;

namespace {

SharingRule cm02(double tcp_gamma_bits = 0.0) {
  SharingRule r;
  r.latency_weights = true;
  r.tcp_gamma_bits = tcp_gamma_bits;
  return r;
}

}  // namespace

TEST_CASE("net::SharingRule cm02: latencies 1 ms and 3 ms on one link split it 3:1") {
  std::vector<LinkResource> links = {{"l", 1e6, Time::zero()}};
  MaxMinTransfer m(links, cm02());
  // Both leave their latency phase at 3 ms: weights 1/1ms : 1/3ms.
  m.start(2, Route{{0}, ms(3)}, 1000000, Time::zero());
  m.start(1, Route{{0}, ms(1)}, 750000, ms(2));
  std::vector<FlowId> done;
  m.advance_to(ms(3), done);
  CHECK(m.rate(1) == doctest::Approx(0.75e6).epsilon(1e-12));
  CHECK(m.rate(2) == doctest::Approx(0.25e6).epsilon(1e-12));
  const auto a = test::run_all(m);
  // Flow 1: 0.75 Mb at 0.75 Mbps → 1 s. Flow 2 has sent 0.25 Mb then; 0.75 Mb more at 1 Mbps.
  CHECK(a.at.at(1) == ceil_seconds(1.003));
  CHECK(a.at.at(2) == ceil_seconds(1.753));
}

TEST_CASE("net::SharingRule cm02: two bottleneck levels with unequal weights") {
  // A (1 ms) crosses L1; B (2 ms) crosses L1 and L2; C (1 ms) crosses L2. L1's level
  // 1 Mbps / (1/1ms + 1/2ms) is below L2's 3 Mbps / (1/2ms + 1/1ms), so A = 2/3 Mbps and
  // B = 1/3 Mbps; C takes what B leaves of L2: 3 - 1/3 = 8/3 Mbps.
  std::vector<LinkResource> links = {{"L1", 1e6, Time::zero()}, {"L2", 3e6, Time::zero()}};
  MaxMinTransfer m(links, cm02());
  m.start(2, Route{{0, 1}, ms(2)}, 1000000, Time::zero());
  m.start(1, Route{{0}, ms(1)}, 1000000, ms(1));
  m.start(3, Route{{1}, ms(1)}, 8000000, ms(1));
  std::vector<FlowId> done;
  m.advance_to(ms(2), done);
  CHECK(m.rate(1) == doctest::Approx(2e6 / 3).epsilon(1e-12));
  CHECK(m.rate(2) == doctest::Approx(1e6 / 3).epsilon(1e-12));
  CHECK(m.rate(3) == doctest::Approx(8e6 / 3).epsilon(1e-12));
  CHECK(m.link_load(0) == doctest::Approx(1e6).epsilon(1e-12));
  CHECK(m.link_load(1) == doctest::Approx(3e6).epsilon(1e-12));
  // A: 1 Mb at 2/3 Mbps → 1.5 s. Then B alone on L1 (1 Mbps) but L2 is shared with C:
  // L2 level 3 Mbps / (1/2ms + 1/1ms) → B = 1 Mbps, C = 2 Mbps; B has 0.5 Mb left → 0.5 s.
  const auto a = test::run_all(m);
  CHECK(a.at.at(1) == ceil_seconds(1.502));
  CHECK(a.at.at(2) == ceil_seconds(2.002));
  // C: 4 Mb by 1.5 s, 1 Mb more by 2 s, then 3 Mb at 3 Mbps.
  CHECK(a.at.at(3) == ceil_seconds(3.002));
}

TEST_CASE("net::SharingRule cm02: a TCP window bound leaves the rest of the link to others") {
  // A: 10 ms route, window 1600 bits → at most 1600 / (2 · 10 ms) = 80 kbps (its weighted share
  // would be 1 Mbps · 100 / 101). B: zero latency (weight 1, no window) takes the other 920 kbps.
  std::vector<LinkResource> links = {{"l", 1e6, Time::zero()}};
  MaxMinTransfer m(links, cm02(1600.0));
  m.start(1, Route{{0}, ms(10)}, 80000, Time::zero());
  m.start(2, Route{{0}, Time::zero()}, 1840000, ms(10));
  std::vector<FlowId> done;
  m.advance_to(ms(10), done);
  CHECK(m.rate(1) == doctest::Approx(80e3).epsilon(1e-12));
  CHECK(m.rate(2) == doctest::Approx(920e3).epsilon(1e-12));
  const auto a = test::run_all(m);
  CHECK(a.at.at(1) == ceil_seconds(1.01));
  CHECK(a.at.at(2) == ceil_seconds(1.93));  // 0.92 Mb by 1.01 s, 0.92 Mb more at 1 Mbps
}

TEST_CASE("net::SharingRule cm02: with equal route latencies it is plain max-min") {
  std::vector<LinkResource> links;
  for (int i = 0; i < 6; ++i) links.push_back({"l", 1e6 * (1 + i), Time::zero()});
  MaxMinTransfer weighted(links, cm02()), plain(links);
  std::vector<test::Start> starts;
  sim::Rng rng(5);
  for (FlowId id = 0; id < 60; ++id) {
    const auto a = static_cast<LinkId>(rng.next() % 6), b = static_cast<LinkId>(rng.next() % 6);
    Route r{{a}, ms(2)};
    if (b != a) r.links.push_back(b);
    starts.push_back({ms(static_cast<double>(id) * 7), id, r, 100000 + 1000 * (rng.next() % 900)});
  }
  const auto w = run_with_starts(weighted, starts), p = run_with_starts(plain, starts);
  for (const auto& [id, t] : p.at) {
    CHECK(std::llabs(w.at.at(id).ns() - t.ns()) <= 1);  // rounding of level / p vs C / k
  }
}

TEST_CASE("net::SharingRule cm02: the issue's two-worker star to the nanosecond") {
  // Uplinks 10 Mbps with 1 ms (worker 0) and 3 ms (worker 1), server_in 1 Mbps / 1 ms; both
  // uploads of 32000 bits leave at 14.2 ms. Worker 0 transfers alone from 16.2 ms to 18.2 ms
  // (2000 bits at 1 Mbps), then the server link splits 2/3 : 1/3 (route latencies 2 ms, 4 ms):
  // 30000 bits at 2/3 Mbps → 63.2 ms. Worker 1 has sent 15000 bits then; 17000 at 1 Mbps.
  const LinkSpec down{10e6, ms(1)};
  const Topology topo = make_star({LinkSpec{10e6, ms(1)}, LinkSpec{10e6, ms(3)}}, {down, down},
                                  LinkSpec{1e6, ms(1)}, LinkSpec{1e6, ms(1)});
  MaxMinTransfer m(topo.links(), cm02());
  const auto a = run_with_starts(m, {{ms(14.2), 0, topo.route(0, kServer), 32000},
                                     {ms(14.2), 1, topo.route(1, kServer), 32000}});
  CHECK(a.at.at(0) == Time::from_ns(63200000));
  CHECK(a.at.at(1) == Time::from_ns(80200000));
}

TEST_CASE("net::SharingRule lv08: latency x 13.01, rate x 0.97, acknowledgements on the way back") {
  SharingRule lv08;
  lv08.latency_weights = true;
  lv08.latency_factor = 13.01;
  lv08.bandwidth_factor = 0.97;
  lv08.crosstraffic = true;
  std::vector<LinkResource> links = {{"up", 10e6, Time::zero()}, {"down", 1e6, Time::zero()}};
  MaxMinTransfer m(links, lv08);
  // A alone: its latency phase lasts 13.01 ms, then 0.97 × 10 Mbps.
  m.start(1, Route{{0}, ms(1), {1}}, 970000, Time::zero());
  // B on the down link from 0 (zero latency: weight 1, no latency phase); A's acknowledgements
  // load the down link with 0.05 of A's value once A transfers: down's level is then
  // 0.97 Mbps / (1 + 0.05 / 1 ms)... A's weight 1/1ms makes its 0.05 count 50 times B's 1.
  m.start(2, Route{{1}, Time::zero()}, 97000, Time::zero());
  std::vector<FlowId> done;
  m.advance_to(Time::zero(), done);
  CHECK(m.rate(2) == doctest::Approx(0.97e6).epsilon(1e-12));
  m.advance_to(ms(13.01), done);
  // down: usage 1/1 + 0.05/0.001 = 51, level 0.97e6 / 51; B = level, A = level / 0.001 = 1000
  // level, which loads up (9.7 Mbps) with 1000 · 0.97e6 / 51 = 19 Mbps: up is the lower level
  // (9.7e6 · 0.001 = 9700 < 19020), so A = 9.7 Mbps and down keeps 0.97e6 − 0.05 · 9.7e6 for B.
  CHECK(m.rate(1) == doctest::Approx(9.7e6).epsilon(1e-12));
  CHECK(m.rate(2) == doctest::Approx(0.97e6 - 0.05 * 9.7e6).epsilon(1e-12));
}
