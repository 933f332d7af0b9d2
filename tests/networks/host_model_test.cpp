#include "networks/host_model.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "sim/kernel/errors.hpp"

using namespace commsim;
using namespace commsim::net;
using sim::Time;

namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = std::string(COMMSIM_BINARY_DIR) + "/" + name;
  std::ofstream(path) << text;
  return path;
}

sim::Work flops(double f) {
  sim::Work w;
  w.flops = f;
  return w;
}

}  // namespace

TEST_CASE("net::HostModel: speed and fixed time per call") {
  std::vector<HostSpec> hosts(2);
  hosts[0].speed_flops = 2e9;
  hosts[1].time_per_call_s = 0.25;
  const HostModel h(hosts);
  CHECK(h.compute_time(0, flops(1e9), 0) == Time::from_seconds(0.5));
  CHECK(h.compute_time(1, flops(1e9), 0) == Time::from_seconds(0.25));
  CHECK(h.available_from(0, Time::from_seconds(3)) == Time::from_seconds(3));
}

TEST_CASE("net::HostModel: lognormal jitter has mean 1 and is a function of (worker, round)") {
  JitterSpec j;
  j.kind = JitterSpec::Kind::lognormal;
  j.sigma = 0.5;
  const HostModel h(std::vector<HostSpec>(4), j, {}, {}, sim::RngStreams(11));
  const int N = 20000;
  double sum = 0.0, sum_log = 0.0, sum_log2 = 0.0;
  for (int r = 0; r < N; ++r) {
    const double x = h.jitter_factor(r % 4, static_cast<std::uint64_t>(r / 4));
    sum += x;
    sum_log += std::log(x);
    sum_log2 += std::log(x) * std::log(x);
  }
  // Var(exp(σZ − σ²/2)) = e^{σ²} − 1 ≈ 0.284: the sample mean's std is 0.0038; allow 5 of them.
  CHECK(std::abs(sum / N - 1.0) < 5 * std::sqrt((std::exp(0.25) - 1) / N));
  const double mean_log = sum_log / N;
  CHECK(std::abs(mean_log + 0.125) < 5 * 0.5 / std::sqrt(N));
  CHECK(std::abs(std::sqrt(sum_log2 / N - mean_log * mean_log) - 0.5) < 0.02);
  CHECK(h.jitter_factor(2, 17) == h.jitter_factor(2, 17));
  CHECK(h.jitter_factor(2, 17) != h.jitter_factor(2, 18));
  CHECK(h.jitter_factor(2, 17) != h.jitter_factor(3, 17));
  const HostModel same(std::vector<HostSpec>(4), j, {}, {}, sim::RngStreams(11));
  CHECK(same.jitter_factor(1, 5) == h.jitter_factor(1, 5));
}

TEST_CASE("net::HostModel: exponential jitter is 1 + Exp(mean)") {
  JitterSpec j;
  j.kind = JitterSpec::Kind::exponential;
  j.mean = 0.2;
  const HostModel h(std::vector<HostSpec>(1), j, {}, {}, sim::RngStreams(3));
  const int N = 20000;
  double sum = 0.0, lo = 10.0;
  for (int r = 0; r < N; ++r) {
    const double x = h.jitter_factor(0, static_cast<std::uint64_t>(r));
    sum += x;
    lo = std::min(lo, x);
  }
  CHECK(lo >= 1.0);
  CHECK(std::abs(sum / N - 1.2) < 5 * 0.2 / std::sqrt(N));  // std of Exp(mean) is the mean
}

TEST_CASE("net::HostModel: stragglers are exactly round(fraction n) workers, fixed or redrawn") {
  std::vector<HostSpec> hosts(10);
  StragglerSpec s{0.3, 4.0, false};
  const HostModel fixed(hosts, {}, s, {}, sim::RngStreams(5));
  std::vector<int> set0;
  for (int w = 0; w < 10; ++w) {
    if (fixed.is_straggler(w, 0)) set0.push_back(w);
    CHECK(fixed.is_straggler(w, 0) == fixed.is_straggler(w, 9));
    CHECK(fixed.compute_time(w, flops(1e9), 0) ==
          Time::from_seconds(fixed.is_straggler(w, 0) ? 4.0 : 1.0));
  }
  CHECK(set0.size() == 3);
  s.every_round = true;
  const HostModel redraw(hosts, {}, s, {}, sim::RngStreams(5));
  bool changed = false;
  for (std::uint64_t r = 0; r < 20; ++r) {
    int count = 0;
    for (int w = 0; w < 10; ++w) {
      count += redraw.is_straggler(w, r);
      if (redraw.is_straggler(w, r) != redraw.is_straggler(w, 0)) changed = true;
    }
    CHECK(count == 3);
  }
  CHECK(changed);
}

TEST_CASE("net::HostModel: periodic availability with a per-worker phase") {
  AvailabilitySpec a;
  a.kind = AvailabilitySpec::Kind::periodic;
  a.on = Time::from_seconds(10);
  a.off = Time::from_seconds(2);
  const HostModel h(std::vector<HostSpec>(3), {}, {}, a, sim::RngStreams(9));
  for (int w = 0; w < 3; ++w) {
    const std::int64_t phase = h.phase(w).ns();
    CHECK(phase >= 0);
    CHECK(phase < Time::from_seconds(12).ns());
    // Scan a period in 0.5 s steps against the definition (online iff (t + phase) mod 12 s < 10 s).
    for (int k = 0; k < 48; ++k) {
      const Time t = Time::from_seconds(0.5 * k);
      const std::int64_t x = (t.ns() + phase) % Time::from_seconds(12).ns();
      const Time expected =
          x < Time::from_seconds(10).ns() ? t : t + Time::from_ns(Time::from_seconds(12).ns() - x);
      CHECK(h.available_from(w, t) == expected);
    }
  }
  CHECK(h.phase(0) != h.phase(1));
}

TEST_CASE(
    "net::HostModel: periodic availability near the end of simulated time does not overflow") {
  // A years-long cycle and a late t: t + phase passes 2^63 ns (signed overflow before). The
  // expected instant follows the definition in unsigned 64-bit arithmetic, where the sum fits.
  AvailabilitySpec a;
  a.kind = AvailabilitySpec::Kind::periodic;
  a.on = Time::from_seconds(3);
  a.off = Time::from_seconds(31536000);
  const HostModel h(std::vector<HostSpec>(4), {}, {}, a, sim::RngStreams(5));
  const auto cycle = static_cast<std::uint64_t>((a.on + a.off).ns());
  const std::int64_t last = Time::infinity().ns() - 1;
  int overflowing = 0;
  for (int w = 0; w < 4; ++w) {
    const auto phase = static_cast<std::uint64_t>(h.phase(w).ns());
    for (std::int64_t k = 0; k < 64; ++k) {
      const std::int64_t t = last - k * static_cast<std::int64_t>(cycle / 32);
      const std::uint64_t x = (static_cast<std::uint64_t>(t) + phase) % cycle;
      const Time expected =
          x < static_cast<std::uint64_t>(a.on.ns())
              ? Time::from_ns(t)
              : Time::from_ns(t) + Time::from_ns(static_cast<std::int64_t>(cycle - x));
      CHECK(h.available_from(w, Time::from_ns(t)) == expected);
      if (static_cast<std::uint64_t>(t) + phase > static_cast<std::uint64_t>(last)) ++overflowing;
    }
    CHECK(h.available_from(w, Time::infinity()) == Time::infinity());
  }
  CHECK(overflowing > 0);  // the sums that overflowed int64 were exercised
}

TEST_CASE("net::read_availability_trace: merged intervals, header, and file:line errors") {
  const std::string ok =
      write_temp("net_trace_ok.csv", "worker,start_s,end_s\n0,1,2\n# comment\n0,1.5,3\n1,5,6\n\n");
  const auto off = read_availability_trace(ok, 2);
  REQUIRE(off[0].size() == 1);
  CHECK(off[0][0].first == Time::from_seconds(1));
  CHECK(off[0][0].second == Time::from_seconds(3));
  AvailabilitySpec a;
  a.kind = AvailabilitySpec::Kind::trace;
  a.offline = off;
  const HostModel h(std::vector<HostSpec>(2), {}, {}, a, sim::RngStreams(1));
  CHECK(h.available_from(0, Time::from_seconds(0.5)) == Time::from_seconds(0.5));
  CHECK(h.available_from(0, Time::from_seconds(1)) == Time::from_seconds(3));
  CHECK(h.available_from(0, Time::from_seconds(2.9)) == Time::from_seconds(3));
  CHECK(h.available_from(0, Time::from_seconds(3)) == Time::from_seconds(3));
  CHECK(h.available_from(1, Time::from_seconds(5.5)) == Time::from_seconds(6));

  const std::string bad = write_temp("net_trace_bad.csv", "0,1,2\n0,x,3\n");
  try {
    read_availability_trace(bad, 2);
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.where() == bad + ":2");
  }
  const std::string range = write_temp("net_trace_range.csv", "0,1,2\n\n2,1,3\n");
  CHECK_THROWS_AS(read_availability_trace(range, 2), InputError);
  const std::string backwards = write_temp("net_trace_back.csv", "1,3,2\n");
  CHECK_THROWS_AS(read_availability_trace(backwards, 2), InputError);
  CHECK_THROWS_AS(
      read_availability_trace(std::string(COMMSIM_BINARY_DIR) + "/no_such_trace.csv", 2),
      InputError);
}

TEST_CASE("net::read_availability_trace: an end beyond the clock's range is refused, not 'never'") {
  // 1e300 s would saturate to Time::infinity(): a worker offline forever, silently.
  const std::string far = write_temp("net_trace_far.csv", "0,1,2\n0,5,1e300\n");
  try {
    read_availability_trace(far, 1);
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.where() == far + ":2");
    CHECK(std::string(e.what()).find("beyond the simulated clock's range") != std::string::npos);
  }
  // The largest representable end is still accepted.
  const std::string near = write_temp("net_trace_near.csv", "0,5,9223372036\n");
  CHECK(read_availability_trace(near, 1)[0][0].second == Time::from_seconds(9223372036.0));
}

TEST_CASE("net::read_availability_trace: a directory or a device is refused, not 'always online'") {
  // Both used to read as an empty trace; a named pipe blocked open() (tests/scenarios end to end).
  for (const std::string& path : {std::string(COMMSIM_BINARY_DIR), std::string("/dev/zero")}) {
    try {
      read_availability_trace(path, 2);
      FAIL("accepted " << path);
    } catch (const InputError& e) {
      CHECK(e.where() == path);
      CHECK(std::string(e.what()).find("not a regular file") != std::string::npos);
    }
  }
}
