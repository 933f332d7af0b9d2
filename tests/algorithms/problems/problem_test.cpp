#include "algorithms/problems/problem.hpp"

#include <memory>

#include <doctest/doctest.h>

#include "algorithms/problems/forwarding_oracle.hpp"
#include "algorithms/problems/quadratic.hpp"
#include "oracle_checks.hpp"

using namespace commsim::algo;
using commsim::sim::RngStreams;

namespace problem_test {

// n handles on one random quadratic, as the quadratic factory builds them.
std::unique_ptr<Problem> shared_quadratic(int n, bool homogeneous) {
  QuadraticSpec spec;
  spec.dim = 6;
  spec.matrix = QuadraticMatrix::random;
  spec.L = 4.0;
  spec.mu = 0.5;
  const QuadraticProblem q = make_quadratic(spec, RngStreams(3));
  std::vector<std::unique_ptr<LocalOracle>> locals;
  for (int i = 0; i < n; ++i) locals.push_back(std::make_unique<ForwardingOracle>(q.oracle));
  auto p = std::make_unique<Problem>("quadratic", std::move(locals), SmoothnessConstants{}, true);
  if (homogeneous) p->set_homogeneous();
  return p;
}

}  // namespace problem_test

TEST_CASE("problem: a homogeneous problem evaluates once, equal to the loop over workers") {
  const auto looped = problem_test::shared_quadratic(5, false);
  const auto once = problem_test::shared_quadratic(5, true);
  CHECK_FALSE(looped->is_homogeneous());
  CHECK(once->is_homogeneous());
  const Vector x = testing::test_point(6);
  Vector a_local, a_sum, b_local, b_sum;
  const Evaluation a = looped->evaluate(x, a_local, a_sum);
  const Evaluation b = once->evaluate(x, b_local, b_sum);
  CHECK(b.loss == doctest::Approx(a.loss).epsilon(1e-14));
  CHECK(b.grad_norm_sq == doctest::Approx(a.grad_norm_sq).epsilon(1e-14));
  CHECK(b.mean_local_grad_norm_sq == doctest::Approx(a.mean_local_grad_norm_sq).epsilon(1e-14));
  CHECK(b.grad_norm_sq == b.mean_local_grad_norm_sq);
  CHECK(once->loss(x) == doctest::Approx(looped->loss(x)).epsilon(1e-14));
  Vector ga, gb;
  looped->gradient(x, ga);
  once->gradient(x, gb);
  CHECK(testing::relative_error(gb, ga) < 1e-14);
  CHECK(b_sum == gb);
}

TEST_CASE("problem: noise variance is unknown unless set") {
  auto p = problem_test::shared_quadratic(2, true);
  CHECK_FALSE(p->noise_variance().has_value());
  p->set_noise_variance(0.25);
  CHECK(p->noise_variance() == 0.25);
}
