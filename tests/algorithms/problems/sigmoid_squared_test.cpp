#include "algorithms/problems/sigmoid_squared.hpp"

#include <cmath>

#include <doctest/doctest.h>

#include "oracle_checks.hpp"

using namespace commsim::algo;
using namespace commsim::algo::testing;

namespace {
double sigma(double t) {
  return 1.0 / (1.0 + std::exp(-t));
}
}  // namespace

TEST_CASE("sigmoid_squared: loss matches the definition written densely") {
  const Dataset data = small_data();
  const double lambda = 0.03;
  const auto oracle = make_sigmoid_squared(data, lambda);
  const Vector x = test_point(data.dim());
  const Eigen::MatrixXd a = Eigen::MatrixXd(data.features);
  double sum = 0.0;
  for (Eigen::Index j = 0; j < a.rows(); ++j)
    sum += std::pow(1.0 - sigma(data.labels[j] * a.row(j).dot(x)), 2);
  const double expected = sum / static_cast<double>(a.rows()) + 0.5 * lambda * x.squaredNorm();
  CHECK(oracle->loss(x) == rel(expected).epsilon(1e-13));
  CHECK(oracle->loss(Vector::Zero(data.dim())) == rel(0.25).epsilon(1e-15));
}

TEST_CASE("sigmoid_squared: gradient matches central finite differences") {
  const Dataset data = small_data();
  const auto oracle = make_sigmoid_squared(data, 0.03);
  for (std::uint64_t seed : {11u, 12u, 13u}) {
    const Vector x = test_point(data.dim(), seed);
    Vector g;
    const commsim::sim::Work w = oracle->gradient(x, g);
    CHECK(relative_error(g, finite_difference_gradient(*oracle, x)) < 1e-6);
    CHECK(w.sample_gradients == 40);
    CHECK(w.flops == 4.0 * static_cast<double>(data.features.nonZeros()) +
                         2.0 * static_cast<double>(data.dim()));
  }
  // A correctly sized output keeps its buffer (no reallocation between calls).
  Vector g(data.dim());
  const double* buffer = g.data();
  oracle->gradient(test_point(data.dim()), g);
  oracle->batch_gradient(test_point(data.dim()), all_indices(5), g);
  CHECK(g.data() == buffer);
}

TEST_CASE("sigmoid_squared: batch_gradient over all indices equals gradient, repeats weigh twice") {
  const Dataset data = small_data();
  const auto oracle = make_sigmoid_squared(data, 0.03);
  const Vector x = test_point(data.dim());
  Vector full, batch;
  oracle->gradient(x, full);
  const auto all = all_indices(data.num_samples());
  const commsim::sim::Work w = oracle->batch_gradient(x, all, batch);
  CHECK(relative_error(batch, full) < 1e-13);
  CHECK(w.sample_gradients == 40);

  // {3, 3, 5}: (2∇f_3 + ∇f_5)/3, with each single-sample gradient from the paper's formula.
  const std::vector<std::uint32_t> s{3, 3, 5};
  oracle->batch_gradient(x, s, batch);
  Vector expected = Vector::Zero(data.dim());
  for (std::uint32_t j : s) {
    const Vector aj = Eigen::MatrixXd(data.features).row(j).transpose();
    const double t = data.labels[j] * aj.dot(x);
    expected +=
        (-2.0 * sigma(t) * std::pow(1.0 - sigma(t), 2) * data.labels[j] * aj + 0.03 * x) / 3.0;
  }
  CHECK(relative_error(batch, expected) < 1e-13);
}

TEST_CASE("sigmoid_squared: 0.15405 is the code's rounding of sup |phi''| = 0.1540586") {
  // φ(t) = (1 − σ(t))², second derivative by central differences on a fine grid.
  const auto phi = [](double t) { return std::pow(1.0 - sigma(t), 2); };
  const double h = 1e-4;
  double sup = 0.0;
  for (double t = -12.0; t <= 12.0; t += 1e-4)
    sup = std::max(sup, std::abs((phi(t + h) - 2.0 * phi(t) + phi(t - h)) / (h * h)));
  CHECK(sup == rel(0.1540586).epsilon(1e-6));
  CHECK(kSigmoidSquaredCurvature <= sup);
  CHECK(sup - kSigmoidSquaredCurvature < 1e-5);
}

TEST_CASE("sigmoid_squared: L_i = 0.15405 max_j |a_j|^2 + lambda bounds the gradient's variation") {
  const Dataset data = small_data(30, 5, 1.0, 4);
  const double lambda = 0.01;
  const auto oracle = make_sigmoid_squared(data, lambda);
  const Eigen::MatrixXd a = Eigen::MatrixXd(data.features);
  const double max_row = a.rowwise().squaredNorm().maxCoeff();
  CHECK(oracle->smoothness() == rel(0.15405 * max_row + lambda).epsilon(1e-14));
  Vector gx, gy;
  for (std::uint64_t seed = 20; seed < 40; ++seed) {
    const Vector x = test_point(data.dim(), seed);
    const Vector y = x + 0.1 * test_point(data.dim(), seed + 100);
    oracle->gradient(x, gx);
    oracle->gradient(y, gy);
    CHECK((gx - gy).norm() <= (0.1540586 * max_row + lambda) * (x - y).norm());
  }
  std::vector<Dataset> shards{small_data(10, 5, 1.0, 1), small_data(10, 5, 1.0, 2)};
  const double l0 = sigmoid_squared_data_smoothness(shards[0].features);
  const double l1 = sigmoid_squared_data_smoothness(shards[1].features);
  CHECK(sigmoid_squared_default_lambda(shards) == rel(1e-6 * std::max(l0, l1)).epsilon(1e-15));
}
