#include <doctest/doctest.h>

#include "monte_carlo.hpp"

using namespace commsim;
using namespace commsim::testing;

namespace {

/// Average of the n workers' outputs in one round, and their total nonzeros.
algo::Vector average(const algo::Compressor& q, const algo::Vector& x, int n, std::uint64_t round,
                     int& nonzeros) {
  algo::Vector sum = algo::Vector::Zero(x.size()), out;
  sim::Rng rng(0);
  nonzeros = 0;
  for (int i = 0; i < n; ++i) {
    q.compress(x, rng, algo::CompressionContext{i, n, round, 99}, out);
    sum += out;
    nonzeros += static_cast<int>((out.array() != 0.0).count());
  }
  return sum / n;
}

}  // namespace

TEST_CASE(
    "algo::PermK: the n workers' outputs average exactly to x (d divisible, not divisible, d < "
    "n)") {
  for (auto [d, n] : {std::pair{12, 4}, std::pair{7, 3}, std::pair{3, 5}}) {
    const auto q = make_compressor({{"name", "permk"}}, d, 32, n);
    const algo::Vector x = test_vector(d);
    for (std::uint64_t round = 0; round < 20; ++round) {
      int nonzeros = 0;
      const algo::Vector avg = average(*q, x, n, round, nonzeros);
      CHECK((avg - x).norm() <= 1e-12 * x.norm());
      CHECK(nonzeros == d);  // every coordinate sent by exactly one worker
    }
    CHECK(q->omega(d) == doctest::Approx(n - 1.0));
  }
}

TEST_CASE(
    "algo::PermK: each worker's output is unbiased over rounds with E||Q_i(x)-x||^2 = "
    "(n-1)||x||^2") {
  const int n = 3;
  const Eigen::Index d = 7;
  const auto q = make_compressor({{"name", "permk"}}, d, 32, n);
  const algo::Vector x = test_vector(d);
  // Randomness comes from (shared seed, round): vary the round, as successive rounds do.
  const int samples = 30000;
  algo::Vector sum = algo::Vector::Zero(d), sum_sq = algo::Vector::Zero(d), out;
  double e = 0.0, e2 = 0.0;
  sim::Rng rng(0);
  for (int s = 0; s < samples; ++s) {
    q->compress(x, rng, algo::CompressionContext{1, n, static_cast<std::uint64_t>(s), 5}, out);
    sum += out;
    sum_sq += out.cwiseProduct(out);
    const double err = (out - x).squaredNorm();
    e += err;
    e2 += err * err;
  }
  const algo::Vector mean = sum / samples;
  const algo::Vector se = ((sum_sq / samples - mean.cwiseProduct(mean)) / samples).cwiseSqrt();
  for (Eigen::Index j = 0; j < d; ++j) CHECK(std::abs(mean[j] - x[j]) <= 5.0 * se[j]);
  const double err_mean = e / samples,
               err_se = std::sqrt((e2 / samples - err_mean * err_mean) / samples);
  CHECK(std::abs(err_mean - (n - 1.0) * x.squaredNorm()) <= 5.0 * err_se);
}
