#include "algorithms/problems/least_squares.hpp"

#include <cmath>

#include <doctest/doctest.h>
#include <Eigen/Eigenvalues>

#include "algorithms/problems/problem.hpp"
#include "algorithms/problems/split.hpp"
#include "oracle_checks.hpp"

using namespace commsim::algo;
using namespace commsim::algo::testing;

namespace {

double top_eigenvalue(const Eigen::MatrixXd& m) {
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(m).eigenvalues().maxCoeff();
}

std::vector<Dataset> shards_of(const Dataset& data, int n) {
  commsim::sim::Rng rng(1);
  return split_dataset(data, n, SplitKind::contiguous, rng, "test");
}

std::unique_ptr<Problem> make_problem(const std::vector<Dataset>& shards, double lambda,
                                      LeastSquaresAnalysis& analysis) {
  analysis = analyse_least_squares(shards, lambda);
  std::vector<std::unique_ptr<LocalOracle>> locals;
  for (std::size_t i = 0; i < shards.size(); ++i)
    locals.push_back(make_least_squares(shards[i], lambda, analysis.local[i]));
  return std::make_unique<Problem>("least_squares", std::move(locals), SmoothnessConstants{}, true);
}

}  // namespace

TEST_CASE("least_squares: loss, finite-difference gradient and batch gradient") {
  const Dataset data = small_data();
  const auto oracle = make_least_squares(data, 0.05, 1.0);
  const Vector x = test_point(data.dim());
  const Eigen::MatrixXd a = Eigen::MatrixXd(data.features);
  const double expected =
      (a * x - data.labels).squaredNorm() / (2.0 * 40) + 0.025 * x.squaredNorm();
  CHECK(oracle->loss(x) == rel(expected).epsilon(1e-13));
  Vector g, batch;
  oracle->gradient(x, g);
  CHECK(relative_error(g, finite_difference_gradient(*oracle, x)) < 1e-6);
  CHECK(relative_error(g, a.transpose() * (a * x - data.labels) / 40.0 + 0.05 * x) < 1e-13);
  oracle->batch_gradient(x, all_indices(40), batch);
  CHECK(relative_error(batch, g) < 1e-13);
}

TEST_CASE("least_squares: L_i, L_- and L_+- against dense eigenvalues") {
  const Dataset data = small_data(60, 6, 0.6, 21);
  const auto shards = shards_of(data, 3);
  const double lambda = 0.02;
  const LeastSquaresAnalysis an = analyse_least_squares(shards, lambda);
  REQUIRE(an.local.size() == 3);
  const Eigen::Index d = data.dim();
  Eigen::MatrixXd mean_h = Eigen::MatrixXd::Zero(d, d);
  std::vector<Eigen::MatrixXd> h;
  for (int i = 0; i < 3; ++i) {
    const Eigen::MatrixXd a = Eigen::MatrixXd(shards[i].features);
    h.push_back(a.transpose() * a / static_cast<double>(a.rows()) +
                lambda * Eigen::MatrixXd::Identity(d, d));
    CHECK(an.local[i] == rel(top_eigenvalue(h.back())).epsilon(1e-12));
    mean_h += h.back() / 3.0;
  }
  REQUIRE(an.l_minus.has_value());
  CHECK(*an.l_minus == rel(top_eigenvalue(mean_h)).epsilon(1e-12));
  REQUIRE(an.l_plus_minus.has_value());
  // Definition: L_±² = sup over unit v of (1/n)Σ‖H_i v‖² − ‖H̄ v‖²; random directions stay below.
  commsim::sim::Rng rng(5);
  double best = 0.0;
  for (int k = 0; k < 200; ++k) {
    Vector v(d);
    for (Eigen::Index t = 0; t < d; ++t) v[t] = rng.normal();
    v.normalize();
    double spread = -(mean_h * v).squaredNorm();
    for (const auto& hi : h) spread += (hi * v).squaredNorm() / 3.0;
    best = std::max(best, spread);
    CHECK(spread <= *an.l_plus_minus * *an.l_plus_minus * (1 + 1e-12));
  }
  CHECK(best > 0.1 * *an.l_plus_minus * *an.l_plus_minus);  // and the bound is not vacuous
  // L_± ≤ L_+ ≤ sqrt((1/n)Σ L_i²)
  double mean_sq = 0.0;
  for (double l : an.local) mean_sq += l * l / 3.0;
  CHECK(*an.l_plus_minus <= std::sqrt(mean_sq));
  CHECK(*an.l_minus <= std::sqrt(mean_sq) * (1 + 1e-12));
}

TEST_CASE("least_squares: L_+- is 0 when every shard is the same") {
  const Dataset one = small_data(20, 4, 1.0, 8);
  Dataset tiled;
  tiled.features.resize(60, one.dim());
  std::vector<Eigen::Triplet<double, std::int64_t>> entries;
  for (int copy = 0; copy < 3; ++copy)
    for (Eigen::Index r = 0; r < 20; ++r)
      for (SparseRows::InnerIterator it(one.features, r); it; ++it)
        entries.emplace_back(copy * 20 + r, it.col(), it.value());
  tiled.features.setFromTriplets(entries.begin(), entries.end());
  tiled.labels = one.labels.replicate(3, 1);
  const LeastSquaresAnalysis an = analyse_least_squares(shards_of(tiled, 3), 0.0);
  REQUIRE(an.l_plus_minus.has_value());
  CHECK(*an.l_plus_minus < 1e-6 * an.local[0]);
  CHECK(an.local[0] == rel(an.local[2]).epsilon(1e-14));
}

TEST_CASE("least_squares: the optimum has zero gradient and solves the normal equations") {
  const Dataset data = small_data(90, 8, 0.5, 33);
  const auto shards = shards_of(data, 3);
  for (double lambda : {0.0, 0.1}) {
    LeastSquaresAnalysis an;
    const auto problem = make_problem(shards, lambda, an);
    REQUIRE(an.optimum.has_value());
    Vector g;
    problem->gradient(*an.optimum, g);
    CHECK(g.norm() < 1e-10);
    // Independent dense solve: (1/n)Σ(A_iᵀA_i/m + λI) x = (1/n)Σ A_iᵀy_i/m.
    const Eigen::Index d = data.dim();
    Eigen::MatrixXd lhs = lambda * Eigen::MatrixXd::Identity(d, d);
    Vector rhs = Vector::Zero(d);
    for (const auto& s : shards) {
      const Eigen::MatrixXd a = Eigen::MatrixXd(s.features);
      lhs += a.transpose() * a / (30.0 * 3.0);
      rhs += a.transpose() * s.labels / (30.0 * 3.0);
    }
    const Vector expected = lhs.colPivHouseholderQr().solve(rhs);
    CHECK(relative_error(*an.optimum, expected) < 1e-10);
    // and it is the minimum: nearby points are worse
    const Vector near = *an.optimum + 1e-3 * test_point(d);
    CHECK(problem->loss(near) > problem->loss(*an.optimum));
  }
}

TEST_CASE("least_squares: a rank-deficient unregularised system leaves the optimum unset") {
  const Dataset data = small_data(10, 20, 1.0, 2);  // 10 samples, d = 21
  const auto shards = shards_of(data, 2);
  CHECK_FALSE(analyse_least_squares(shards, 0.0).optimum.has_value());
  CHECK(analyse_least_squares(shards, 1e-3).optimum.has_value());
}

TEST_CASE("least_squares: above the dense limit L_i is a Lanczos bound on the exact eigenvalue") {
  // d = 2501: (4/3)d³ > kDenseAnalysisMaxFlops; rows with few nonzeros, so AᵀA/m is cheap to
  // apply.
  SyntheticOptions o;
  o.samples = 300;
  o.features = 2500;
  o.density = 0.004;
  o.seed = 4;
  const Dataset data = make_synthetic(o);
  REQUIRE(4.0 / 3.0 * std::pow(static_cast<double>(data.dim()), 3) > kDenseAnalysisMaxFlops);
  const double bound = least_squares_data_smoothness(data.features);
  // Independent: AAᵀ/m (300×300) has the same nonzero eigenvalues as AᵀA/m.
  const Eigen::MatrixXd a = Eigen::MatrixXd(data.features);
  const double exact = top_eigenvalue(a * a.transpose() / 300.0);
  CHECK(bound >= exact);
  CHECK(bound <= exact * (1 + 1e-6));
}

TEST_CASE("least_squares: the iterative analysis bounds L_i, L_- and L_+- of the dense one") {
  // d = 700, n = 4: (7/3)·4·d³ > kDenseAnalysisMaxFlops, so analyse_least_squares goes
  // iterative; the dense reference is formed here from the same shards.
  SyntheticOptions o;
  o.samples = 400;
  o.features = 699;
  o.density = 0.02;
  o.seed = 9;
  const std::vector<Dataset> shards = shards_of(make_synthetic(o), 4);
  REQUIRE(dense_analysis_flops(shards) > kDenseAnalysisMaxFlops);
  const LeastSquaresAnalysis an = analyse_least_squares(shards, 0.1);
  CHECK_FALSE(an.optimum.has_value());
  const Eigen::Index d = shards.front().dim();
  Eigen::MatrixXd mean = Eigen::MatrixXd::Zero(d, d), mean_sq = Eigen::MatrixXd::Zero(d, d);
  for (std::size_t i = 0; i < shards.size(); ++i) {
    const Eigen::MatrixXd a = Eigen::MatrixXd(shards[i].features);
    const Eigen::MatrixXd b = a.transpose() * a / static_cast<double>(a.rows());
    const double exact = top_eigenvalue(b) + 0.1;
    CHECK(an.local[i] >= exact);
    CHECK(an.local[i] <= exact * (1 + 1e-6));
    mean += b / 4.0;
    mean_sq += b * b / 4.0;
  }
  const double l_minus = top_eigenvalue(mean) + 0.1;
  REQUIRE(an.l_minus.has_value());
  CHECK(*an.l_minus >= l_minus);
  CHECK(*an.l_minus <= l_minus * (1 + 1e-6));
  const double l_pm = std::sqrt(top_eigenvalue(mean_sq - mean * mean));
  REQUIRE(an.l_plus_minus.has_value());
  CHECK(*an.l_plus_minus >= l_pm * (1 - 1e-12));
  CHECK(*an.l_plus_minus <= l_pm * (1 + 1e-4));  // L_± stops at ρ ≤ 1e-4 θ (only reported)
}
