#pragma once
/// \file
/// Logistic regression with a non-convex regulariser (a standard non-convex benchmark):
///   f_i(x) = (1/m) Σ_j log(1 + exp(−y_j a_jᵀx)) + λ Σ_t x_t²/(1 + x_t²).
/// L_i = 0.25 · max_j ‖a_ij‖² + 2λ: the logistic loss has |ℓ''| ≤ 1/4, so each sample term is
/// (‖a_j‖²/4)-smooth, and the regulariser's second derivative 2(1 − 3x²)/(1 + x²)³ has |·| ≤ 2
/// (at x = 0). This is the row-norm bound, like the paper's code uses for its loss.

#include <cmath>
#include <memory>

#include "algorithms/problems/linear_model_oracle.hpp"

namespace commsim::algo {

/// Default λ of the non-convex regulariser.
inline constexpr double kLogisticNonconvexDefaultLambda = 0.1;

/// ℓ(z, y) = log(1 + exp(−yz)) with the regulariser λ Σ x_t²/(1 + x_t²).
struct LogisticNonconvexModel {
  double lambda = kLogisticNonconvexDefaultLambda;  ///< regulariser weight λ ≥ 0

  double loss(double z, double y) const {
    const double t = y * z;  // softplus(−t), without overflow for either sign of t
    return t > 0.0 ? std::log1p(std::exp(-t)) : -t + std::log1p(std::exp(t));
  }
  double derivative(double z, double y) const { return -y / (1.0 + std::exp(y * z)); }
  double regulariser(const Vector& x) const {
    double sum = 0.0;
    for (Eigen::Index t = 0; t < x.size(); ++t) sum += x[t] * x[t] / (1.0 + x[t] * x[t]);
    return lambda * sum;
  }
  void add_regulariser_gradient(const Vector& x, Vector& out) const {
    for (Eigen::Index t = 0; t < x.size(); ++t) {
      const double q = 1.0 + x[t] * x[t];
      out[t] += 2.0 * lambda * x[t] / (q * q);
    }
  }
};

/// The oracle type of this problem.
using LogisticNonconvexOracle = LinearModelOracle<LogisticNonconvexModel>;
extern template class LinearModelOracle<LogisticNonconvexModel>;

/// The oracle over `shard` with L_i = 0.25 · max_j ‖a_ij‖² + 2λ.
std::unique_ptr<LocalOracle> make_logistic_nonconvex(Dataset shard, double lambda);

}  // namespace commsim::algo
