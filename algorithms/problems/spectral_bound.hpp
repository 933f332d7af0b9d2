#pragma once
/// \file
/// An upper bound on the largest eigenvalue of a symmetric positive semi-definite operator
/// known only through products v ↦ Av (AᵀA/m without forming it), for step sizes 1/L that
/// must not be too large.
///
/// Lanczos from a fixed pseudo-random start gives the largest Ritz value θ ≤ λ_max (a
/// Rayleigh quotient) and its residual ρ = ‖Ay − θy‖ = β_k |s_k| for free; [θ − ρ, θ + ρ] holds
/// an eigenvalue (Krylov–Weinstein), and once the Ritz pair has converged to the top of the
/// spectrum that eigenvalue is λ_max. The result is θ + ρ plus a relative margin for the loss of
/// orthogonality of the three-vector recurrence (ghost copies of converged Ritz values, never
/// values beyond the spectrum), capped by a bound known in closed form (the trace, or
/// anything else ≥ λ_max).
/// Memory is three d-vectors; time is at most `max_steps` products.

#include <functional>

#include <Eigen/Core>

namespace commsim::algo {

/// v ↦ out = Av for a symmetric PSD A (out is resized by the callee).
using SymmetricApply = std::function<void(const Eigen::VectorXd& v, Eigen::VectorXd& out)>;

/// Stopping rule of `largest_eigenvalue_bound`.
struct SpectralBoundOptions {
  double relative_residual = 1e-6;  ///< stop once ρ ≤ relative_residual · θ
  int max_steps = 300;              ///< Lanczos steps at most (d steps when d is smaller)
};

/// An upper bound U ≥ λ_max(A) with U ≤ λ_max (1 + ~2 · relative_residual) once converged;
/// `cap`, a known upper bound (the trace Σ A_jj for PSD A), caps it; 0 when cap ≤ 0 (a PSD
/// operator with trace 0 is 0).
double largest_eigenvalue_bound(Eigen::Index dim, const SymmetricApply& apply, double cap,
                                const SpectralBoundOptions& options = {});

}  // namespace commsim::algo
