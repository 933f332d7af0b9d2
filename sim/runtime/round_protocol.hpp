#pragma once
/// \file
/// One round's message protocol, as events on the simulated clock: broadcast → downlink
/// transfers → local compute (duration from the host model) → uplink transfers → aggregation
/// when the round's participants are all in. What happens after aggregation (record, stop, next
/// round) is the listener's decision.

#include <cstdint>
#include <memory>
#include <vector>

#include "algorithms/roles.hpp"
#include "networks/platform.hpp"
#include "sim/kernel/event_queue.hpp"
#include "sim/records/recorder.hpp"
#include "sim/records/stop_evaluator.hpp"
#include "sim/runtime/flow_table.hpp"

namespace commsim::sim {

/// Cumulative counters of a run: what rows and the summary report besides the evaluation.
struct RunCounters {
  std::uint64_t round = 0;  ///< rounds completed (setup phases do not count)
  Bits bits_up = 0, bits_down = 0;
  std::vector<Bits> bits_up_by_worker, bits_down_by_worker;
  std::uint64_t grad_evals = 0;
  Time compute_time, comm_time;  ///< critical-path totals
  std::uint32_t last_participants = 0;
  bool last_full_sync = false;
};

/// Told when a round's uplinks are all in and the server has aggregated them.
class RoundListener {
 public:
  virtual ~RoundListener() = default;
  /// `next`: the server's next downlink; `was_setup`: the completed round was a setup phase.
  virtual void on_aggregated(const algo::Downlink& next, bool was_setup) = 0;
};

/// Drives the server and worker roles over the platform, one event at a time.
class RoundProtocol {
 public:
  /// `recorders` receive a MessageRecord per message when `record_messages`.
  RoundProtocol(const algo::Algorithm& algorithm, net::Platform& platform, RoundListener& listener,
                const std::vector<Recorder*>& recorders, bool record_messages);

  /// Shares availability and returns the server's first downlink.
  const algo::Downlink& start();
  /// Sends `d` to its recipients; aggregates at once when nobody uploads.
  void start_round(const algo::Downlink& d);
  /// When the next event happens (infinite when none can happen), and of which kind.
  struct NextEvent {
    Time time;
    bool flow;  ///< flow completions (they win ties against compute events)
  };
  NextEvent next_event() {
    const Time tq = queue_.next_time();
    const Time tn = platform_.next_completion();
    return NextEvent{min(tq, tn), tn <= tq};
  }
  /// Advances the clock to `next` (just returned by next_event()) and handles it.
  void step(const NextEvent& next);

  /// Why the next event is infinite, when it is (see StopEvaluator::before_event).
  Unreachable unreachable() const { return Unreachable{counters_.round, offline_worker_}; }
  Time now() const { return queue_.now(); }
  const RunCounters& counters() const { return counters_; }
  const algo::Vector& iterate() const { return server_->iterate(); }

 private:
  enum class EventType : std::uint8_t { compute_start, compute_done };
  struct Event {
    EventType type;
    int worker;
  };

  void reset_round(const algo::Downlink& d);
  void broadcast(const algo::Downlink& d);
  std::uint64_t message_round() const;
  void record_message(const FlowInfo& info);
  void on_flow_done(net::FlowId id);
  void start_compute(int w);
  void compute_done(int w);
  void end_round();
  void share_availability();

  net::Platform& platform_;
  RoundListener& listener_;
  const std::vector<Recorder*>& recorders_;
  bool record_messages_;
  int n_ = 0;
  std::unique_ptr<algo::ServerRole> server_;
  std::vector<std::unique_ptr<algo::WorkerRole>> workers_;

  EventQueue<Event> queue_;
  FlowTable flows_;
  std::vector<net::FlowId> flow_ids_, completed_;
  std::vector<int> recipients_;
  std::vector<std::vector<algo::Uplink>> buffers_;
  std::vector<std::uint32_t> uploads_;
  std::vector<const algo::Uplink*> ordered_;
  std::vector<Time> compute_duration_;
  std::vector<std::uint8_t> online_;
  const algo::Downlink* current_ = nullptr;

  std::uint64_t pending_uploads_ = 0;
  std::uint32_t participants_ = 0;
  int last_arrival_worker_ = -1;
  int offline_worker_ = -1;  ///< a worker of this round that is offline "forever"
  Time round_start_;
  RunCounters counters_;
};

}  // namespace commsim::sim
