#include <doctest/doctest.h>

#include "algorithms/gradient_estimator.hpp"
#include "test_oracles.hpp"

using namespace commsim;
using namespace commsim::testing;

TEST_CASE("algo::GradientEstimator: MARINA's full gradient caches the previous one") {
  const auto problem = make_least_squares(2, 12, 4);
  const algo::LocalOracle& oracle = problem->local(0);
  const sim::RngStreams streams(5);
  algo::MarinaScratch scratch;
  auto est = algo::full_gradient_estimator()(oracle, streams, 0, scratch);
  const Vector x0 = Vector::Zero(4), x1 = Vector::Constant(4, 0.25);
  Vector g0, g1, out, diff;
  oracle.gradient(x0, g0);
  oracle.gradient(x1, g1);
  CHECK(est->dense(x0, out).sample_gradients == 12u);
  CHECK(out.cwiseEqual(g0).all());
  // Cache valid: one gradient; the difference is exact; a second uplink reuses it.
  CHECK(est->difference(x0, x1, 0, diff).sample_gradients == 12u);
  CHECK(diff.cwiseEqual(g1 - g0).all());
  CHECK(est->difference(x0, x1, 1, diff).sample_gradients == 0u);
  CHECK(diff.cwiseEqual(g1 - g0).all());
  est->end_round();
  // An idle round leaves the cache at a stale point: both gradients are computed again.
  est->skip();
  CHECK(est->difference(x1, x0, 0, diff).sample_gradients == 24u);
  CHECK(diff.cwiseEqual(g0 - g1).all());
}

TEST_CASE("algo::GradientEstimator: VR-MARINA's minibatches use one sample set at both points") {
  const auto problem = make_least_squares(2, 12, 4);
  const algo::LocalOracle& oracle = problem->local(1);
  const sim::RngStreams streams(5);
  algo::MarinaScratch scratch;
  const Vector x = Vector::Constant(4, 0.5);
  Vector out, diff;
  auto finite = algo::finite_sum_estimator(3)(oracle, streams, 1, scratch);
  CHECK(finite->difference(x, x, 0, diff).sample_gradients == 6u);
  CHECK(diff.isZero(0.0));  // same samples, same point
  CHECK(finite->dense(x, out).sample_gradients == 12u);
  auto online = algo::online_estimator(2, 7)(oracle, streams, 1, scratch);
  CHECK(online->difference(x, x, 0, diff).sample_gradients == 4u);
  CHECK(diff.isZero(0.0));
  CHECK(online->dense(x, out).sample_gradients == 7u);  // b with replacement, may exceed m
}
