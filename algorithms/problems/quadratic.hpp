#pragma once
/// \file
/// The quadratic problem f(x) = ½ xᵀAx − bᵀx, the same f on every worker (homogeneous: with
/// `problem.noise` the workers' stochastic gradients differ, their functions do not). It needs
/// no data; A is either
///  - tridiagonal: A = (1/4)·tridiag(−1, 2, −1), b = (1/4)(−1, 0, …, 0), stored as its two
///    bands (O(d) memory and gradient). Its eigenvalues are (1/4)(2 − 2cos(kπ/(d+1))),
///    k = 1..d, so L = (1/4)(2 − 2cos(dπ/(d+1))) and μ = (1/4)(2 − 2cos(π/(d+1))); x*_i =
///    −(d + 1 − i)/(d + 1). This is the matrix and vector the issue gives for the Rennala SGD
///    (arXiv 2305.12387) and Ringmaster ASGD (arXiv 2501.16168) experiments; the stored paper
///    texts searched did not include those experiment sections, so the definition could not be
///    checked against them here.
///  - random: A = Q diag(λ) Qᵀ with Q a Haar-random orthogonal matrix (QR of a Gaussian matrix
///    with the signs of R's diagonal fixed) and λ evenly (linearly) spaced in [μ, L], both ends
///    included; b ~ N(0, I). Q and b come from the stream ("quadratic", 0). Stored dense (d²
///    doubles; the memory guard counts it).
/// Every worker's L_i = L = λ_max(A) (exact), L_− = L, L_± = 0 and μ = λ_min(A).

#include <memory>

#include "algorithms/problems/problem_spec.hpp"
#include "algorithms/problems/problem_types.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::algo {

/// Flops of one quadratic gradient Ax − b: one multiply-add per stored entry of A, one
/// subtraction per coordinate.
double quadratic_gradient_flops(double stored_entries, double dim);

/// The one oracle of the quadratic `spec` (shared by every worker), with its optimum x* = A⁻¹b
/// and the constants (L, μ; the local L_i are the oracle's `smoothness()`).
struct QuadraticProblem {
  std::shared_ptr<const LocalOracle> oracle;
  Vector optimum;
  double L = 0.0;
  double mu = 0.0;
};

/// Builds the quadratic `spec` (its random matrix from `streams`' ("quadratic", 0)).
QuadraticProblem make_quadratic(const QuadraticSpec& spec, const sim::RngStreams& streams);

/// The parts of a quadratic problem over `num_workers` workers sharing one oracle.
ProblemParts quadratic_parts(const QuadraticSpec& spec, int num_workers,
                             const sim::RngStreams& streams);

/// Bytes the quadratic `spec` needs while built: 4 d-vectors for the tridiagonal matrix; for
/// the random one, its d×d matrices (the Gaussian matrix factored in place, Q and A, and the
/// product's temporary: 3 at the peak) plus a few d-vectors.
double quadratic_bytes(const QuadraticSpec& spec);

}  // namespace commsim::algo
