#include "algorithms/problems/quadratic.hpp"

#include <cmath>
#include <numbers>

#include <doctest/doctest.h>
#include <Eigen/Eigenvalues>

#include "algorithms/problems/problem_factory.hpp"
#include "oracle_checks.hpp"
#include "sim/kernel/errors.hpp"

using namespace commsim::algo;
using commsim::ConfigError;
using commsim::algo::testing::rel;
using commsim::sim::Json;
using commsim::sim::JsonReader;
using commsim::sim::RngStreams;

namespace quadratic_test {

QuadraticSpec tridiagonal_spec(std::int64_t d) {
  QuadraticSpec s;
  s.dim = d;
  return s;
}

QuadraticSpec random_spec(std::int64_t d, double L, double mu) {
  QuadraticSpec s;
  s.dim = d;
  s.matrix = QuadraticMatrix::random;
  s.L = L;
  s.mu = mu;
  return s;
}

// A and b recovered from the oracle alone: b = −∇f(0), A e_j = ∇f(e_j) + b.
std::pair<Eigen::MatrixXd, Vector> recover(const LocalOracle& oracle) {
  const Eigen::Index d = oracle.dim();
  Vector g;
  oracle.gradient(Vector::Zero(d), g);
  const Vector b = -g;
  Eigen::MatrixXd a(d, d);
  for (Eigen::Index j = 0; j < d; ++j) {
    oracle.gradient(Vector::Unit(d, j), g);
    a.col(j) = g + b;
  }
  return {a, b};
}

ProblemSpec read(const Json& j) {
  JsonReader reader(j, "problem", nullptr);
  ProblemSpec spec = problem_spec_decl().read(reader);
  reader.finish();
  return spec;
}

}  // namespace quadratic_test

TEST_CASE("quadratic: tridiagonal A, b, eigenvalues and optimum match their closed forms") {
  const int d = 9;
  const QuadraticProblem q = make_quadratic(quadratic_test::tridiagonal_spec(d), RngStreams(1));
  const auto [a, b] = quadratic_test::recover(*q.oracle);
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j)
      CHECK(a(i, j) == (i == j ? 0.5 : (std::abs(i - j) == 1 ? -0.25 : 0.0)));
  CHECK(b[0] == -0.25);
  CHECK(b.tail(d - 1).isZero(0.0));
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(a);
  const double angle = std::numbers::pi / (d + 1);
  CHECK(eig.eigenvalues().maxCoeff() == rel(0.25 * (2 - 2 * std::cos(d * angle))).epsilon(1e-12));
  CHECK(q.L == rel(eig.eigenvalues().maxCoeff()).epsilon(1e-12));
  CHECK(q.mu == rel(eig.eigenvalues().minCoeff()).epsilon(1e-12));
  CHECK(q.oracle->smoothness() == q.L);
  CHECK(q.oracle->num_samples() == 1);
  // A x* = b, and x*_i = −(d + 1 − i)/(d + 1) (i from 1).
  CHECK((a * q.optimum - b).norm() < 1e-14);
  for (int i = 0; i < d; ++i) CHECK(q.optimum[i] == rel(-(d - i) / double(d + 1)).epsilon(1e-12));
}

TEST_CASE("quadratic: random A has eigenvalues evenly spread over [mu, L], ends included") {
  const int d = 8;
  const QuadraticProblem q =
      make_quadratic(quadratic_test::random_spec(d, 3.0, 0.2), RngStreams(4));
  const auto [a, b] = quadratic_test::recover(*q.oracle);
  CHECK((a - a.transpose()).norm() < 1e-14);  // A is symmetric; its recovery rounds
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(a);
  for (int k = 0; k < d; ++k)
    CHECK(eig.eigenvalues()[k] == doctest::Approx(0.2 + 2.8 * k / (d - 1.0)).epsilon(1e-12));
  CHECK(q.L == 3.0);
  CHECK(q.mu == 0.2);
  CHECK((a * q.optimum - b).norm() < 1e-12 * b.norm());
  // Seeded: the same streams give the same matrix, another seed another one.
  const QuadraticProblem again =
      make_quadratic(quadratic_test::random_spec(d, 3.0, 0.2), RngStreams(4));
  const QuadraticProblem other =
      make_quadratic(quadratic_test::random_spec(d, 3.0, 0.2), RngStreams(5));
  CHECK(quadratic_test::recover(*again.oracle).first == a);
  CHECK((quadratic_test::recover(*other.oracle).first - a).norm() > 0.1);
}

TEST_CASE("quadratic: gradient matches finite differences; loss and work") {
  for (const QuadraticSpec& spec :
       {quadratic_test::tridiagonal_spec(7), quadratic_test::random_spec(6, 2.0, 0.5)}) {
    const QuadraticProblem q = make_quadratic(spec, RngStreams(2));
    const Vector x = testing::test_point(q.oracle->dim());
    Vector g;
    const auto work = q.oracle->gradient(x, g);
    CHECK(testing::relative_error(g, testing::finite_difference_gradient(*q.oracle, x)) < 1e-7);
    const auto [a, b] = quadratic_test::recover(*q.oracle);
    CHECK(q.oracle->loss(x) == doctest::Approx(0.5 * x.dot(a * x) - b.dot(x)).epsilon(1e-12));
    CHECK(work.sample_gradients == 1);
    const double d = static_cast<double>(spec.dim);
    const double stored = spec.matrix == QuadraticMatrix::tridiagonal ? 3 * d - 2 : d * d;
    CHECK(work.flops == 2 * stored + d);
    Vector gb;
    const std::vector<std::uint32_t> three{0, 0, 0};
    CHECK(q.oracle->batch_gradient(x, three, gb).sample_gradients == 3);
    CHECK(gb == g);
  }
}

TEST_CASE("quadratic: the built problem is homogeneous, with exact evaluation at x*") {
  const Json j = {{"type", "quadratic"},
                  {"quadratic", {{"dim", 50}, {"matrix", "tridiagonal"}}},
                  {"noise", {{"variance", 0.5}}}};
  const auto p = build_problem(quadratic_test::read(j), 3, RngStreams(1));
  CHECK(p->is_homogeneous());
  CHECK(p->is_convex());
  CHECK(p->noise_variance() == 0.5);
  CHECK(p->num_workers() == 3);
  CHECK(p->dim() == 50);
  const double angle = std::numbers::pi / 51.0;
  const double L = 0.25 * (2 - 2 * std::cos(50 * angle));
  CHECK(p->constants().max_local == rel(L).epsilon(1e-14));
  CHECK(p->constants().l_minus == L);
  CHECK(p->constants().l_plus_minus == 0.0);
  CHECK(*p->constants().mu == rel(0.25 * (2 - 2 * std::cos(angle))).epsilon(1e-14));
  REQUIRE(p->optimum().has_value());
  // f* = −½ bᵀx* = −½ (−¼) x*_1 with x*_1 = −d/(d+1).
  CHECK(*p->optimal_value() == rel(-0.125 * 50.0 / 51.0).epsilon(1e-12));
  Vector scratch_local, scratch_sum;
  const Evaluation e = p->evaluate(*p->optimum(), scratch_local, scratch_sum);
  CHECK(e.grad_norm_sq < 1e-28);
  CHECK(e.mean_local_grad_norm_sq < 1e-28);
  CHECK(e.loss == *p->optimal_value());
  // Workers' gradients are noisy and differ; the exact gradient is what evaluation sees.
  Vector g0, g1;
  p->local(0).gradient(*p->optimum(), g0);
  p->local(1).gradient(*p->optimum(), g1);
  CHECK(g0.norm() > 0.1);
  CHECK((g0 - g1).norm() > 0.1);
}

TEST_CASE("quadratic: the memory the guard counts") {
  CHECK(quadratic_bytes(quadratic_test::tridiagonal_spec(1000)) == 32000.0);
  CHECK(quadratic_bytes(quadratic_test::random_spec(1000, 1, 1)) == (3e6 + 6e3) * 8);
}
