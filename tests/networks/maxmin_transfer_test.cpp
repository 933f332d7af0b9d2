#include "networks/maxmin_transfer.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "networks/fifo_transfer.hpp"
#include "networks/ideal_transfer.hpp"
#include "sim/kernel/rng.hpp"
#include "test_util.hpp"

using namespace commsim;
using namespace commsim::net;
using sim::Time;
using test::ceil_seconds;
using test::run_all;

namespace {
using test::ms;
}  // namespace

TEST_CASE("net::MaxMinTransfer: two flows share one link equally, the survivor then takes it all") {
  std::vector<LinkResource> links = {{"l", 1e6, Time::zero()}};
  MaxMinTransfer m(links);
  m.start(1, Route{{0}, Time::zero()}, 1000000, Time::zero());
  m.start(2, Route{{0}, Time::zero()}, 500000, Time::zero());
  std::vector<FlowId> done;
  m.advance_to(Time::zero(), done);  // both leave their (empty) latency phase
  CHECK(done.empty());
  CHECK(m.rate(1) == doctest::Approx(0.5e6).epsilon(1e-12));
  CHECK(m.rate(2) == doctest::Approx(0.5e6).epsilon(1e-12));
  const auto a = run_all(m);
  // Flow 2: 0.5 Mb at 0.5 Mbps → 1 s. Flow 1: 0.5 Mb sent by then, 0.5 Mb more at 1 Mbps → 1.5 s.
  CHECK(a.at.at(2) == ceil_seconds(1.0));
  CHECK(a.at.at(1) == ceil_seconds(1.5));
}

TEST_CASE("net::MaxMinTransfer: progressive filling with two bottleneck levels") {
  // A crosses L1; B crosses L1 and L2; C crosses L2. L1's fair share (0.5 Mbps) is the smaller,
  // so A = B = 0.5 Mbps; L2 then has 3 - 0.5 = 2.5 Mbps left for C.
  std::vector<LinkResource> links = {{"L1", 1e6, Time::zero()}, {"L2", 3e6, Time::zero()}};
  MaxMinTransfer m(links);
  m.start(1, Route{{0}, Time::zero()}, 1000000, Time::zero());
  m.start(2, Route{{0, 1}, Time::zero()}, 1000000, Time::zero());
  m.start(3, Route{{1}, Time::zero()}, 10000000, Time::zero());
  std::vector<FlowId> done;
  m.advance_to(Time::zero(), done);
  CHECK(m.rate(1) == doctest::Approx(0.5e6).epsilon(1e-12));
  CHECK(m.rate(2) == doctest::Approx(0.5e6).epsilon(1e-12));
  CHECK(m.rate(3) == doctest::Approx(2.5e6).epsilon(1e-12));
  CHECK(m.link_load(0) == doctest::Approx(1e6).epsilon(1e-12));
  CHECK(m.link_load(1) == doctest::Approx(3e6).epsilon(1e-12));
  const auto a = run_all(m);
  // A and B finish at 2 s, together, in start order; C has 10 - 5 = 5 Mb left at 3 Mbps.
  CHECK(a.at.at(1) == ceil_seconds(2.0));
  CHECK(a.at.at(2) == ceil_seconds(2.0));
  CHECK(a.order[0] == 1);
  CHECK(a.order[1] == 2);
  CHECK(a.at.at(3) == ceil_seconds(2.0 + 5.0 / 3.0));
}

TEST_CASE("net::MaxMinTransfer: a flow arriving mid-transfer halves the first one's rate") {
  std::vector<LinkResource> links = {{"l", 1e6, Time::zero()}};
  MaxMinTransfer m(links);
  m.start(1, Route{{0}, Time::zero()}, 4000000, Time::zero());
  std::vector<FlowId> done;
  m.advance_to(Time::zero(), done);
  CHECK(m.rate(1) == doctest::Approx(1e6).epsilon(1e-12));
  m.advance_to(Time::from_seconds(1.0), done);
  m.start(2, Route{{0}, Time::zero()}, 1000000, Time::from_seconds(1.0));
  m.advance_to(Time::from_seconds(1.0), done);
  CHECK(m.rate(1) == doctest::Approx(0.5e6).epsilon(1e-12));
  const auto a = run_all(m);
  // Flow 2: 1 Mb at 0.5 Mbps from t = 1 → 3 s. Flow 1: 3 Mb left at t = 1, 1 Mb sent by 3 s, 2 Mb
  // more at full rate → 5 s (5 Mb in total through a 1 Mbps link).
  CHECK(a.at.at(2) == ceil_seconds(3.0));
  CHECK(a.at.at(1) == ceil_seconds(5.0));
}

TEST_CASE("net::MaxMinTransfer: the latency phase uses no bandwidth") {
  std::vector<LinkResource> links = {{"l", 1e6, Time::zero()}};
  MaxMinTransfer m(links);
  m.start(1, Route{{0}, Time::zero()}, 1000000, Time::zero());
  m.start(2, Route{{0}, Time::from_seconds(0.5)}, 1000000, Time::zero());
  const auto a = run_all(m);
  // Flow 1 alone until 0.5 s (0.5 Mb sent), then both at 0.5 Mbps: flow 1 done at 1.5 s; flow 2
  // has sent 0.5 Mb by then and finishes alone at 2 s.
  CHECK(a.at.at(1) == ceil_seconds(1.5));
  CHECK(a.at.at(2) == ceil_seconds(2.0));
}

TEST_CASE("net::MaxMinTransfer: zero bits and unconstrained routes complete after the latency") {
  std::vector<LinkResource> links = {{"l", 1e6, ms(3)},
                                     {"fat", std::numeric_limits<double>::infinity(), ms(2)}};
  MaxMinTransfer m(links);
  m.start(1, Route{{0}, ms(3)}, 0, Time::zero());
  m.start(2, Route{{1}, ms(2)}, 123456789, Time::zero());
  const auto a = run_all(m);
  CHECK(a.at.at(1) == ms(3));
  CHECK(a.at.at(2) == ms(2));
}

TEST_CASE("net::MaxMinTransfer: allocations are feasible and max-min fair on random instances") {
  sim::Rng rng(2024);
  for (int trial = 0; trial < 30; ++trial) {
    const int nl = 2 + static_cast<int>(rng.below(8));
    std::vector<LinkResource> links;
    for (int l = 0; l < nl; ++l) links.push_back({"l", rng.uniform(1e6, 1e8), Time::zero()});
    MaxMinTransfer m(links);
    const int nf = 1 + static_cast<int>(rng.below(25));
    for (int f = 0; f < nf; ++f) {
      Route r;
      const int len = 1 + static_cast<int>(rng.below(3));
      for (int k = 0; k < len; ++k) {
        const auto l = static_cast<LinkId>(rng.below(static_cast<std::uint64_t>(nl)));
        if (std::find(r.links.begin(), r.links.end(), l) == r.links.end()) r.links.push_back(l);
      }
      m.start(static_cast<FlowId>(f), r, 1000000 + rng.below(50000000), Time::zero());
    }
    std::vector<FlowId> done;
    // Check the allocation at the start and after each of the first few completions.
    for (int step = 0; step < 4 && m.active_flows() > 0; ++step) {
      m.advance_to(m.next_completion(), done);
      for (int l = 0; l < nl; ++l) {
        CHECK(m.link_load(static_cast<LinkId>(l)) <=
              links[static_cast<std::size_t>(l)].bandwidth_bps * (1 + 1e-12));
      }
      // Max-min fairness: every flow crosses a saturated link on which no flow gets more.
      std::vector<std::vector<LinkId>> links_of(static_cast<std::size_t>(nf));
      for (int l = 0; l < nl; ++l) {
        for (FlowId f : m.flows_on(static_cast<LinkId>(l)))
          links_of[f].push_back(static_cast<LinkId>(l));
      }
      for (int f = 0; f < nf; ++f) {
        if (links_of[static_cast<std::size_t>(f)].empty()) continue;
        const double rf = m.rate(static_cast<FlowId>(f));
        CHECK(rf > 0.0);
        bool bottlenecked = false;
        for (LinkId l : links_of[static_cast<std::size_t>(f)]) {
          const bool saturated = m.link_load(l) >= links[l].bandwidth_bps * (1 - 1e-9);
          double max_rate = 0.0;
          for (FlowId g : m.flows_on(l)) max_rate = std::max(max_rate, m.rate(g));
          if (saturated && rf >= max_rate * (1 - 1e-9)) bottlenecked = true;
        }
        CHECK(bottlenecked);
      }
    }
  }
}

TEST_CASE("net::MaxMinTransfer: ideal, fifo and maxmin agree without contention") {
  // One flow per single-link route, with assorted sizes, bandwidths and latencies.
  sim::Rng rng(7);
  std::vector<LinkResource> links;
  std::vector<Route> routes;
  std::vector<sim::Bits> bits;
  for (int i = 0; i < 20; ++i) {
    links.push_back({"l", rng.uniform(1e5, 1e9),
                     Time::from_ns(static_cast<std::int64_t>(rng.below(20000000)))});
    routes.push_back(Route{{static_cast<LinkId>(i)}, links.back().latency});
    bits.push_back(rng.below(100000000));
  }
  std::vector<test::Start> starts;
  for (int i = 0; i < 20; ++i) {
    starts.push_back({Time::from_ns(1000 * i), static_cast<FlowId>(i),
                      routes[static_cast<std::size_t>(i)], bits[static_cast<std::size_t>(i)]});
  }
  IdealTransfer ideal(links);
  FifoTransfer fifo(links);
  MaxMinTransfer maxmin(links);
  const auto a = test::run_with_starts(ideal, starts), b = test::run_with_starts(fifo, starts),
             c = test::run_with_starts(maxmin, starts);
  CHECK(a.at.size() == 20);
  CHECK(a.at == b.at);
  CHECK(a.at == c.at);
}

TEST_CASE("net::MaxMinTransfer: a multi-link route is cut-through, like ideal") {
  std::vector<LinkResource> links = {{"a", 4e6, ms(1)}, {"b", 1e6, ms(2)}, {"c", 8e6, ms(3)}};
  IdealTransfer ideal(links);
  MaxMinTransfer maxmin(links);
  const Route r{{0, 1, 2}, ms(6)};
  ideal.start(0, r, 3000000, Time::zero());
  maxmin.start(0, r, 3000000, Time::zero());
  const Time expected = ms(6) + ceil_seconds(3.0);  // latency, then 3 Mb at the 1 Mbps bottleneck
  CHECK(run_all(ideal).at.at(0) == expected);
  CHECK(run_all(maxmin).at.at(0) == expected);
}

TEST_CASE("net::MaxMinTransfer: independent components are not re-rated") {
  std::vector<LinkResource> links = {{"a", 1e6, Time::zero()}, {"b", 1e6, Time::zero()}};
  MaxMinTransfer m(links);
  m.start(0, Route{{0}, Time::zero()}, 1000000, Time::zero());
  m.start(1, Route{{1}, Time::zero()}, 3000000, Time::zero());
  std::vector<FlowId> done;
  m.advance_to(Time::zero(), done);
  const auto before = m.flows_rerated();
  m.advance_to(m.next_completion(), done);  // flow 0 ends; flow 1's component is untouched
  CHECK(done == std::vector<FlowId>{0});
  CHECK(m.flows_rerated() == before);
  CHECK(run_all(m).at.at(1) == ceil_seconds(3.0));
}
