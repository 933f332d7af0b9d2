#include "algorithms/problems/least_squares.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/Eigenvalues>

#include "algorithms/problems/spectral_bound.hpp"

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

// Σ_r nnz_r², the cost of accumulating AᵀA row by row.
double gram_flops(const SparseRows& a) {
  double total = 0.0;
  for (Eigen::Index r = 0; r < a.rows(); ++r) {
    const double nnz = static_cast<double>(a.outerIndexPtr()[r + 1] - a.outerIndexPtr()[r]);
    total += nnz * nnz;
  }
  return total;
}

void apply_gram(const SparseRows& a, const Vector& v, Vector& out, Vector& scratch) {
  scratch.noalias() = a * v;
  out.noalias() = a.transpose() * scratch;
  out /= static_cast<double>(std::max<Eigen::Index>(a.rows(), 1));
}

// tr(AᵀA/m) = ‖A‖_F²/m ≥ λ_max(AᵀA/m).
double gram_trace(const SparseRows& a) {
  return a.squaredNorm() / static_cast<double>(std::max<Eigen::Index>(a.rows(), 1));
}

double iterative_data_smoothness(const SparseRows& shard) {
  Vector scratch;
  return largest_eigenvalue_bound(
      shard.cols(), [&](const Vector& v, Vector& out) { apply_gram(shard, v, out, scratch); },
      gram_trace(shard));
}

// L_i, L_− and L_± as upper bounds from Lanczos, never forming a d×d matrix; no optimum.
LeastSquaresAnalysis analyse_iteratively(const std::vector<Dataset>& shards, double lambda) {
  const Eigen::Index d = shards.front().dim();
  const double n = static_cast<double>(shards.size());
  LeastSquaresAnalysis result;
  double mean_trace = 0.0, mean_sq_bound = 0.0;
  for (const auto& s : shards) {
    const double bound = iterative_data_smoothness(s.features);
    result.local.push_back(bound + lambda);
    mean_trace += gram_trace(s.features) / n;
    mean_sq_bound += bound * bound / n;
  }
  Vector scratch, part, mean;
  const auto apply_mean = [&](const Vector& v, Vector& out) {
    out.setZero(d);
    for (const auto& s : shards) {
      apply_gram(s.features, v, part, scratch);
      out += part / n;
    }
  };
  result.l_minus = lambda + largest_eigenvalue_bound(d, apply_mean, mean_trace);
  // (1/n)Σ B_i² − B̄² ≼ (1/n)Σ B_i², whose λ_max is at most (1/n)Σ λ_max(B_i)². L_± is only
  // reported (no step size uses it), so a looser tolerance saves most of its cost.
  Vector once, twice;
  const auto apply_spread = [&](const Vector& v, Vector& out) {
    out.setZero(d);
    mean.setZero(d);
    for (const auto& s : shards) {
      apply_gram(s.features, v, once, scratch);
      mean += once / n;
      apply_gram(s.features, once, twice, scratch);
      out += twice / n;
    }
    apply_mean(mean, once);
    out -= once;
  };
  result.l_plus_minus = std::sqrt(largest_eigenvalue_bound(
      d, apply_spread, mean_sq_bound, SpectralBoundOptions{.relative_residual = 1e-4}));
  return result;
}

LeastSquaresAnalysis analyse_densely(const std::vector<Dataset>& shards, double lambda) {
  const Eigen::Index d = shards.front().dim();
  const double n = static_cast<double>(shards.size());
  LeastSquaresAnalysis result;
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

}  // namespace

double dense_analysis_flops(const std::vector<Dataset>& shards) {
  if (shards.empty()) return 0.0;
  const double d = static_cast<double>(shards.front().dim());
  const double cube = d * d * d;
  double total = 4.0 * cube;  // H̄², then the eigenvalues of H̄ and of the spread
  for (const auto& s : shards) total += gram_flops(s.features) + (1.0 + 4.0 / 3.0) * cube;
  return total;
}

double least_squares_data_smoothness(const SparseRows& shard) {
  const double d = static_cast<double>(shard.cols());
  if (gram_flops(shard) + 4.0 / 3.0 * d * d * d <= kDenseAnalysisMaxFlops)
    return largest_eigenvalue(gram(shard));
  return iterative_data_smoothness(shard);
}

LeastSquaresAnalysis analyse_least_squares(const std::vector<Dataset>& shards, double lambda) {
  COMMSIM_ASSERT(!shards.empty(), "least squares needs at least one shard");
  if (dense_analysis_flops(shards) <= kDenseAnalysisMaxFlops)
    return analyse_densely(shards, lambda);
  return analyse_iteratively(shards, lambda);
}

std::unique_ptr<LocalOracle> make_least_squares(Dataset shard, double lambda, double smoothness) {
  return std::make_unique<LeastSquaresOracle>(std::move(shard), LeastSquaresModel{lambda},
                                              smoothness);
}

}  // namespace commsim::algo
