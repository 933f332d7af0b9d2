#include "algorithms/problems/spectral_bound.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <Eigen/Eigenvalues>

#include "sim/kernel/rng.hpp"

namespace commsim::algo {
namespace {

// A deterministic start with no structure (entries in [-1, 1) from a SplitMix64 sequence), so
// it is not orthogonal to the top eigenvector of structured data the way (1, …, 1) can be
// (features symmetric around 0); no random stream is drawn, so runs stay paired.
Eigen::VectorXd start_vector(Eigen::Index d) {
  Eigen::VectorXd v(d);
  std::uint64_t state = 1;
  for (Eigen::Index j = 0; j < d; ++j)
    v(j) = static_cast<double>(sim::splitmix64(state) >> 11) * 0x1.0p-52 - 1.0;
  return v / v.norm();
}

struct RitzTop {
  double value;     // θ, the largest eigenvalue of the tridiagonal T_k
  double residual;  // ρ = β_k |last component of its eigenvector|
};

RitzTop top_ritz(const std::vector<double>& alpha, const std::vector<double>& beta, double next) {
  const Eigen::Index k = static_cast<Eigen::Index>(alpha.size());
  Eigen::VectorXd diag = Eigen::Map<const Eigen::VectorXd>(alpha.data(), k);
  Eigen::VectorXd sub = Eigen::Map<const Eigen::VectorXd>(beta.data(), k - 1);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> t;
  t.computeFromTridiagonal(diag, sub, Eigen::ComputeEigenvectors);
  return RitzTop{t.eigenvalues()(k - 1), next * std::abs(t.eigenvectors()(k - 1, k - 1))};
}

}  // namespace

double largest_eigenvalue_bound(Eigen::Index dim, const SymmetricApply& apply, double cap,
                                const SpectralBoundOptions& options) {
  if (dim == 0 || !(cap > 0.0)) return 0.0;
  const int steps = static_cast<int>(std::min<Eigen::Index>(dim, options.max_steps));
  Eigen::VectorXd v = start_vector(dim), previous = Eigen::VectorXd::Zero(dim), w;
  std::vector<double> alpha, beta;
  RitzTop top{0.0, 0.0};
  for (int k = 0; k < steps; ++k) {
    apply(v, w);
    const double a = v.dot(w);
    w -= a * v;
    if (k > 0) w -= beta.back() * previous;
    alpha.push_back(a);
    const double b = w.norm();
    const bool exhausted = !(b > 1e-14 * std::max(std::abs(a), top.value));
    // T_k's eigen-decomposition costs O(k³): look every 8 steps (and at the end) only.
    if (exhausted || k % 8 == 7 || k + 1 == steps) {
      top = top_ritz(alpha, beta, b);
      if (exhausted || top.residual <= options.relative_residual * top.value) break;
    }
    beta.push_back(b);
    previous.swap(v);
    v = w / b;
  }
  // Margin: rounding in the products and the lost orthogonality perturb θ by O(k ε ‖A‖).
  const double margin = 1e-12 * static_cast<double>(alpha.size()) * top.value;
  return std::min(cap, top.value + top.residual + margin);
}

}  // namespace commsim::algo
