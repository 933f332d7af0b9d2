#pragma once
/// \file
/// The one place that decides how a run ends: every status (converged, max_rounds, max_time,
/// max_bits, diverged, stalled, interrupted) and its message come from here, so the runtime only
/// asks at the points of its protocol and never words or orders a criterion itself.

#include <cstdint>
#include <optional>
#include <string>

#include "sim/records/recorder.hpp"
#include "sim/records/run_summary.hpp"
#include "sim/records/stop_criteria.hpp"

namespace commsim::sim {

/// A decision to end the run.
struct StopVerdict {
  Termination status;
  std::string message;  ///< one sentence on why (RunSummary::message)
  /// Whether the row that triggered the stop belongs in the trace: limits stop after recording
  /// their round; non-finite values stop without a row.
  bool record = false;
};

/// Applies StopCriteria to what a run reports, in the order of precedence of the criteria.
class StopEvaluator {
 public:
  explicit StopEvaluator(const StopCriteria& criteria) : criteria_(criteria) {}

  /// Before each event: an interrupt, or a next event that is impossible or past `max_time`.
  std::optional<StopVerdict> before_event(bool interrupted, Time next_event) const;
  /// After a round's aggregation, from the record's counters (round, time, bits_up; the quality
  /// fields are not yet evaluated): a non-finite iterate (no row) or a budget limit (row first).
  std::optional<StopVerdict> after_round(const RoundRecord& counters, bool iterate_finite) const;
  /// On an evaluated row (the starting point when `is_initial`): non-finite values (no row), then
  /// convergence, divergence and stall (after the row). Tracks the best ‖∇f‖² for the stall test.
  std::optional<StopVerdict> on_row(const RoundRecord& row, bool is_initial);

  /// ‖∇f‖² of the starting point (0 before it is recorded).
  double initial_grad_norm_sq() const { return initial_; }
  /// The best ‖∇f‖² recorded so far (0 before the starting point).
  double best_grad_norm_sq() const { return best_; }

 private:
  std::optional<StopVerdict> quality(const RoundRecord& row);

  StopCriteria criteria_;
  double initial_ = 0.0;
  double best_ = 0.0;
  std::uint64_t best_round_ = 0;
};

}  // namespace commsim::sim
