#include "sim/kernel/rng.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>

using commsim::sim::Rng;
using commsim::sim::RngStreams;

TEST_CASE("sim::RngStreams: a key always gives the same sequence, distinct keys differ") {
  RngStreams s(42);
  Rng a = s.stream("compressor", 3), b = s.stream("compressor", 3);
  for (int i = 0; i < 100; ++i) CHECK(a.next() == b.next());
  Rng c = s.stream("compressor", 4), d = s.stream("jitter", 3),
      e = RngStreams(43).stream("compressor", 3);
  Rng f = s.stream("compressor", 3);
  const auto first = f.next();
  CHECK(c.next() != first);
  CHECK(d.next() != first);
  CHECK(e.next() != first);
}

TEST_CASE("sim::RngStreams: drawing from one stream never shifts another") {
  // The property that makes bandwidth sweeps paired comparisons: the optimizer's stream is the
  // same whether or not the network stream was used.
  RngStreams s(9);
  Rng opt1 = s.stream("server_coin");
  std::vector<std::uint64_t> alone;
  for (int i = 0; i < 50; ++i) alone.push_back(opt1.next());
  Rng net = s.stream("network");
  for (int i = 0; i < 1000; ++i) net.next();
  Rng opt2 = s.stream("server_coin");
  for (int i = 0; i < 50; ++i) CHECK(opt2.next() == alone[static_cast<std::size_t>(i)]);
}

TEST_CASE("sim::Rng: uniform, below and normal have the right moments") {
  Rng r(1);
  const int n = 200000;
  double sum = 0, sum_sq = 0, nsum = 0, nsum_sq = 0;
  std::vector<int> counts(7, 0);
  for (int i = 0; i < n; ++i) {
    const double u = r.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum_sq += u * u;
    counts[r.below(7)]++;
    const double z = r.normal();
    nsum += z;
    nsum_sq += z * z;
  }
  // Standard errors: uniform mean sd = sqrt(1/12/n) ≈ 6.5e-4; 5 sigma.
  CHECK(std::fabs(sum / n - 0.5) < 5 * std::sqrt(1.0 / 12 / n));
  CHECK(std::fabs(sum_sq / n - 1.0 / 3) < 5 * std::sqrt(4.0 / 45 / n));
  CHECK(std::fabs(nsum / n) < 5 * std::sqrt(1.0 / n));
  CHECK(std::fabs(nsum_sq / n - 1.0) < 5 * std::sqrt(2.0 / n));
  for (int c : counts) CHECK(std::fabs(c - n / 7.0) < 5 * std::sqrt(n * (1 / 7.0) * (6 / 7.0)));
}

TEST_CASE("sim::Rng: sampling without replacement gives distinct, uniformly spread indices") {
  Rng r(3);
  std::vector<std::uint32_t> scratch, out(10);
  std::vector<int> hits(100, 0);
  const int trials = 20000;
  for (int t = 0; t < trials; ++t) {
    r.sample_without_replacement(100, out, scratch);
    std::set<std::uint32_t> distinct(out.begin(), out.end());
    REQUIRE(distinct.size() == out.size());
    for (auto i : out) {
      REQUIRE(i < 100);
      hits[i]++;
    }
  }
  // Each index is hit with probability 0.1 per trial.
  const double mean = trials * 0.1, sd = std::sqrt(trials * 0.1 * 0.9);
  for (int h : hits) CHECK(std::fabs(h - mean) < 5 * sd);
  // The dense path (k large relative to n).
  std::vector<std::uint32_t> big(60);
  r.sample_without_replacement(64, big, scratch);
  std::set<std::uint32_t> distinct(big.begin(), big.end());
  CHECK(distinct.size() == 60);
}

TEST_CASE("sim::Rng: permutation is a permutation") {
  Rng r(5);
  std::vector<std::uint32_t> p;
  r.permutation(1000, p);
  std::vector<std::uint32_t> sorted = p;
  std::sort(sorted.begin(), sorted.end());
  for (std::uint32_t i = 0; i < 1000; ++i) CHECK(sorted[i] == i);
}
