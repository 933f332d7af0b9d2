#include "algorithms/problems/batch_oracle.hpp"

#include <algorithm>
#include <memory>
#include <set>

#include <doctest/doctest.h>

#include "algorithms/problems/least_squares.hpp"
#include "oracle_checks.hpp"

using namespace commsim::algo;
using commsim::sim::Rng;

namespace batch_oracle_test {

constexpr Eigen::Index kSamples = 12;

std::shared_ptr<const LocalOracle> exact_oracle() {
  return make_least_squares(testing::small_data(kSamples, 5), 0.0, 1.0);
}

}  // namespace batch_oracle_test

TEST_CASE("batch_oracle: without replacement, no repeats; b = m gives the full gradient") {
  const auto exact = batch_oracle_test::exact_oracle();
  const Vector x = testing::test_point(exact->dim());
  const BatchOracle five(exact, 5, false, Rng(4));
  for (int k = 0; k < 200; ++k) {
    const auto s = five.draw();
    REQUIRE(s.size() == 5);
    CHECK(std::set<std::uint32_t>(s.begin(), s.end()).size() == 5);
    CHECK(*std::max_element(s.begin(), s.end()) < batch_oracle_test::kSamples);
  }
  const BatchOracle all(exact, batch_oracle_test::kSamples, false, Rng(4));
  Vector full, g;
  exact->gradient(x, full);
  for (int k = 0; k < 5; ++k) {
    const auto work = all.gradient(x, g);
    CHECK(work.sample_gradients == static_cast<std::uint64_t>(batch_oracle_test::kSamples));
    CHECK(testing::relative_error(g, full) < 1e-12);  // the same terms, summed in drawn order
  }
}

TEST_CASE("batch_oracle: gradient is the batch_gradient of the drawn samples; work = b") {
  const auto exact = batch_oracle_test::exact_oracle();
  const Vector x = testing::test_point(exact->dim());
  const BatchOracle drawn(exact, 7, true, Rng(8));
  const BatchOracle replay(exact, 7, true, Rng(8));
  Vector g, expected;
  for (int k = 0; k < 4; ++k) {
    const auto s = replay.draw();
    exact->batch_gradient(x, std::vector<std::uint32_t>(s.begin(), s.end()), expected);
    CHECK(drawn.gradient(x, g).sample_gradients == 7);
    CHECK(g == expected);
  }
  // Evaluation stays exact.
  Vector full;
  const double loss = exact->loss_and_gradient(x, full);
  CHECK(drawn.loss_and_gradient(x, g) == loss);
  CHECK(g == full);
}

TEST_CASE("batch_oracle: with replacement the mean over many draws approaches the gradient") {
  const auto exact = batch_oracle_test::exact_oracle();
  const Vector x = testing::test_point(exact->dim());
  Vector full;
  exact->gradient(x, full);
  // V = (1/m) sum_j |grad f_j - grad f|^2; a b-sample mean with replacement has E|err|^2 = V/b,
  // the mean of N of them V/(b N). The tolerance is 5 times that.
  double spread = 0.0;
  Vector one;
  for (std::uint32_t j = 0; j < batch_oracle_test::kSamples; ++j) {
    exact->batch_gradient(x, std::vector<std::uint32_t>{j}, one);
    spread += (one - full).squaredNorm();
  }
  spread /= static_cast<double>(batch_oracle_test::kSamples);
  const int draws = 20000, b = 3;
  const BatchOracle oracle(exact, b, true, Rng(21));
  Vector sum = Vector::Zero(exact->dim()), g;
  for (int k = 0; k < draws; ++k) {
    oracle.gradient(x, g);
    sum += g;
  }
  CHECK((sum / draws - full).squaredNorm() <= 5.0 * spread / (b * draws));
  CHECK(spread > 0.0);
}
