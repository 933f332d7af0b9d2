#pragma once
/// \file
/// The one place that decides how a run ends: every status (converged, max_rounds, max_time,
/// max_bits, diverged, stalled, interrupted) and its message come from here, so the runtime only
/// asks at the points of its protocol and never words or orders a criterion itself.
///
/// The quality criteria (non-finite values, convergence, divergence, stall) are applied to every
/// round's evaluation, not only to the recorded rows, so that a verdict and its round never
/// depend on `record.every`.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <utility>

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

/// Why the next event of a run lies at `Time::infinity()`.
struct Unreachable {
  std::uint64_t round = 0;  ///< rounds completed so far
  /// The worker the round waits for and that is offline beyond the representable range, or −1:
  /// then a transfer or a computation ends beyond it (int64 nanoseconds saturated).
  int offline_worker = -1;
};

/// Applies StopCriteria to what a run reports, in the order of precedence of the criteria.
class StopEvaluator {
 public:
  explicit StopEvaluator(const StopCriteria& criteria) : criteria_(criteria) {}

  /// Before each event: an interrupt, a next event past `max_time`, or a next event that cannot
  /// be represented (`next_event` infinite: `why` says whether a worker stays offline or the
  /// clock saturated).
  std::optional<StopVerdict> before_event(bool interrupted, Time next_event,
                                          const Unreachable& why = {}) const;
  /// After a round's aggregation, from the record's counters (round, time, bits_up; the quality
  /// fields are not yet evaluated): a non-finite iterate (no row) or a budget limit (row first).
  std::optional<StopVerdict> after_round(const RoundRecord& counters, bool iterate_finite) const;
  /// On the evaluation of a round (the starting point when `is_initial`), called for every
  /// round: non-finite values (no row), then convergence, divergence and stall (after the row).
  std::optional<StopVerdict> on_row(const RoundRecord& row, bool is_initial);

  /// ‖∇f‖² of the starting point (0 before it is evaluated).
  double initial_grad_norm_sq() const { return initial_; }
  /// The best ‖∇f‖² evaluated so far (0 before the starting point).
  double best_grad_norm_sq() const { return best_; }

 private:
  std::optional<StopVerdict> quality(const RoundRecord& row);
  bool stalled(std::uint64_t round);

  StopCriteria criteria_;
  double initial_ = 0.0;
  double best_ = 0.0;
  std::uint64_t initial_round_ = 0;
  /// (round, best ‖∇f‖² from that round on) at each round where the best fell, oldest first,
  /// trimmed to the one in force at the start of the stall window.
  std::deque<std::pair<std::uint64_t, double>> best_history_;
};

}  // namespace commsim::sim
