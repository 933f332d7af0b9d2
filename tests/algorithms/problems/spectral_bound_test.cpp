#include "algorithms/problems/spectral_bound.hpp"

#include <cmath>

#include <doctest/doctest.h>
#include <Eigen/Eigenvalues>

#include "sim/kernel/rng.hpp"

using namespace commsim::algo;

namespace {

double exact_top(const Eigen::MatrixXd& m) {
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(m, Eigen::EigenvaluesOnly)
      .eigenvalues()
      .maxCoeff();
}

Eigen::MatrixXd gaussian(Eigen::Index rows, Eigen::Index cols, commsim::sim::Rng& rng) {
  Eigen::MatrixXd a(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) a(i, j) = rng.normal();
  return a;
}

double bound_of(const Eigen::MatrixXd& m, const SpectralBoundOptions& options = {}) {
  return largest_eigenvalue_bound(
      m.rows(), [&](const Eigen::VectorXd& v, Eigen::VectorXd& out) { out = m * v; }, m.trace(),
      options);
}

}  // namespace

TEST_CASE("spectral_bound: never below the exact top eigenvalue of random Gram matrices") {
  // Random AᵀA/m, tall and wide (the Marchenko–Pastur edge has tiny gaps at the top), with a
  // shifted mean (one dominant eigenvalue) and without: the bound is ≥ λ_max and within the
  // converged tolerance above it.
  commsim::sim::Rng rng(17);
  for (int trial = 0; trial < 12; ++trial) {
    const Eigen::Index rows = 20 + 37 * trial, cols = 30 + 23 * (11 - trial);
    Eigen::MatrixXd a = gaussian(rows, cols, rng);
    if (trial % 2 == 1) a.array() += 0.5;
    const Eigen::MatrixXd gram = a.transpose() * a / static_cast<double>(rows);
    const double exact = exact_top(gram);
    const double bound = bound_of(gram);
    CAPTURE(trial);
    CHECK(bound >= exact);
    CHECK(bound <= exact * (1 + 1e-6));
  }
}

TEST_CASE("spectral_bound: an unconverged run is still an upper bound, looser") {
  // Two steps cannot converge on a 200-dim spectrum; θ + ρ stays above λ_max, and the trace
  // caps it.
  commsim::sim::Rng rng(3);
  const Eigen::MatrixXd a = gaussian(150, 200, rng);
  const Eigen::MatrixXd gram = a.transpose() * a / 150.0;
  const double exact = exact_top(gram);
  const double loose =
      bound_of(gram, SpectralBoundOptions{.relative_residual = 1e-8, .max_steps = 8});
  CHECK(loose >= exact);
  CHECK(loose <= gram.trace());
}

TEST_CASE("spectral_bound: a start orthogonal to (1, …, 1) still finds the top") {
  // The top eigenvector is (1, −1, 1, −1, …)/√d: orthogonal to the all-ones vector that power
  // iteration used to start from (which then converged to the second eigenvalue, 1).
  const Eigen::Index d = 64;
  Eigen::VectorXd u(d);
  for (Eigen::Index j = 0; j < d; ++j) u(j) = (j % 2 == 0 ? 1.0 : -1.0) / std::sqrt(64.0);
  const Eigen::MatrixXd m = Eigen::MatrixXd::Identity(d, d) + 9.0 * u * u.transpose();
  CHECK(bound_of(m) >= 10.0);
  CHECK(bound_of(m) <= 10.0 * (1 + 1e-6));
}

TEST_CASE("spectral_bound: the zero operator and a rank-one operator are exact") {
  const Eigen::MatrixXd zero = Eigen::MatrixXd::Zero(5, 5);
  CHECK(bound_of(zero) == 0.0);
  Eigen::VectorXd u = Eigen::VectorXd::LinSpaced(7, 1.0, 7.0);
  const Eigen::MatrixXd rank_one = u * u.transpose();
  CHECK(bound_of(rank_one) == doctest::Approx(u.squaredNorm()).epsilon(1e-9));
  CHECK(bound_of(rank_one) >= u.squaredNorm() * (1 - 1e-15));
}
