#include "algorithms/problems/least_squares.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/Eigenvalues>

namespace commsim::algo {

template class LinearModelOracle<LeastSquaresModel>;

namespace {

// AᵀA/m as a dense symmetric matrix, accumulated row by row from the sparse rows (cost Σ nnz_r²),
// so that a tall shard never needs a dense m×d copy.
Eigen::MatrixXd gram(const SparseRows& a) {
  const Eigen::Index d = a.cols();
  Eigen::MatrixXd g = Eigen::MatrixXd::Zero(d, d);
  const std::int64_t* outer = a.outerIndexPtr();
  const std::int64_t* inner = a.innerIndexPtr();
  const double* values = a.valuePtr();
  for (Eigen::Index r = 0; r < a.rows(); ++r)
    for (std::int64_t p = outer[r]; p < outer[r + 1]; ++p)
      for (std::int64_t q = outer[r]; q <= p; ++q) g(inner[p], inner[q]) += values[p] * values[q];
  g = g.selfadjointView<Eigen::Lower>();
  return g / static_cast<double>(std::max<Eigen::Index>(a.rows(), 1));
}

double largest_eigenvalue(const Eigen::MatrixXd& sym) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(sym, Eigen::EigenvaluesOnly);
  return solver.eigenvalues().maxCoeff();
}

// Power iteration for the largest eigenvalue of a PSD operator, from the fixed start (1,…,1)/√d
// so the result is deterministic.
template <class Apply>
double power_iteration(Eigen::Index d, Apply apply) {
  Vector v = Vector::Constant(d, 1.0 / std::sqrt(static_cast<double>(d)));
  Vector w(d);
  double estimate = 0.0;
  for (int k = 0; k < 10000; ++k) {
    apply(v, w);
    const double next = v.dot(w);
    const double norm = w.norm();
    if (norm == 0.0) return 0.0;
    v = w / norm;
    if (std::abs(next - estimate) <= 1e-12 * std::abs(next)) return next;
    estimate = next;
  }
  return estimate;
}

void apply_gram(const SparseRows& a, const Vector& v, Vector& out, Vector& scratch) {
  scratch.noalias() = a * v;
  out.noalias() = a.transpose() * scratch;
  out /= static_cast<double>(a.rows());
}

}  // namespace

double least_squares_data_smoothness(const SparseRows& shard) {
  if (shard.cols() <= kDenseAnalysisMaxDim) return largest_eigenvalue(gram(shard));
  Vector scratch;
  return power_iteration(shard.cols(),
                         [&](const Vector& v, Vector& out) { apply_gram(shard, v, out, scratch); });
}

LeastSquaresAnalysis analyse_least_squares(const std::vector<Dataset>& shards, double lambda) {
  COMMSIM_ASSERT(!shards.empty(), "least squares needs at least one shard");
  const Eigen::Index d = shards.front().dim();
  const double n = static_cast<double>(shards.size());
  LeastSquaresAnalysis result;

  if (d > kDenseAnalysisMaxDim) {
    for (const auto& s : shards)
      result.local.push_back(least_squares_data_smoothness(s.features) + lambda);
    Vector scratch, part;
    result.l_minus = lambda + power_iteration(d, [&](const Vector& v, Vector& out) {
                       out.setZero(d);
                       for (const auto& s : shards) {
                         apply_gram(s.features, v, part, scratch);
                         out += part / n;
                       }
                     });
    return result;
  }

  Eigen::MatrixXd mean_h = Eigen::MatrixXd::Zero(d, d);
  Eigen::MatrixXd mean_h_sq = Eigen::MatrixXd::Zero(d, d);
  Vector rhs = Vector::Zero(d);
  for (const auto& s : shards) {
    const Eigen::MatrixXd b = gram(s.features);
    result.local.push_back(largest_eigenvalue(b) + lambda);
    mean_h += b / n;
    mean_h_sq.noalias() += (b * b) / n;
    rhs += (s.features.transpose() * s.labels) / (static_cast<double>(s.num_samples()) * n);
  }
  // (1/n)Σ B_i² − B̄² is a covariance of the B_i, hence PSD; clamp rounding below zero.
  const Eigen::MatrixXd spread = mean_h_sq - mean_h * mean_h;
  result.l_plus_minus =
      std::sqrt(std::max(0.0, largest_eigenvalue(0.5 * (spread + spread.transpose()))));

  mean_h.diagonal().array() += lambda;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(mean_h, Eigen::EigenvaluesOnly);
  const double top = solver.eigenvalues().maxCoeff();
  const double bottom = solver.eigenvalues().minCoeff();
  result.l_minus = top;
  // Relative rank tolerance in the spirit of LAPACK's: d · ε · λ_max (with a safety factor).
  const double tolerance =
      100.0 * static_cast<double>(d) * std::numeric_limits<double>::epsilon() * top;
  if (top > 0.0 && bottom > tolerance) result.optimum = Vector(mean_h.ldlt().solve(rhs));
  return result;
}

std::unique_ptr<LocalOracle> make_least_squares(Dataset shard, double lambda, double smoothness) {
  return std::make_unique<LeastSquaresOracle>(std::move(shard), LeastSquaresModel{lambda},
                                              smoothness);
}

}  // namespace commsim::algo
