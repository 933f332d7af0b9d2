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
  std::optional<double> l_plus_minus;  ///< L_±, where computed (least squares, quadratic: 0)
  std::optional<double> mu;            ///< μ: strong convexity of f, where known (quadratic)
};

/// Values observed at one point (observation only: costs no simulated time).
struct Evaluation {
  double loss = 0.0;                     ///< f(x)
  double grad_norm_sq = 0.0;             ///< ‖∇f(x)‖²
  double mean_local_grad_norm_sq = 0.0;  ///< (1/n) Σ ‖∇f_i(x)‖², the authors' plotted metric
};

/// n local oracles plus what is known about their average.
///
/// Evaluation (`loss`, `gradient`, `evaluate`) is exact: it goes through `LocalOracle::loss` and
/// `loss_and_gradient`, which the stochastic decorators (noise, minibatch) pass through
/// unchanged; only a worker's `gradient` / `batch_gradient` calls are stochastic.
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

  /// Whether every f_i is the same function (the quadratic problem): evaluation then looks at
  /// one local only (loss, ‖∇f‖² and the mean local ‖∇f_i‖² are all the single local's), so
  /// 10 000 workers cost one evaluation. Methods may use it too (e.g. L_± = 0).
  bool is_homogeneous() const { return homogeneous_; }
  /// Marks the locals as one function; the caller vouches that they are (the quadratic
  /// problem's workers share one oracle behind their own noise streams).
  void set_homogeneous() { homogeneous_ = true; }

  /// σ² with E‖g − ∇f_i(x)‖² = σ² for a worker's stochastic gradient g, when known: the
  /// `problem.noise` variance. nullopt without noise, and with `problem.batch` alone (the
  /// minibatch variance depends on the data and the point, and is not computed).
  std::optional<double> noise_variance() const { return noise_variance_; }
  void set_noise_variance(double variance) { noise_variance_ = variance; }

  /// f(x) = (1/n) Σ f_i(x).
  double loss(const Vector& x) const;
  /// out = ∇f(x) = (1/n) Σ ∇f_i(x) (exact, through the evaluation path).
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
  bool homogeneous_ = false;
  std::optional<double> noise_variance_;

  // The locals evaluation has to visit: all of them, or the first when they are one function.
  std::size_t evaluated_locals() const { return homogeneous_ ? 1 : locals_.size(); }
};

}  // namespace commsim::algo
