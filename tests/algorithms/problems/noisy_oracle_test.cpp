#include "algorithms/problems/noisy_oracle.hpp"

#include <cmath>
#include <memory>

#include <doctest/doctest.h>

#include "algorithms/problems/least_squares.hpp"
#include "oracle_checks.hpp"

using namespace commsim::algo;
using commsim::sim::Rng;
using commsim::sim::RngStreams;

namespace noisy_oracle_test {

std::shared_ptr<const LocalOracle> exact_oracle() {
  return make_least_squares(testing::small_data(30, 9), 0.0, 1.0);  // d = 10 (bias)
}

}  // namespace noisy_oracle_test

TEST_CASE("noisy_oracle: mean 0 and E|xi|^2 = sigma^2, within the chi-square spread") {
  const auto exact = noisy_oracle_test::exact_oracle();
  const double variance = 2.5;
  const NoisyOracle noisy(exact, variance, RngStreams(5).stream("oracle_noise", 0));
  const Vector x = testing::test_point(exact->dim());
  Vector g_exact, g;
  exact->gradient(x, g_exact);
  // |xi|^2 = (sigma^2/d) chi^2_d: mean sigma^2, variance 2 sigma^4 / d. Over N draws the mean
  // has standard deviation sigma^2 sqrt(2/(d N)); the tolerance is 5 of those.
  const int draws = 20000;
  const double d = static_cast<double>(exact->dim());
  Vector sum = Vector::Zero(exact->dim());
  Vector coordinate_sq = Vector::Zero(exact->dim());
  double norm_sq_sum = 0.0;
  for (int k = 0; k < draws; ++k) {
    const auto work = noisy.gradient(x, g);
    CHECK(work.sample_gradients == 30);  // the exact oracle's work, unchanged
    const Vector xi = g - g_exact;
    sum += xi;
    coordinate_sq += xi.cwiseProduct(xi);
    norm_sq_sum += xi.squaredNorm();
  }
  const double mean_norm_sq = norm_sq_sum / draws;
  CHECK(std::abs(mean_norm_sq - variance) <= 5.0 * variance * std::sqrt(2.0 / (d * draws)));
  // The mean vector: |mean|^2 = (sigma^2/(d N)) chi^2_d, expected sigma^2/N, spread sigma^2/N
  // sqrt(2/d); below 4 sigma^2/N is > 6 of those spreads above its mean.
  CHECK((sum / draws).squaredNorm() <= 4.0 * variance / draws);
  // Isotropic: each coordinate's variance is sigma^2/d (relative spread sqrt(2/N) each).
  for (Eigen::Index t = 0; t < exact->dim(); ++t)
    CHECK(std::abs(coordinate_sq[t] / draws - variance / d) <=
          5.0 * (variance / d) * std::sqrt(2.0 / draws));
}

TEST_CASE("noisy_oracle: batch_gradient gets noise too, evaluation stays exact") {
  const auto exact = noisy_oracle_test::exact_oracle();
  const NoisyOracle noisy(exact, 1.0, Rng(3));
  const Vector x = testing::test_point(exact->dim());
  Vector g_exact, g;
  const std::vector<std::uint32_t> samples{0, 4, 4, 9};
  exact->batch_gradient(x, samples, g_exact);
  CHECK(noisy.batch_gradient(x, samples, g).sample_gradients == 4);
  CHECK((g - g_exact).norm() > 0.0);
  Vector full;
  const double loss = exact->loss_and_gradient(x, full);
  CHECK(noisy.loss_and_gradient(x, g) == loss);
  CHECK(g == full);
  CHECK(noisy.loss(x) == exact->loss(x));
  CHECK(noisy.smoothness() == exact->smoothness());
}

TEST_CASE("noisy_oracle: deterministic per stream, different streams differ, zero noise exact") {
  const auto exact = noisy_oracle_test::exact_oracle();
  const Vector x = testing::test_point(exact->dim());
  const RngStreams streams(9);
  const NoisyOracle a(exact, 1.0, streams.stream("oracle_noise", 2));
  const NoisyOracle b(exact, 1.0, streams.stream("oracle_noise", 2));
  const NoisyOracle other(exact, 1.0, streams.stream("oracle_noise", 3));
  Vector ga, gb, go;
  for (int k = 0; k < 3; ++k) {
    a.gradient(x, ga);
    b.gradient(x, gb);
    other.gradient(x, go);
    CHECK(ga == gb);
    CHECK((ga - go).norm() > 0.0);
  }
  const NoisyOracle zero(exact, 0.0, Rng(1));
  Vector g_exact;
  exact->gradient(x, g_exact);
  zero.gradient(x, ga);
  CHECK(ga == g_exact);
}
