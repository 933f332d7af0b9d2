#pragma once
/// \file
/// Builds the `Problem` from the scenario's `problem` section:
/// `{type, data:{libsvm|path|synthetic}, split, lambda, bias}`.

#include <memory>
#include <string>
#include <vector>

#include "algorithms/problems/problem.hpp"
#include "sim/kernel/json_reader.hpp"
#include "sim/kernel/registry.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::algo {

/// Every problem type, with a one-line description.
const std::vector<sim::RegistryEntry>& problem_types();

/// Reads `problem` and builds it split over `num_workers` workers. Data sets named by
/// `data.libsvm` are looked up in `COMMSIM_DATA_PATH` (colon-separated); synthetic data and
/// shuffled splits draw from `streams` ("data", "split").
std::unique_ptr<Problem> build_problem(sim::JsonReader& problem, int num_workers,
                                       const sim::RngStreams& streams);

/// The path of the data file called `name` in the first directory of `COMMSIM_DATA_PATH`
/// (colon-separated) that holds it. Throws ConfigError at `where` when the variable is unset, the
/// name contains a '/', or no directory holds it (the message lists the directories searched and
/// the names found there).
std::string locate_libsvm(const std::string& name, const std::string& where);

}  // namespace commsim::algo
