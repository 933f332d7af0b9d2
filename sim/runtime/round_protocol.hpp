#pragma once
/// \file
/// The synchronous round as events on the simulated clock: broadcast → downlink transfers → local
/// compute (duration from the host model) → uplink transfers → aggregation when the round's
/// participants are all in. Whether a next round starts is the listener's decision.

#include <cstdint>
#include <memory>
#include <vector>

#include "sim/kernel/event_queue.hpp"
#include "sim/runtime/flow_table.hpp"
#include "sim/runtime/protocol.hpp"

namespace commsim::sim {

/// Drives a synchronous method's server and worker roles over the platform, one event at a time.
class RoundProtocol final : public Protocol {
 public:
  /// `recorders` receive a MessageRecord per message when `record_messages`.
  RoundProtocol(const algo::Algorithm& algorithm, net::Platform& platform, StepListener& listener,
                const std::vector<Recorder*>& recorders, bool record_messages);

  /// Shares availability, runs any setup exchange and the first round.
  void begin() override;
  NextEvent next_event() override {
    const Time tq = queue_.next_time();
    const Time tn = platform_.next_completion();
    return NextEvent{min(tq, tn), tn <= tq};
  }
  void step(const NextEvent& next) override;
  Unreachable unreachable() const override { return Unreachable{counters_.round, offline_worker_}; }
  Time now() const override { return queue_.now(); }
  const RunCounters& counters() const override { return counters_; }
  const algo::Vector& iterate() const override { return server_->iterate(); }

 private:
  /// Sends `d` to its recipients; aggregates at once when nobody uploads.
  void start_round(const algo::Downlink& d);
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
  StepListener& listener_;
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
