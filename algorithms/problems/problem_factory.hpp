#pragma once
/// \file
/// Builds the `Problem` a `ProblemSpec` describes: loads its data, deals it to the workers and
/// makes the type's local oracles.

#include <memory>
#include <string>
#include <vector>

#include "algorithms/problems/data_source.hpp"
#include "algorithms/problems/problem.hpp"
#include "algorithms/problems/problem_spec.hpp"
#include "algorithms/problems/problem_types.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::algo {

/// Refuses `problem.batch` without replacement larger than the fewest local samples (an error
/// at problem.batch.size naming m).
void check_batch_size(const ProblemSpec& spec, std::int64_t min_local_samples);

/// Builds `spec` split over `num_workers` workers. Data sets named by `data.libsvm` are looked
/// up in `COMMSIM_DATA_PATH` (colon-separated); synthetic data (unless its seed is given) and
/// shuffled splits draw from `streams` ("data", "split"). `data_store`, when given, shares the
/// data set with the other builds that use it (a sweep's). Errors name paths under "problem".
/// `problem.batch` and `problem.noise` wrap each worker's oracle in `BatchOracle` /
/// `NoisyOracle` (streams ("oracle_batch", i), ("oracle_noise", i)); the quadratic type reads
/// no data and its workers share one oracle (the problem is marked homogeneous).
std::unique_ptr<Problem> build_problem(const ProblemSpec& spec, int num_workers,
                                       const sim::RngStreams& streams,
                                       DataStore* data_store = nullptr);

}  // namespace commsim::algo
