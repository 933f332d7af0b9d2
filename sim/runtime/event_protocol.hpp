#pragma once
/// \file
/// The event-driven protocol: the server reacts to each uplink as it arrives and sends points to
/// any workers at any moment; each worker computes on the points it receives, one at a time in
/// arrival order (a compute activity on its host: speed, jitter, stragglers and availability
/// apply), then uploads. A worker keeps computing while its previous uplink is in flight.
///
/// Each server step (the iterate moved) is one `round` for the listener. Jitter and per-round
/// stragglers are drawn per computation: a worker's j-th computation uses draw j.

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "algorithms/event_roles.hpp"
#include "sim/kernel/event_queue.hpp"
#include "sim/runtime/flow_table.hpp"
#include "sim/runtime/protocol.hpp"

namespace commsim::sim {

class EventProtocol final : public Protocol {
 public:
  EventProtocol(const algo::Algorithm& algorithm, net::Platform& platform, StepListener& listener,
                const std::vector<Recorder*>& recorders, bool record_messages);

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
  enum class EventType : std::uint8_t { compute_start, compute_done };
  struct Event {
    EventType type;
    int worker;
    std::uint64_t generation;  ///< the worker's generation when scheduled (restarts bump it)
  };
  /// A point waiting at (or travelling to) a worker.
  struct PendingPoint {
    std::shared_ptr<const algo::Vector> point;
    std::uint64_t version = 0;
    bool restart = false;
  };
  /// An uplink in flight, moved out of its worker's buffer (the worker may compute again).
  struct FlyingUplink {
    algo::Uplink uplink;
    std::uint64_t version = 0;
    Time compute_duration;
  };
  struct WorkerState {
    std::deque<PendingPoint> queue;  ///< received, not yet computed on
    PendingPoint current;            ///< the point being computed on
    std::vector<algo::Uplink> out;   ///< the current computation's uplinks
    std::uint64_t generation = 0;
    std::uint64_t computations = 0;  ///< started, for jitter and straggler draws
    Time compute_duration;
    bool busy = false;  ///< computing, or waiting to come online to compute
  };

  void dispatch(std::vector<algo::Dispatch>& out);
  void send_points(std::span<const algo::Dispatch> same_point);
  void on_flow_done(net::FlowId id);
  void on_point_arrived(const FlowInfo& info);
  void on_uplink_arrived(const FlowInfo& info);
  void try_start(int w);
  void start_compute(int w);
  void compute_done(int w);
  void complete_step();
  void record_message(const FlowInfo& info);
  std::uint32_t park_point(PendingPoint point);

  net::Platform& platform_;
  StepListener& listener_;
  const std::vector<Recorder*>& recorders_;
  bool record_messages_;
  int n_ = 0;
  std::unique_ptr<algo::EventServerRole> server_;
  std::vector<std::unique_ptr<algo::EventWorkerRole>> workers_;
  std::vector<WorkerState> state_;

  EventQueue<Event> queue_;
  FlowTable flows_;
  std::vector<PendingPoint> flying_points_;
  std::vector<FlyingUplink> flying_uplinks_;
  std::vector<std::uint32_t> free_points_, free_uplinks_;
  std::vector<algo::Dispatch> outbox_;
  std::vector<int> recipients_;
  std::vector<net::FlowId> flow_ids_, completed_;

  // Since the previous server step.
  std::uint32_t arrivals_ = 0;
  std::uint64_t used_ = 0;
  double delay_sum_ = 0.0;
  Time last_step_time_;
  Time last_compute_duration_;
  bool ended_ = false;
  int offline_worker_ = -1;
  RunCounters counters_;
};

}  // namespace commsim::sim
