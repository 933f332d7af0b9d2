#pragma once
/// \file
/// The distributed problem: f(x) = (1/n) Σ_i f_i(x), one `LocalOracle` per worker, plus the
/// constants the theory stepsizes need.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "algorithms/problems/local_oracle.hpp"

namespace commsim::algo {

/// Smoothness constants, as defined in paper_spec.md §1.
struct SmoothnessConstants {
  std::vector<double> local;           ///< L_i per worker (regulariser included)
  double max_local = 0.0;              ///< max_i L_i: the authors' code's L_task (upper bound on L)
  double quadratic_mean = 0.0;         ///< sqrt((1/n) Σ L_i²): the paper's L
  double lambda = 0.0;                 ///< regularisation weight actually used
  std::optional<double> l_minus;       ///< L_−: smoothness of f itself, where computed
  std::optional<double> l_plus_minus;  ///< L_±, where computed (least squares)
};

/// Values observed at one point (observation only: costs no simulated time).
struct Evaluation {
  double loss = 0.0;                     ///< f(x)
  double grad_norm_sq = 0.0;             ///< ‖∇f(x)‖²
  double mean_local_grad_norm_sq = 0.0;  ///< (1/n) Σ ‖∇f_i(x)‖², the authors' plotted metric
};

/// n local oracles plus what is known about their average.
class Problem {
 public:
  /// Takes ownership of the local oracles (all of the same dimension, at least one).
  Problem(std::string type, std::vector<std::unique_ptr<LocalOracle>> locals,
          SmoothnessConstants constants, bool convex);

  const std::string& type() const { return type_; }
  int num_workers() const { return static_cast<int>(locals_.size()); }
  Eigen::Index dim() const { return locals_.front()->dim(); }
  const LocalOracle& local(int i) const { return *locals_[static_cast<std::size_t>(i)]; }
  const SmoothnessConstants& constants() const { return constants_; }
  bool is_convex() const { return convex_; }

  /// The exact minimiser and minimum, when the problem has a closed form (least squares).
  const std::optional<Vector>& optimum() const { return optimum_; }
  std::optional<double> optimal_value() const { return optimal_value_; }
  void set_optimum(Vector x, double value) {
    optimum_ = std::move(x);
    optimal_value_ = value;
  }

  /// σ² = E‖g − ∇f_i(x)‖² of one oracle call, when the problem knows it (problem.noise); the
  /// theory constants of stochastic methods (batch sizes, stepsizes) use it.
  std::optional<double> noise_variance() const { return noise_variance_; }
  void set_noise_variance(double sigma_sq) { noise_variance_ = sigma_sq; }

  /// f(x) = (1/n) Σ f_i(x).
  double loss(const Vector& x) const;
  /// out = ∇f(x) = (1/n) Σ ∇f_i(x).
  void gradient(const Vector& x, Vector& out) const;
  /// loss, ‖∇f‖² and the mean local ‖∇f_i‖² in one pass (each local gradient computed once).
  /// `scratch_local` and `scratch_sum` are reused buffers.
  Evaluation evaluate(const Vector& x, Vector& scratch_local, Vector& scratch_sum) const;

 private:
  std::string type_;
  std::vector<std::unique_ptr<LocalOracle>> locals_;
  SmoothnessConstants constants_;
  bool convex_;
  std::optional<Vector> optimum_;
  std::optional<double> optimal_value_;
  std::optional<double> noise_variance_;
};

}  // namespace commsim::algo
