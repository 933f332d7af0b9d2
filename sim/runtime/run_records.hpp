#pragma once
/// \file
/// The recorders' driver: evaluates the iterate as observation (at no simulated cost), turns the
/// run's counters into RoundRecords for the recorders, and assembles the RunSummary.

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "algorithms/problems/problem.hpp"
#include "sim/records/recorder.hpp"
#include "sim/records/run_summary.hpp"
#include "sim/records/stop_evaluator.hpp"
#include "sim/runtime/protocol.hpp"

namespace commsim::sim {

/// Rows and summary of one run.
class RunRecords {
 public:
  RunRecords(const algo::Problem& problem, const std::vector<Recorder*>& recorders)
      : problem_(problem), recorders_(recorders) {}

  /// Starts a run of a method with these constants (and its wall clock).
  void begin(nlohmann::json constants);
  /// The counters at `now`, without evaluation (what the budget limits look at).
  RoundRecord counters_row(const RunCounters& c, Time now) const;
  /// The counters plus the evaluation of `x`.
  RoundRecord evaluated_row(const algo::Vector& x, const RunCounters& c, Time now);
  /// Passes `r` to every recorder; the starting point (`is_initial`) also goes in the summary.
  void emit(const RoundRecord& r, bool is_initial);
  /// Keeps a copy of `r`, a finite evaluated round that is not (yet) recorded.
  void hold(const RoundRecord& r);
  /// Emits the held round unless a later or the same round was emitted: the last finite round
  /// is always in the trace.
  void emit_held();
  /// Ends the run (the first verdict wins).
  void end(const StopVerdict& verdict);
  /// Ends the run on a non-finite iterate or evaluation at `round`: the trace and the summary's
  /// final values end at the last finite round.
  void end_non_finite(const StopVerdict& verdict, std::uint64_t round);
  bool ended() const { return ended_; }
  /// How the run ended so far.
  Termination status() const { return summary_.termination; }
  /// The round of the last emitted row.
  std::uint64_t last_recorded_round() const { return last_recorded_round_; }
  /// Adds a top-level entry to summary.json.
  void add_extra(const std::string& key, nlohmann::json value) {
    summary_.extra[key] = std::move(value);
  }
  /// Completes the summary from the final state and passes it to every recorder.
  RunSummary finish(const RunCounters& c, Time now, const algo::Vector& x);

 private:
  const algo::Problem& problem_;
  const std::vector<Recorder*>& recorders_;
  std::chrono::steady_clock::time_point wall_start_;
  algo::Vector scratch_local_, scratch_sum_;
  std::uint64_t last_recorded_round_ = 0;
  bool emitted_any_ = false;
  std::optional<RoundRecord> held_;
  std::vector<Bits> held_up_, held_down_;  ///< the held row's per-worker counters
  bool ended_ = false;
  RunSummary summary_;
};

}  // namespace commsim::sim
