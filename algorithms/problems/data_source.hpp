#pragma once
/// \file
/// Where a problem's data comes from: a LIBSVM data set named in COMMSIM_DATA_PATH, a file, or a
/// generator. Locating and reading happen here, when the problem is built, never while reading.

#include <memory>
#include <string>

#include "algorithms/problems/data_store.hpp"
#include "algorithms/problems/dataset.hpp"
#include "algorithms/problems/problem_spec.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::algo {

/// The path of the data file called `name` in the first directory of `COMMSIM_DATA_PATH`
/// (colon-separated) that holds it. Throws ConfigError at `where` when the variable is unset, the
/// name contains a '/', or no directory holds it (the message lists the directories searched and
/// the names found there).
std::string locate_libsvm(const std::string& name, const std::string& where);

/// The full data set `spec` names (before splitting), shared through `store` when given (keyed
/// by the canonical JSON of the resolved source, bias, map_labels and dim, plus for a file its
/// canonical path, size and modification time). Errors name paths under `where` (the problem's
/// JSON path, "problem").
std::shared_ptr<const Dataset> load_data(const ProblemSpec& spec, const sim::RngStreams& streams,
                                         const std::string& where, DataStore* store = nullptr);

}  // namespace commsim::algo
