#pragma once
/// \file
/// The sizes a method's checks need from a built problem (k <= d, batch <= m_min, r <= n),
/// without reaching into its oracles.

#include <Eigen/Core>

#include "algorithms/problems/data_store.hpp"
#include "algorithms/problems/problem.hpp"
#include "algorithms/problems/problem_spec.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::algo {

/// A built problem's dimension, worker count and smallest local sample count.
struct ProblemShape {
  Eigen::Index dim;
  int num_workers;
  Eigen::Index min_local_samples;
};

/// The shape of `problem` (O(n): one look at each worker's sample count).
ProblemShape shape_of(const Problem& problem);

/// The shape `spec` will have over `num_workers` workers, from its data set alone (loaded
/// through `store` when given, so the build that follows reuses it): d, n and ⌊N/n⌋, the rows
/// every split deals each worker. No oracle is built. Errors as build_problem's.
ProblemShape shape_of(const ProblemSpec& spec, int num_workers, const sim::RngStreams& streams,
                      DataStore* store);

}  // namespace commsim::algo
