// The flow models' exact internal clock (networks/exact_instant.hpp): rounding only what is
// reported keeps arrivals within a nanosecond however many rate changes a flow lives through.
#include "networks/exact_instant.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "networks/maxmin_transfer.hpp"
#include "test_util.hpp"

using namespace commsim;
using namespace commsim::net;
using sim::Time;

TEST_CASE("net::Instant: whole nanoseconds plus a fraction, reported rounded up") {
  const Instant a = Instant::at(Time::from_ns(10)).plus_seconds(2.5e-9);
  CHECK(a.ns == 12);
  CHECK(a.frac == doctest::Approx(0.5));
  CHECK(a.reported() == Time::from_ns(13));
  CHECK(Instant::at(Time::from_ns(7)).reported() == Time::from_ns(7));
  CHECK(a.seconds_since(Instant::at(Time::from_ns(10))) == doctest::Approx(2.5e-9));
  CHECK(Instant::at(Time::zero()).plus_seconds(1e30).is_never());
}

TEST_CASE("net::MaxMinTransfer: a long flow crossed by 10 000 short ones arrives within 1 ns") {
  // One 3 Mbps link. The long flow shares it (1.5 Mbps each) with one short flow at a time; the
  // link never idles while the long flow lasts, so by work conservation it ends at
  // (L + Σ s) / C. Each short flow takes s / 1.5 Mbps, never a whole number of nanoseconds.
  constexpr double kCapacity = 3e6;
  std::vector<LinkResource> links = {{"l", kCapacity, Time::zero()}};
  MaxMinTransfer m(links);
  const sim::Bits long_bits = 60000000;
  std::vector<test::Start> starts = {{Time::zero(), 0, Route{{0}, Time::zero()}, long_bits}};
  double short_total = 0.0;
  for (FlowId i = 1; i <= 10000; ++i) {
    const sim::Bits s = 1000 + i % 7;
    short_total += static_cast<double>(s);
    starts.push_back(
        {Time::from_ns(static_cast<std::int64_t>(i) * 1000000), i, Route{{0}, Time::zero()}, s});
  }
  const auto a = test::run_with_starts(m, starts);
  for (FlowId i = 1; i <= 10000; ++i) {
    const double exact_ns =
        static_cast<double>(i) * 1e6 + static_cast<double>(starts[i].bits) / (kCapacity / 2) * 1e9;
    REQUIRE(std::abs(static_cast<double>(a.at.at(i).ns()) - exact_ns) <= 1.0);
  }
  const double exact_ns = (static_cast<double>(long_bits) + short_total) / kCapacity * 1e9;
  CHECK(std::abs(static_cast<double>(a.at.at(0).ns()) - exact_ns) <= 1.0);
}
