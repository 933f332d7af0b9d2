#pragma once
/// \file
/// The shared machinery of every problem of the form
///   f_i(x) = (1/m) Σ_j ℓ(a_jᵀx, y_j) + r(x)
/// over one worker's shard (rows a_j of a row-major sparse matrix, labels y_j). A `Model` supplies
/// ℓ, its derivative in the margin z = aᵀx, and the regulariser r; this template does the
/// sparse passes. A full gradient is one pass computing the margins z = A x into a scratch
/// vector, then one scatter out = Aᵀ w / m with w_j = ℓ'(z_j, y_j): no allocation after the first
/// call (the oracle is used by one thread at a time).
///
/// Work accounting: flops = 4 × (nonzeros touched) + 2d, i.e. 2 flops per nonzero for the
/// margin (multiply-add), 2 for the scatter (multiply-add), and 2 per coordinate for the
/// regulariser's gradient.

#include <cstdint>
#include <span>

#include "algorithms/problems/dataset.hpp"
#include "algorithms/problems/local_oracle.hpp"
#include "sim/errors.hpp"

namespace commsim::algo {

/// Flops charged per stored nonzero touched by one gradient (margin + scatter).
inline constexpr double kFlopsPerNonzero = 4.0;
/// Flops charged per coordinate for the regulariser part of a gradient.
inline constexpr double kFlopsPerCoordinate = 2.0;

/// max_j ‖a_j‖² over the rows of `a` (0 for a matrix without rows).
double max_row_norm_sq(const SparseRows& a);

/// A `LocalOracle` for f_i(x) = (1/m) Σ_j ℓ(a_jᵀx, y_j) + r(x). `Model` provides
/// `double loss(double z, double y) const`, `double derivative(double z, double y) const`
/// (∂ℓ/∂z), `double regulariser(const Vector& x) const` and
/// `void add_regulariser_gradient(const Vector& x, Vector& out) const`.
template <class Model>
class LinearModelOracle final : public LocalOracle {
 public:
  /// Takes the shard (compressed, at least one row), the model and the precomputed L_i.
  LinearModelOracle(Dataset shard, Model model, double smoothness)
      : data_(std::move(shard)), model_(model), smoothness_(smoothness) {
    data_.features.makeCompressed();
    COMMSIM_ASSERT(data_.num_samples() >= 1, "a shard needs at least one sample");
    COMMSIM_ASSERT(data_.labels.size() == data_.num_samples(), "one label per sample");
  }

  Eigen::Index dim() const override { return data_.dim(); }
  Eigen::Index num_samples() const override { return data_.num_samples(); }
  double smoothness() const override { return smoothness_; }
  /// The shard this oracle reads.
  const Dataset& data() const { return data_; }
  /// The model (loss and regulariser parameters).
  const Model& model() const { return model_; }

  double loss(const Vector& x) const override {
    const Eigen::Index m = num_samples();
    double sum = 0.0;
    for (Eigen::Index r = 0; r < m; ++r) sum += model_.loss(row_dot(r, x), data_.labels[r]);
    return sum / static_cast<double>(m) + model_.regulariser(x);
  }

  sim::Work gradient(const Vector& x, Vector& out) const override {
    COMMSIM_ASSERT(x.size() == dim(), "gradient: wrong dimension of x");
    const Eigen::Index m = num_samples();
    margins_.resize(m);
    for (Eigen::Index r = 0; r < m; ++r) margins_[r] = row_dot(r, x);
    const double inv_m = 1.0 / static_cast<double>(m);
    out.resize(dim());
    out.setZero();
    for (Eigen::Index r = 0; r < m; ++r) scatter(r, model_.derivative(margins_[r], data_.labels[r]) * inv_m, out);
    model_.add_regulariser_gradient(x, out);
    return {static_cast<std::uint64_t>(m),
            kFlopsPerNonzero * static_cast<double>(data_.features.nonZeros()) +
                kFlopsPerCoordinate * static_cast<double>(dim())};
  }

  double loss_and_gradient(const Vector& x, Vector& out) const override {
    COMMSIM_ASSERT(x.size() == dim(), "loss_and_gradient: wrong dimension of x");
    const Eigen::Index m = num_samples();
    const double inv_m = 1.0 / static_cast<double>(m);
    out.resize(dim());
    out.setZero();
    double sum = 0.0;
    // The same per-sample terms, summed in the same order, as loss() and gradient().
    for (Eigen::Index r = 0; r < m; ++r) {
      const double z = row_dot(r, x);
      sum += model_.loss(z, data_.labels[r]);
      scatter(r, model_.derivative(z, data_.labels[r]) * inv_m, out);
    }
    model_.add_regulariser_gradient(x, out);
    return sum / static_cast<double>(m) + model_.regulariser(x);
  }

  sim::Work batch_gradient(const Vector& x, std::span<const std::uint32_t> samples, Vector& out) const override {
    COMMSIM_ASSERT(x.size() == dim(), "batch_gradient: wrong dimension of x");
    COMMSIM_ASSERT(!samples.empty(), "batch_gradient needs at least one sample");
    const double inv_b = 1.0 / static_cast<double>(samples.size());
    out.resize(dim());
    out.setZero();
    std::int64_t touched = 0;
    for (std::uint32_t s : samples) {
      const auto r = static_cast<Eigen::Index>(s);
      COMMSIM_ASSERT(r < num_samples(), "batch_gradient: sample index out of range");
      scatter(r, model_.derivative(row_dot(r, x), data_.labels[r]) * inv_b, out);
      touched += outer()[r + 1] - outer()[r];
    }
    model_.add_regulariser_gradient(x, out);
    return {static_cast<std::uint64_t>(samples.size()),
            kFlopsPerNonzero * static_cast<double>(touched) + kFlopsPerCoordinate * static_cast<double>(dim())};
  }

 private:
  const std::int64_t* outer() const { return data_.features.outerIndexPtr(); }

  double row_dot(Eigen::Index r, const Vector& x) const {
    const std::int64_t* inner = data_.features.innerIndexPtr();
    const double* values = data_.features.valuePtr();
    double z = 0.0;
    for (std::int64_t p = outer()[r]; p < outer()[r + 1]; ++p) z += values[p] * x[inner[p]];
    return z;
  }

  void scatter(Eigen::Index r, double weight, Vector& out) const {
    const std::int64_t* inner = data_.features.innerIndexPtr();
    const double* values = data_.features.valuePtr();
    for (std::int64_t p = outer()[r]; p < outer()[r + 1]; ++p) out[inner[p]] += weight * values[p];
  }

  Dataset data_;
  Model model_;
  double smoothness_;
  mutable Vector margins_;  // scratch of size m, reused by gradient()
};

}  // namespace commsim::algo
