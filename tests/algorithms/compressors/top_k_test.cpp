#include <algorithm>
#include <vector>

#include <doctest/doctest.h>

#include "monte_carlo.hpp"

using namespace commsim;
using namespace commsim::testing;

TEST_CASE("algo::TopK: keeps exactly the K largest magnitudes, unscaled; biased and contractive") {
  const Eigen::Index d = 12;
  const auto q = make_compressor({{"name", "topk"}, {"k", 3}}, d);
  CHECK_FALSE(q->is_unbiased());
  CHECK(std::isinf(q->omega(d)));
  REQUIRE(q->contraction(d).has_value());
  CHECK(*q->contraction(d) == doctest::Approx(0.25));
  algo::Vector x(d);
  x << 0.1, -5.0, 0.2, 3.0, -0.3, 0.0, 4.0, 1.0, -2.0, 0.5, 0.05, -0.01;
  sim::Rng rng(1);
  algo::Vector out;
  CHECK(q->compress(x, rng, {}, out) == 3 * 32);
  algo::Vector expected = algo::Vector::Zero(d);
  expected[1] = -5.0;
  expected[6] = 4.0;
  expected[3] = 3.0;
  CHECK(out == expected);
  CHECK((out - x).squaredNorm() <= (1.0 - 3.0 / 12.0) * x.squaredNorm());
  // The shared_seed policy cannot apply to a data-dependent support: explicit indices (⌈log2 12⌉ =
  // 4).
  CHECK(make_compressor({{"name", "topk"}, {"k", 3}, {"bits", "shared_seed"}}, d)
            ->compress(x, rng, {}, out) == 3 * 32 + std::min(3 * 4, 12));
}

TEST_CASE("algo::TopK: contraction bound on random vectors") {
  const Eigen::Index d = 30;
  const auto q = make_compressor({{"name", "topk"}, {"fraction", 0.2}}, d);
  sim::Rng rng(5);
  algo::Vector x(d), out;
  for (int t = 0; t < 100; ++t) {
    for (Eigen::Index j = 0; j < d; ++j) x[j] = rng.normal();
    q->compress(x, rng, {}, out);
    CHECK((out - x).squaredNorm() <= (1.0 - 6.0 / 30.0) * x.squaredNorm() + 1e-12);
  }
}
