#include "algorithms/problems/logistic_nonconvex.hpp"

#include <cmath>

#include <doctest/doctest.h>

#include "oracle_checks.hpp"

using namespace commsim::algo;
using namespace commsim::algo::testing;

TEST_CASE("logistic_nonconvex: loss matches the definition written densely") {
  const Dataset data = small_data();
  const auto oracle = make_logistic_nonconvex(data, 0.1);
  const Vector x = test_point(data.dim());
  const Eigen::MatrixXd a = Eigen::MatrixXd(data.features);
  double sum = 0.0;
  for (Eigen::Index j = 0; j < a.rows(); ++j)
    sum += std::log(1.0 + std::exp(-data.labels[j] * a.row(j).dot(x)));
  const double reg = 0.1 * (x.array().square() / (1.0 + x.array().square())).sum();
  CHECK(oracle->loss(x) == rel(sum / 40.0 + reg).epsilon(1e-13));
  CHECK(oracle->loss(Vector::Zero(data.dim())) == rel(std::log(2.0)).epsilon(1e-15));
  // No overflow far from the origin: log(1 + e^{−t}) ≈ −t for t ≪ 0.
  CHECK(std::isfinite(oracle->loss(1e4 * x)));
}

TEST_CASE("logistic_nonconvex: gradient matches finite differences, batch over all equals full") {
  const Dataset data = small_data();
  const auto oracle = make_logistic_nonconvex(data, 0.1);
  for (std::uint64_t seed : {11u, 12u, 13u}) {
    const Vector x = test_point(data.dim(), seed);
    Vector g, batch;
    oracle->gradient(x, g);
    CHECK(relative_error(g, finite_difference_gradient(*oracle, x)) < 1e-6);
    oracle->batch_gradient(x, all_indices(data.num_samples()), batch);
    CHECK(relative_error(batch, g) < 1e-13);
  }
}

TEST_CASE("logistic_nonconvex: L_i = 0.25 max_j |a_j|^2 + 2 lambda") {
  const Dataset data = small_data();
  const auto oracle = make_logistic_nonconvex(data, 0.1);
  const double max_row = Eigen::MatrixXd(data.features).rowwise().squaredNorm().maxCoeff();
  CHECK(oracle->smoothness() == rel(0.25 * max_row + 0.2).epsilon(1e-14));
  Vector gx, gy;
  for (std::uint64_t seed = 20; seed < 30; ++seed) {
    const Vector x = test_point(data.dim(), seed);
    const Vector y = x + 0.1 * test_point(data.dim(), seed + 100);
    oracle->gradient(x, gx);
    oracle->gradient(y, gy);
    CHECK((gx - gy).norm() <= oracle->smoothness() * (x - y).norm());
  }
}
