#pragma once
/// \file
/// The one reader of a run's `summary.json` (written by scenarios/run_command): the figures the
/// sweep index and `commsim compare` report, typed. A figure absent or null in the file (e.g. a
/// NaN loss, which JSON writes as null) is an empty optional, so each consumer decides how to
/// show "no value". Integers stay integers and reals stay reals, so a CSV cell written from a
/// record is the same text as one written from the JSON.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

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

/// Reads `file`; nothing when it is absent, not JSON, not an object or has no string status.
std::optional<RunSummaryRecord> read_summary(const std::filesystem::path& file);

}  // namespace commsim::analysis
