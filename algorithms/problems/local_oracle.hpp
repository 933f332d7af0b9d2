#pragma once
/// \file
/// Worker i's view of the problem: its local loss f_i and gradients. Knows nothing about the
/// algorithm, the network or time (LBFGS++ / Ceres FirstOrderFunction style).

#include <cstdint>
#include <span>

#include <Eigen/Dense>

#include "sim/kernel/types.hpp"

namespace commsim::algo {

using Vector = Eigen::VectorXd;

/// f_i(x) = (1/m) Σ_j f_ij(x) over the worker's m local samples.
class LocalOracle {
 public:
  virtual ~LocalOracle() = default;
  /// Dimension d of x.
  virtual Eigen::Index dim() const = 0;
  /// Number of local samples m.
  virtual Eigen::Index num_samples() const = 0;
  /// f_i(x).
  virtual double loss(const Vector& x) const = 0;
  /// out = ∇f_i(x) (out is resized if needed); returns the work done (m sample gradients).
  virtual sim::Work gradient(const Vector& x, Vector& out) const = 0;
  /// f_i(x), with out = ∇f_i(x): one pass where the problem allows (the evaluation path; the
  /// work is not counted, as evaluation is observation).
  virtual double loss_and_gradient(const Vector& x, Vector& out) const {
    gradient(x, out);
    return loss(x);
  }
  /// out = (1/|S|) Σ_{j∈S} ∇f_ij(x) for the given local sample indices (repeats allowed);
  /// returns the work done (|S| sample gradients). The caller draws S, so the same S can be
  /// used at two points (VR-MARINA's shared minibatch).
  virtual sim::Work batch_gradient(const Vector& x, std::span<const std::uint32_t> samples,
                                   Vector& out) const = 0;
  /// L_i: smoothness constant of f_i as the paper's code computes it (see each problem).
  virtual double smoothness() const = 0;
};

}  // namespace commsim::algo
