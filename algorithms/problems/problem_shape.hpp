#pragma once
/// \file
/// The sizes a method's checks need from a built problem (k <= d, batch <= m_min, r <= n),
/// without reaching into its oracles.

#include <Eigen/Core>

#include "algorithms/problems/problem.hpp"

namespace commsim::algo {

/// A built problem's dimension, worker count and smallest local sample count.
struct ProblemShape {
  Eigen::Index dim;
  int num_workers;
  Eigen::Index min_local_samples;
};

/// The shape of `problem` (O(n): one look at each worker's sample count).
ProblemShape shape_of(const Problem& problem);

}  // namespace commsim::algo
