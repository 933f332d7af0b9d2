#pragma once
/// \file
/// Ridge least squares, the convex reference problem with a closed-form optimum:
///   f_i(x) = (1/(2m)) Σ_j (a_jᵀx − y_j)² + (λ/2)‖x‖²,   ∇f_i(x) = A_iᵀ(A_i x − y_i)/m + λx.
/// Its Hessians H_i = A_iᵀA_i/m + λI are constant, so every smoothness constant is an
/// eigenvalue: L_i = λ_max(H_i), L_− = λ_max(H̄) with H̄ = (1/n)Σ H_i, and
/// L_±² = λ_max((1/n)Σ H_i² − H̄²) (the λ terms cancel there).

#include <memory>
#include <optional>
#include <vector>

#include "algorithms/problems/linear_model_oracle.hpp"

namespace commsim::algo {

/// Floating-point operations up to which the d×d Hessians are formed densely (exact
/// eigenvalues, L_±, optimum), about a second of work: n shards cost Σ_r nnz_r² + (7/3)·n·d³ +
/// 4·d³ (`dense_analysis_flops`). Above it, L_i, L_− and L_± are Lanczos upper bounds
/// (spectral_bound.hpp: never below the true constant, so 1/L step sizes stay safe, and within
/// 1e-6 relative (L_±: 1e-4) once converged) from products with AᵀA/m, in O(d) memory, and the
/// optimum is not computed. Every example and paper scenario is under it (d ≤ 201, n ≤ 32).
inline constexpr double kDenseAnalysisMaxFlops = 2e9;

/// ℓ(z, y) = (z − y)²/2 with the ridge regulariser (λ/2)‖x‖².
struct LeastSquaresModel {
  double lambda = 0.0;  ///< ridge weight λ ≥ 0

  double loss(double z, double y) const { return 0.5 * (z - y) * (z - y); }
  double derivative(double z, double y) const { return z - y; }
  double regulariser(const Vector& x) const { return 0.5 * lambda * x.squaredNorm(); }
  void add_regulariser_gradient(const Vector& x, Vector& out) const { out += lambda * x; }
};

/// The oracle type of this problem.
using LeastSquaresOracle = LinearModelOracle<LeastSquaresModel>;
extern template class LinearModelOracle<LeastSquaresModel>;

/// Everything known in closed form about least squares over a set of shards.
struct LeastSquaresAnalysis {
  std::vector<double> local;      ///< L_i = λ_max(A_iᵀA_i/m_i) + λ
  std::optional<double> l_minus;  ///< λ_max(H̄)
  std::optional<double>
      l_plus_minus;  ///< sqrt(λ_max((1/n)Σ H_i² − H̄²)) (an upper bound above the dense limit)
  /// argmin of f = (1/n)Σ f_i, solving H̄ x = (1/n)Σ A_iᵀy_i/m_i; absent above the dense
  /// limit or when H̄ is numerically singular (λ = 0 and rank-deficient data).
  std::optional<Vector> optimum;
};

/// λ_max(AᵀA/m) of one shard: exact (dense eigen-solver) when forming and solving AᵀA/m takes
/// at most kDenseAnalysisMaxFlops, else the Lanczos upper bound.
double least_squares_data_smoothness(const SparseRows& shard);

/// The work of the dense analysis of `shards` (see kDenseAnalysisMaxFlops).
double dense_analysis_flops(const std::vector<Dataset>& shards);

/// Computes L_i, L_−, L_± and the optimum for `shards` (all of the same dimension) and λ.
LeastSquaresAnalysis analyse_least_squares(const std::vector<Dataset>& shards, double lambda);

/// The oracle over `shard` with the given L_i (from `analyse_least_squares`).
std::unique_ptr<LocalOracle> make_least_squares(Dataset shard, double lambda, double smoothness);

}  // namespace commsim::algo
