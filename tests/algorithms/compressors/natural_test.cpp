#include <doctest/doctest.h>

#include "monte_carlo.hpp"

using namespace commsim;
using namespace commsim::testing;

TEST_CASE(
    "algo::Natural: outputs are signed powers of two adjacent to |x_j|, unbiased, variance <= "
    "||x||^2/8") {
  const Eigen::Index d = 10;
  const auto q = make_compressor({{"name", "natural"}}, d);
  algo::Vector x = test_vector(d);
  x[4] = 0.0;
  x[5] = 0.25;  // an exact power of two is kept as is
  sim::Rng rng(2);
  algo::Vector out;
  CHECK(q->compress(x, rng, {}, out) == 9 * d);
  CHECK(out[4] == 0.0);
  CHECK(out[5] == 0.25);
  for (Eigen::Index j = 0; j < d; ++j) {
    if (x[j] == 0.0) continue;
    const double e = std::log2(std::abs(out[j]));
    CHECK(e == std::round(e));
    CHECK(std::signbit(out[j]) == std::signbit(x[j]));
    CHECK(std::abs(out[j]) >= 0.5 * std::abs(x[j]));
    CHECK(std::abs(out[j]) <= 2.0 * std::abs(x[j]));
  }
  const Moments m = estimate(*q, x, 40000, 9);
  check_unbiased(m, x);
  CHECK(m.error_sq <= 0.125 * x.squaredNorm() + 5.0 * m.error_sq_se);
  CHECK(make_compressor({{"name", "natural"}}, d, 64)->compress(x, rng, {}, out) == 12 * d);
}

TEST_CASE("algo::Natural: the worst case |x| = 1.5·2^e attains omega = 1/8") {
  const auto q = make_compressor({{"name", "natural"}}, 1);
  algo::Vector x(1);
  x[0] = 1.5;
  const Moments m = estimate(*q, x, 40000, 4);
  // Rounds to 1 or 2 with probability 1/2 each: variance 0.25 = ||x||²/9 < ||x||²/8.
  CHECK(std::abs(m.error_sq - 0.25) <= 5.0 * m.error_sq_se);
}
