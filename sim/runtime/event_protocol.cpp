#include "sim/runtime/event_protocol.hpp"

#include "sim/kernel/errors.hpp"

namespace commsim::sim {

EventProtocol::EventProtocol(const algo::Algorithm& algorithm, net::Platform& platform,
                             StepListener& listener, const std::vector<Recorder*>& recorders,
                             bool record_messages)
    : platform_(platform),
      listener_(listener),
      recorders_(recorders),
      record_messages_(record_messages),
      n_(platform.num_workers()) {
  server_ = algorithm.make_event_server();
  workers_.reserve(static_cast<std::size_t>(n_));
  for (int i = 0; i < n_; ++i) workers_.push_back(algorithm.make_event_worker(i));
  const auto n = static_cast<std::size_t>(n_);
  state_.resize(n);
  counters_.bits_up_by_worker.assign(n, 0);
  counters_.bits_down_by_worker.assign(n, 0);
}

void EventProtocol::begin() {
  if (!listener_.on_start()) {
    ended_ = true;
    return;
  }
  outbox_.clear();
  server_->start(outbox_);
  dispatch(outbox_);
}

void EventProtocol::step(const NextEvent& next) {
  if (next.flow) {
    queue_.advance_to(next.time);
    completed_.clear();
    platform_.advance_to(next.time, completed_);
    for (net::FlowId id : completed_) {
      if (ended_) return;
      on_flow_done(id);
    }
    return;
  }
  const auto e = queue_.pop();
  WorkerState& s = state_[static_cast<std::size_t>(e.payload.worker)];
  if (e.payload.generation != s.generation) return;  // the computation was restarted
  if (e.payload.type == EventType::compute_start) {
    start_compute(e.payload.worker);
  } else {
    compute_done(e.payload.worker);
  }
}

// Consecutive dispatches of one point with the same size go out as one broadcast, so that the
// platform's broadcast mode (e.g. a shared downlink) applies as in the synchronous round.
void EventProtocol::dispatch(std::vector<algo::Dispatch>& out) {
  std::size_t begin = 0;
  for (std::size_t j = 1; j <= out.size(); ++j) {
    if (j < out.size() && out[j].point == out[begin].point && out[j].bits == out[begin].bits &&
        out[j].restart == out[begin].restart && out[j].version == out[begin].version)
      continue;
    if (begin < out.size()) send_points(std::span(out).subspan(begin, j - begin));
    begin = j;
  }
  out.clear();
}

void EventProtocol::send_points(std::span<const algo::Dispatch> same_point) {
  const algo::Dispatch& d = same_point.front();
  recipients_.clear();
  for (const auto& x : same_point) {
    COMMSIM_ASSERT(x.worker >= 0 && x.worker < n_, "dispatch to an unknown worker");
    recipients_.push_back(x.worker);
  }
  flow_ids_.clear();
  platform_.broadcast(recipients_, d.bits, now(), flow_ids_);
  for (std::size_t j = 0; j < recipients_.size(); ++j) {
    const int w = recipients_[j];
    const std::uint32_t slot = park_point(PendingPoint{d.point, d.version, d.restart});
    flows_.insert(flow_ids_[j],
                  FlowInfo{false, w, slot, counters_.round, now(), d.bits, MessageKind::broadcast});
    counters_.bits_down += d.bits;
    counters_.bits_down_by_worker[static_cast<std::size_t>(w)] += d.bits;
  }
}

std::uint32_t EventProtocol::park_point(PendingPoint point) {
  if (free_points_.empty()) {
    flying_points_.push_back(std::move(point));
    return static_cast<std::uint32_t>(flying_points_.size() - 1);
  }
  const std::uint32_t slot = free_points_.back();
  free_points_.pop_back();
  flying_points_[slot] = std::move(point);
  return slot;
}

void EventProtocol::on_flow_done(net::FlowId id) {
  const FlowInfo info = flows_.take(id);
  if (record_messages_) record_message(info);
  if (info.uplink) {
    on_uplink_arrived(info);
  } else {
    on_point_arrived(info);
  }
}

void EventProtocol::on_point_arrived(const FlowInfo& info) {
  PendingPoint p = std::move(flying_points_[info.slot]);
  flying_points_[info.slot] = PendingPoint{};
  free_points_.push_back(info.slot);
  WorkerState& s = state_[static_cast<std::size_t>(info.worker)];
  if (p.restart) {
    ++s.generation;  // the computation in progress, if any, is abandoned
    s.queue.clear();
    s.busy = false;
  }
  s.queue.push_back(std::move(p));
  if (!s.busy) try_start(info.worker);
}

void EventProtocol::try_start(int w) {
  WorkerState& s = state_[static_cast<std::size_t>(w)];
  if (s.queue.empty()) return;
  s.current = std::move(s.queue.front());
  s.queue.pop_front();
  s.busy = true;
  const Time ready = platform_.available_from(w, now());
  if (ready.is_infinite() && offline_worker_ < 0) offline_worker_ = w;
  if (ready > now()) {
    queue_.schedule_at(ready, Event{EventType::compute_start, w, s.generation});
  } else {
    start_compute(w);
  }
}

void EventProtocol::start_compute(int w) {
  WorkerState& s = state_[static_cast<std::size_t>(w)];
  workers_[static_cast<std::size_t>(w)]->on_point(*s.current.point, s.out);
  s.current.point.reset();  // the uplinks hold what is needed; the point may be freed
  Work work;
  for (const auto& u : s.out) work += u.work;
  s.compute_duration = platform_.compute_time(w, work, s.computations++);
  queue_.schedule_in(s.compute_duration, Event{EventType::compute_done, w, s.generation});
}

void EventProtocol::compute_done(int w) {
  const auto iw = static_cast<std::size_t>(w);
  WorkerState& s = state_[iw];
  for (std::uint32_t j = 0; j < s.out.size(); ++j) {
    algo::Uplink& u = s.out[j];
    counters_.grad_evals += u.work.sample_gradients;
    const Bits bits = u.bits;
    const MessageKind kind = u.kind;
    // Swapping with a free slot's spent uplink keeps both buffers allocated for reuse.
    std::uint32_t slot;
    if (free_uplinks_.empty()) {
      slot = static_cast<std::uint32_t>(flying_uplinks_.size());
      flying_uplinks_.emplace_back();
    } else {
      slot = free_uplinks_.back();
      free_uplinks_.pop_back();
    }
    std::swap(flying_uplinks_[slot].uplink, u);
    flying_uplinks_[slot].version = s.current.version;
    flying_uplinks_[slot].compute_duration = s.compute_duration;
    const net::FlowId id = platform_.send(w, net::kServer, bits, now());
    flows_.insert(id, FlowInfo{true, w, slot, counters_.round, now(), bits, kind});
    counters_.bits_up += bits;
    counters_.bits_up_by_worker[iw] += bits;
  }
  s.busy = false;
  try_start(w);
}

void EventProtocol::on_uplink_arrived(const FlowInfo& info) {
  FlyingUplink& f = flying_uplinks_[info.slot];
  const std::uint64_t delay = counters_.round - f.version;
  COMMSIM_ASSERT(f.version <= counters_.round, "an uplink from the future");
  outbox_.clear();
  const algo::ArrivalOutcome outcome =
      server_->on_arrival(algo::Arrival{info.worker, f.version, f.uplink}, outbox_);
  free_uplinks_.push_back(info.slot);
  ++arrivals_;
  used_ += outcome.used;
  delay_sum_ += static_cast<double>(outcome.used) * static_cast<double>(delay);
  counters_.gradients_used += outcome.used;
  counters_.gradients_discarded += outcome.discarded;
  last_compute_duration_ = f.compute_duration;
  if (outcome.stepped) {
    complete_step();
    if (ended_) return;
  }
  dispatch(outbox_);
}

// The step's time splits into the triggering uplink's compute (at most the step's duration: it
// may have started before the previous step) and everything else.
void EventProtocol::complete_step() {
  const Time duration = now() - last_step_time_;
  const Time compute = min(last_compute_duration_, duration);
  counters_.compute_time += compute;
  counters_.comm_time += duration - compute;
  counters_.last_participants = arrivals_;
  counters_.last_mean_delay = used_ > 0 ? delay_sum_ / static_cast<double>(used_) : 0.0;
  ++counters_.round;
  arrivals_ = 0;
  used_ = 0;
  delay_sum_ = 0.0;
  last_step_time_ = now();
  if (!listener_.on_step()) ended_ = true;
}

void EventProtocol::record_message(const FlowInfo& info) {
  const MessageRecord m = message_record(info, now(), platform_.header_bits());
  for (Recorder* r : recorders_) r->on_message(m);
}

}  // namespace commsim::sim
