#include "sim/runtime/round_protocol.hpp"

#include "sim/kernel/errors.hpp"

namespace commsim::sim {

RoundProtocol::RoundProtocol(const algo::Algorithm& algorithm, net::Platform& platform,
                             StepListener& listener, const std::vector<Recorder*>& recorders,
                             bool record_messages)
    : platform_(platform),
      listener_(listener),
      recorders_(recorders),
      record_messages_(record_messages),
      n_(platform.num_workers()) {
  server_ = algorithm.make_server();
  for (int i = 0; i < n_; ++i) workers_.push_back(algorithm.make_worker(i));
  const auto n = static_cast<std::size_t>(n_);
  buffers_.resize(n);
  uploads_.assign(n, 0);
  compute_duration_.assign(n, Time::zero());
  counters_.bits_up_by_worker.assign(n, 0);
  counters_.bits_down_by_worker.assign(n, 0);
}

void RoundProtocol::begin() {
  share_availability();
  const algo::Downlink& d = server_->start();
  if (d.phase == algo::Phase::round && !listener_.on_start()) return;
  start_round(d);
}

void RoundProtocol::start_round(const algo::Downlink& d) {
  reset_round(d);
  // Idle recipients update their state now: by the time their copy of the broadcast arrives
  // the server may have moved on, and the maths must not depend on network timing.
  for (int i : recipients_) {
    if (uploads_[static_cast<std::size_t>(i)] == 0)
      workers_[static_cast<std::size_t>(i)]->on_downlink(d, {});
  }
  if (d.bits > 0 || !recipients_.empty()) broadcast(d);
  if (pending_uploads_ == 0) end_round();
}

void RoundProtocol::reset_round(const algo::Downlink& d) {
  current_ = &d;
  COMMSIM_ASSERT(d.uploads.size() == static_cast<std::size_t>(n_),
                 "downlink.uploads must have one entry per worker");
  round_start_ = now();
  pending_uploads_ = 0;
  last_arrival_worker_ = -1;
  offline_worker_ = -1;
  recipients_.clear();
  for (int i = 0; i < n_; ++i) {
    const auto ii = static_cast<std::size_t>(i);
    const std::uint32_t u = d.uploads[ii];
    uploads_[ii] = u;
    pending_uploads_ += u;
    compute_duration_[ii] = Time::zero();
    if (buffers_[ii].size() < u) buffers_[ii].resize(u);
    if (u > 0 || d.to_all) recipients_.push_back(i);
  }
  participants_ = static_cast<std::uint32_t>(pending_uploads_);
}

void RoundProtocol::broadcast(const algo::Downlink& d) {
  flow_ids_.clear();
  platform_.broadcast(recipients_, d.bits, now(), flow_ids_);
  for (std::size_t j = 0; j < recipients_.size(); ++j) {
    const int w = recipients_[j];
    flows_.insert(flow_ids_[j],
                  FlowInfo{false, w, 0, message_round(), now(), d.bits, MessageKind::broadcast});
    counters_.bits_down += d.bits;
    counters_.bits_down_by_worker[static_cast<std::size_t>(w)] += d.bits;
  }
}

// Setup messages belong to the round they precede; round messages to the round they complete.
std::uint64_t RoundProtocol::message_round() const {
  return current_->phase == algo::Phase::setup ? counters_.round : counters_.round + 1;
}

void RoundProtocol::step(const NextEvent& next) {
  if (next.flow) {
    queue_.advance_to(next.time);
    completed_.clear();
    platform_.advance_to(next.time, completed_);
    for (net::FlowId id : completed_) on_flow_done(id);
    return;
  }
  const auto e = queue_.pop();
  if (e.payload.type == EventType::compute_start) {
    start_compute(e.payload.worker);
  } else {
    compute_done(e.payload.worker);
  }
}

void RoundProtocol::record_message(const FlowInfo& info) {
  const MessageRecord m = message_record(info, now(), platform_.header_bits());
  for (Recorder* r : recorders_) r->on_message(m);
}

void RoundProtocol::on_flow_done(net::FlowId id) {
  const FlowInfo info = flows_.take(id);
  if (record_messages_) record_message(info);
  if (info.uplink) {
    COMMSIM_ASSERT(pending_uploads_ > 0, "uplink arrived with nothing pending");
    last_arrival_worker_ = info.worker;
    if (--pending_uploads_ == 0) end_round();
    return;
  }
  const int w = info.worker;
  if (info.round != message_round() || uploads_[static_cast<std::size_t>(w)] == 0)
    return;  // idle recipient
  const Time ready = platform_.available_from(w, now());
  if (ready.is_infinite() && offline_worker_ < 0) offline_worker_ = w;
  if (ready > now()) {
    queue_.schedule_at(ready, Event{EventType::compute_start, w});
  } else {
    start_compute(w);
  }
}

void RoundProtocol::start_compute(int w) {
  const auto iw = static_cast<std::size_t>(w);
  std::span<algo::Uplink> out(buffers_[iw].data(), uploads_[iw]);
  workers_[iw]->on_downlink(*current_, out);
  Work work;
  for (const auto& u : out) work += u.work;
  counters_.grad_evals += work.sample_gradients;
  const Time duration = platform_.compute_time(w, work, counters_.round);
  compute_duration_[iw] = duration;
  queue_.schedule_in(duration, Event{EventType::compute_done, w});
}

void RoundProtocol::compute_done(int w) {
  const auto iw = static_cast<std::size_t>(w);
  for (std::uint32_t j = 0; j < uploads_[iw]; ++j) {
    const algo::Uplink& u = buffers_[iw][j];
    const net::FlowId id = platform_.send(w, net::kServer, u.bits, now());
    flows_.insert(id, FlowInfo{true, w, j, message_round(), now(), u.bits, u.kind});
    counters_.bits_up += u.bits;
    counters_.bits_up_by_worker[iw] += u.bits;
  }
}

void RoundProtocol::end_round() {
  ordered_.clear();
  for (int i = 0; i < n_; ++i) {
    const auto ii = static_cast<std::size_t>(i);
    for (std::uint32_t j = 0; j < uploads_[ii]; ++j) ordered_.push_back(&buffers_[ii][j]);
  }
  // The round's time splits into the last arrival's compute and everything else (transfers,
  // waiting for hosts to come online).
  const Time duration = now() - round_start_;
  const Time critical_compute =
      last_arrival_worker_ >= 0 ? compute_duration_[static_cast<std::size_t>(last_arrival_worker_)]
                                : Time::zero();
  counters_.compute_time += critical_compute;
  counters_.comm_time += duration - critical_compute;
  counters_.last_full_sync = current_->full_sync;
  counters_.last_participants = participants_;
  const bool was_setup = current_->phase == algo::Phase::setup;
  share_availability();
  const algo::Downlink& next = server_->on_uplinks(ordered_);
  if (was_setup) {
    if (listener_.on_start()) start_round(next);
    return;
  }
  ++counters_.round;
  if (listener_.on_step()) start_round(next);
}

void RoundProtocol::share_availability() {
  if (!server_->uses_availability()) return;
  online_.resize(static_cast<std::size_t>(n_));
  for (int i = 0; i < n_; ++i)
    online_[static_cast<std::size_t>(i)] = platform_.available_from(i, now()) == now() ? 1 : 0;
  server_->observe_availability(online_);
}

}  // namespace commsim::sim
