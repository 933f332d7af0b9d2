#pragma once
/// \file
/// The engine's view of a message protocol: the events it schedules on the simulated clock, and
/// what it reports to the run's control. Two protocols exist, chosen by what the method declares
/// (algo::Protocol): synchronous rounds (RoundProtocol) and event-driven (EventProtocol). Both
/// move messages over the same platform and compute on the same hosts; they differ in when the
/// server acts (after a complete round, or on each arrival).

#include <cstdint>
#include <memory>
#include <vector>

#include "algorithms/roles.hpp"
#include "networks/platform.hpp"
#include "sim/records/recorder.hpp"
#include "sim/records/stop_evaluator.hpp"

namespace commsim::sim {

/// Cumulative counters of a run: what rows and the summary report besides the evaluation.
struct RunCounters {
  std::uint64_t round = 0;  ///< rounds (or server steps) completed; setup phases do not count
  Bits bits_up = 0, bits_down = 0;
  std::vector<Bits> bits_up_by_worker, bits_down_by_worker;
  std::uint64_t grad_evals = 0;
  Time compute_time, comm_time;  ///< critical-path totals
  std::uint32_t last_participants = 0;
  bool last_full_sync = false;
  /// Event-driven protocol only: gradients the server accepted and discarded, and the mean
  /// delay (server steps between the point a gradient was computed at and its arrival) of the
  /// gradients accepted since the previous step.
  std::uint64_t gradients_used = 0, gradients_discarded = 0;
  double last_mean_delay = 0.0;
};

/// The run's control, told when there is something to judge. Each returns false when the run
/// has ended (then the protocol starts nothing more).
class StepListener {
 public:
  virtual ~StepListener() = default;
  /// The starting point is ready (after any setup exchange).
  virtual bool on_start() = 0;
  /// A round, or a server step, has completed.
  virtual bool on_step() = 0;
};

/// When the next event happens (infinite when none can happen), and of which kind.
struct NextEvent {
  Time time;
  bool flow;  ///< flow completions (they win ties against compute events)
};

/// One run's message protocol.
class Protocol {
 public:
  virtual ~Protocol() = default;
  /// Sends the first messages (and reports the starting point to the listener).
  virtual void begin() = 0;
  virtual NextEvent next_event() = 0;
  /// Advances the clock to `next` (just returned by next_event()) and handles it.
  virtual void step(const NextEvent& next) = 0;
  /// Why the next event is infinite, when it is (see StopEvaluator::before_event).
  virtual Unreachable unreachable() const = 0;
  virtual Time now() const = 0;
  virtual const RunCounters& counters() const = 0;
  virtual const algo::Vector& iterate() const = 0;
};

/// The protocol `algorithm` declares. `recorders` receive a MessageRecord per message when
/// `record_messages`.
std::unique_ptr<Protocol> make_protocol(const algo::Algorithm& algorithm, net::Platform& platform,
                                        StepListener& listener,
                                        const std::vector<Recorder*>& recorders,
                                        bool record_messages);

}  // namespace commsim::sim
