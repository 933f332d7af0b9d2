#pragma once
/// \file
/// The one reader of a run's `summary.json` (written by scenarios/run_command): the figures the
/// sweep index and `commsim compare` report, typed. A figure absent or null in the file (e.g. a
/// NaN loss, which JSON writes as null) is an empty optional, so each consumer decides how to
/// show "no value". Integers stay integers and reals stay reals, so a CSV cell written from a
/// record is the same text as one written from the JSON.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/kernel/json_reader.hpp"

namespace commsim::analysis {

/// One entry of `time_to_eps`: where the run first recorded ‖∇f‖² ≤ eps (empty: never).
struct EpsCrossingRecord {
  double eps = 0.0;
  std::optional<std::int64_t> round;
  std::optional<double> time_s;
  std::optional<double> bits_up_per_worker;
};

/// The figures of one summary.json.
struct RunSummaryRecord {
  std::string status;  ///< `converged`, `max_rounds`, ..., `interrupted`
  std::optional<std::int64_t> rounds, bits_up, bits_down, grad_evals;
  std::optional<double> time_s, bits_up_per_worker;
  std::optional<double> final_grad_norm_sq, final_loss;  ///< `final.grad_norm_sq`, `final.loss`
  std::optional<double> wall_seconds;
  std::vector<EpsCrossingRecord> time_to_eps;  ///< entries with a numeric eps, file order

  /// A run counts as finished (a sweep does not redo it) unless it was interrupted.
  bool finished() const { return status != "interrupted"; }
};

/// Reads `file`; nothing when it is absent. A summary.json that is there is validated like an
/// input (run directories are written atomically, so a broken one was edited by hand): invalid
/// JSON, a duplicate key, a missing status or a figure of the wrong type is a ConfigError
/// naming the file and the JSON path (`runs/0003/summary.json: rounds: expected ...`).
std::optional<RunSummaryRecord> read_summary(const std::filesystem::path& file);

/// Reads and parses a JSON file a run or sweep wrote (ConfigError naming the file otherwise:
/// unreadable, invalid JSON at line:column, duplicate keys, text after the document).
sim::Json read_result_json(const std::filesystem::path& file);

/// Runs `read` (typed JsonReader reads of a result file); a ConfigError it throws is rethrown
/// with `file: ` before its JSON path.
void in_result_file(const std::filesystem::path& file, const std::function<void()>& read);

}  // namespace commsim::analysis
