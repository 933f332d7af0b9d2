#pragma once
/// \file
/// The runtime: the one place that wires algorithm roles to the platform, as events on a
/// simulated clock. A round is: broadcast → downlink transfers → local compute (duration from
/// the host model) → uplink transfers → aggregation when the round's participants are all in →
/// record → next round or stop. Loss and gradient norms are evaluated every round as
/// observation, at no simulated cost. The parts: RoundProtocol (the messages and events of a
/// round), RunRecords (rows and summary for the recorders) and StopEvaluator (every termination
/// decision).

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "algorithms/problems/problem.hpp"
#include "algorithms/roles.hpp"
#include "networks/platform.hpp"
#include "sim/records/recorder.hpp"
#include "sim/records/run_summary.hpp"
#include "sim/records/stop_criteria.hpp"

namespace commsim::sim {

/// What to record and when to stop.
struct RuntimeOptions {
  StopCriteria stop;
  /// Emit a RoundRecord every this many rounds (and the last round always). It only thins the
  /// rows: the stop criteria judge every round's evaluation.
  std::uint64_t record_every = 1;
  bool record_messages = false;  ///< emit a MessageRecord per message
};

/// Runs one simulation.
class Runtime {
 public:
  Runtime(const algo::Problem& problem, const algo::Algorithm& algorithm, net::Platform& platform,
          RuntimeOptions options);
  ~Runtime();

  /// Adds an observer (not owned; must outlive run()).
  void add_recorder(Recorder& recorder);
  /// Runs to a stop criterion and returns the summary (also passed to every recorder).
  RunSummary run();
  /// Asks a running simulation to stop after the current event (safe from a signal handler
  /// through the flag's address); the run ends with `Termination::interrupted`.
  void set_interrupt_flag(const std::atomic<bool>* flag) { interrupt_ = flag; }

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  const std::atomic<bool>* interrupt_ = nullptr;
};

}  // namespace commsim::sim
