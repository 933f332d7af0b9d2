#include "sim/runtime/runtime.hpp"

#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"
#include "sim/kernel/event_queue.hpp"

namespace commsim::sim {

namespace {

enum class EventType : std::uint8_t { compute_start, compute_done };

struct Event {
  EventType type;
  int worker;
};

struct FlowInfo {
  bool uplink;
  int worker;
  std::uint32_t slot;
  std::uint64_t round;
  Time send_time;
  Bits bits;
  MessageKind kind;
};

/// In-flight flows keyed by their (dense, increasing) platform ids: a ring indexed by
/// id − oldest live id. Flows complete roughly in start order, so the window stays small and
/// the ring stops allocating after warm-up (an unordered_map would allocate a node per message).
class FlowTable {
 public:
  void insert(net::FlowId id, const FlowInfo& info) {
    if (empty_) {
      base_ = id;
      empty_ = false;
    }
    COMMSIM_ASSERT(id >= base_, "flow ids must not go backwards");
    while (id - base_ >= slots_.size()) grow();
    Slot& s = slots_[index(id)];
    s.info = info;
    s.live = true;
    end_ = std::max(end_, id + 1);
  }
  FlowInfo take(net::FlowId id) {
    COMMSIM_ASSERT(!empty_ && id >= base_ && id - base_ < slots_.size() && slots_[index(id)].live,
                   "unknown flow completed");
    Slot& s = slots_[index(id)];
    s.live = false;
    const FlowInfo info = s.info;
    while (base_ < end_ && !slots_[index(base_)].live) ++base_;
    if (base_ == end_) empty_ = true;
    return info;
  }

 private:
  struct Slot {
    FlowInfo info{};
    bool live = false;
  };
  std::size_t index(net::FlowId id) const {
    return static_cast<std::size_t>(id) & (slots_.size() - 1);
  }
  void grow() {
    std::vector<Slot> bigger(std::max<std::size_t>(64, slots_.size() * 2));
    for (net::FlowId id = base_; id < end_; ++id)
      bigger[static_cast<std::size_t>(id) & (bigger.size() - 1)] = slots_[index(id)];
    slots_.swap(bigger);
  }
  std::vector<Slot> slots_;
  net::FlowId base_ = 0, end_ = 0;
  bool empty_ = true;
};

}  // namespace

class Runtime::Impl {
 public:
  Impl(const algo::Problem& problem, const algo::Algorithm& algorithm, net::Platform& platform,
       RuntimeOptions options)
      : problem_(problem), algorithm_(algorithm), platform_(platform), options_(options) {
    COMMSIM_ASSERT(platform.num_workers() == problem.num_workers(),
                   "platform and problem disagree on worker count");
    COMMSIM_ASSERT(options_.record_every >= 1, "record_every must be >= 1");
    n_ = problem.num_workers();
    server_ = algorithm.make_server();
    for (int i = 0; i < n_; ++i) workers_.push_back(algorithm.make_worker(i));
    buffers_.resize(static_cast<std::size_t>(n_));
    uploads_.assign(static_cast<std::size_t>(n_), 0);
    compute_duration_.assign(static_cast<std::size_t>(n_), Time::zero());
    bits_up_by_worker_.assign(static_cast<std::size_t>(n_), 0);
    bits_down_by_worker_.assign(static_cast<std::size_t>(n_), 0);
  }

  std::vector<Recorder*> recorders;
  const std::atomic<bool>* interrupt = nullptr;

  RunSummary run() {
    const auto wall_start = std::chrono::steady_clock::now();
    summary_ = RunSummary{};
    summary_.constants = algorithm_.constants();
    share_availability();
    const algo::Downlink* d = &server_->start();
    if (d->phase == algo::Phase::round) {
      if (!record_row(/*is_initial=*/true)) return finish(wall_start);
    }
    start_round(*d);
    std::vector<net::FlowId> completed;
    while (!finished_) {
      if (interrupt && interrupt->load(std::memory_order_relaxed)) {
        end_run(Termination::interrupted, "interrupted by a signal");
        break;
      }
      const Time tq = queue_.next_time();
      const Time tn = platform_.next_completion();
      const Time t = min(tq, tn);
      if (t.is_infinite()) {
        end_run(Termination::max_time,
                "no event can happen any more (a worker never comes online?)");
        break;
      }
      if (t > options_.stop.max_time) {
        end_run(Termination::max_time, fmt::format("simulated time limit {} s reached",
                                                   options_.stop.max_time.to_seconds()));
        break;
      }
      if (tn <= tq) {
        queue_.advance_to(tn);
        completed.clear();
        platform_.advance_to(tn, completed);
        for (net::FlowId id : completed) on_flow_done(id);
      } else {
        auto e = queue_.pop();
        if (e.payload.type == EventType::compute_start) {
          start_compute(e.payload.worker);
        } else {
          compute_done(e.payload.worker);
        }
      }
    }
    return finish(wall_start);
  }

 private:
  Time now() const { return queue_.now(); }

  void start_round(const algo::Downlink& d) {
    current_ = &d;
    COMMSIM_ASSERT(d.uploads.size() == static_cast<std::size_t>(n_),
                   "downlink.uploads must have one entry per worker");
    round_start_ = now();
    pending_uploads_ = 0;
    participants_ = 0;
    last_arrival_worker_ = -1;
    recipients_.clear();
    for (int i = 0; i < n_; ++i) {
      const std::uint32_t u = d.uploads[static_cast<std::size_t>(i)];
      uploads_[static_cast<std::size_t>(i)] = u;
      pending_uploads_ += u;
      compute_duration_[static_cast<std::size_t>(i)] = Time::zero();
      auto& buf = buffers_[static_cast<std::size_t>(i)];
      if (buf.size() < u) buf.resize(u);
      if (u > 0 || d.to_all) recipients_.push_back(i);
    }
    participants_ = static_cast<std::uint32_t>(pending_uploads_);
    // Idle recipients update their state now: by the time their copy of the broadcast arrives
    // the server may have moved on, and the maths must not depend on network timing.
    for (int i : recipients_) {
      if (uploads_[static_cast<std::size_t>(i)] == 0)
        workers_[static_cast<std::size_t>(i)]->on_downlink(d, {});
    }
    if (d.bits > 0 || !recipients_.empty()) {
      flow_ids_.clear();
      platform_.broadcast(recipients_, d.bits, now(), flow_ids_);
      for (std::size_t j = 0; j < recipients_.size(); ++j) {
        const int w = recipients_[j];
        flows_.insert(flow_ids_[j], FlowInfo{false, w, 0, message_round(), now(), d.bits,
                                             MessageKind::broadcast});
        bits_down_ += d.bits;
        bits_down_by_worker_[static_cast<std::size_t>(w)] += d.bits;
      }
    }
    if (pending_uploads_ == 0) end_round();
  }

  std::uint64_t message_round() const {
    return current_->phase == algo::Phase::setup ? round_ : round_ + 1;
  }

  void on_flow_done(net::FlowId id) {
    const FlowInfo info = flows_.take(id);
    if (options_.record_messages) {
      MessageRecord m{info.round, -1, -1, info.kind, info.bits, info.send_time, now()};
      m.src = info.uplink ? info.worker : -1;
      m.dst = info.uplink ? -1 : info.worker;
      for (Recorder* r : recorders) r->on_message(m);
    }
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
    if (ready > now()) {
      queue_.schedule_at(ready, Event{EventType::compute_start, w});
    } else {
      start_compute(w);
    }
  }

  void start_compute(int w) {
    const auto iw = static_cast<std::size_t>(w);
    std::span<algo::Uplink> out(buffers_[iw].data(), uploads_[iw]);
    workers_[iw]->on_downlink(*current_, out);
    Work work;
    for (const auto& u : out) work += u.work;
    grad_evals_ += work.sample_gradients;
    const Time duration = platform_.compute_time(w, work, round_);
    compute_duration_[iw] = duration;
    queue_.schedule_in(duration, Event{EventType::compute_done, w});
  }

  void compute_done(int w) {
    const auto iw = static_cast<std::size_t>(w);
    for (std::uint32_t j = 0; j < uploads_[iw]; ++j) {
      const algo::Uplink& u = buffers_[iw][j];
      const net::FlowId id = platform_.send(w, net::kServer, u.bits, now());
      flows_.insert(id, FlowInfo{true, w, j, message_round(), now(), u.bits, u.kind});
      bits_up_ += u.bits;
      bits_up_by_worker_[iw] += u.bits;
    }
  }

  void end_round() {
    ordered_.clear();
    for (int i = 0; i < n_; ++i) {
      const auto ii = static_cast<std::size_t>(i);
      for (std::uint32_t j = 0; j < uploads_[ii]; ++j) ordered_.push_back(&buffers_[ii][j]);
    }
    const Time duration = now() - round_start_;
    const Time critical_compute =
        last_arrival_worker_ >= 0
            ? compute_duration_[static_cast<std::size_t>(last_arrival_worker_)]
            : Time::zero();
    compute_time_ += critical_compute;
    comm_time_ += duration - critical_compute;
    last_full_sync_ = current_->full_sync;
    last_participants_ = participants_;
    const bool was_setup = current_->phase == algo::Phase::setup;
    share_availability();
    const algo::Downlink& next = server_->on_uplinks(ordered_);
    if (was_setup) {
      if (!record_row(true)) return;
      start_round(next);
      return;
    }
    ++round_;
    if (!server_->iterate().allFinite()) {
      end_run(Termination::diverged,
              fmt::format("the iterate became non-finite at round {}", round_));
      return;
    }
    std::optional<Termination> limit;
    std::string why;
    if (round_ >= options_.stop.max_rounds) {
      limit = Termination::max_rounds;
      why = fmt::format("round limit {} reached", options_.stop.max_rounds);
    } else if (bits_up_ >= options_.stop.max_bits) {
      limit = Termination::max_bits;
      why = fmt::format("uplink bit budget {} reached", options_.stop.max_bits);
    } else if (now() >= options_.stop.max_time) {
      limit = Termination::max_time;
      why = fmt::format("simulated time limit {} s reached", options_.stop.max_time.to_seconds());
    }
    if (limit || round_ % options_.record_every == 0) {
      if (!record_row(false)) return;
    }
    if (limit) {
      end_run(*limit, why);
      return;
    }
    start_round(next);
  }

  void share_availability() {
    if (!server_->uses_availability()) return;
    online_.resize(static_cast<std::size_t>(n_));
    for (int i = 0; i < n_; ++i)
      online_[static_cast<std::size_t>(i)] = platform_.available_from(i, now()) == now() ? 1 : 0;
    server_->observe_availability(online_);
  }

  /// Evaluates the iterate, emits a row and applies the quality-based stops. Returns false when
  /// the run ended.
  bool record_row(bool is_initial) {
    const algo::Evaluation e = problem_.evaluate(server_->iterate(), scratch_local_, scratch_sum_);
    if (!std::isfinite(e.loss) || !std::isfinite(e.grad_norm_sq) ||
        !std::isfinite(e.mean_local_grad_norm_sq)) {
      end_run(Termination::diverged,
              fmt::format("loss or gradient became non-finite at round {}", round_));
      return false;
    }
    RoundRecord r;
    r.round = round_;
    r.time = now();
    r.bits_up = bits_up_;
    r.bits_down = bits_down_;
    r.bits_up_per_worker = static_cast<double>(bits_up_) / n_;
    r.grad_norm_sq = e.grad_norm_sq;
    r.loss = e.loss;
    r.mean_local_grad_norm_sq = e.mean_local_grad_norm_sq;
    r.grad_evals = grad_evals_;
    r.participants = last_participants_;
    r.full_sync = last_full_sync_;
    r.compute_time = compute_time_;
    r.comm_time = comm_time_;
    r.bits_up_by_worker = bits_up_by_worker_;
    r.bits_down_by_worker = bits_down_by_worker_;
    last_recorded_round_ = round_;
    last_eval_ = e;
    if (is_initial) {
      summary_.initial_grad_norm_sq = e.grad_norm_sq;
      summary_.initial_loss = e.loss;
      best_ = e.grad_norm_sq;
      best_round_ = round_;
    }
    for (Recorder* rec : recorders) rec->on_round(r);
    const StopCriteria& s = options_.stop;
    if (s.grad_norm_sq > 0.0 && e.grad_norm_sq <= s.grad_norm_sq) {
      end_run(Termination::converged, fmt::format("||grad f||^2 = {:.6g} <= target {:.6g}",
                                                  e.grad_norm_sq, s.grad_norm_sq));
      return false;
    }
    if (e.grad_norm_sq > s.divergence_factor * std::max(summary_.initial_grad_norm_sq, 1e-300)) {
      end_run(Termination::diverged,
              fmt::format("||grad f||^2 = {:.6g} grew past {:g} x its initial value",
                          e.grad_norm_sq, s.divergence_factor));
      return false;
    }
    if (e.grad_norm_sq < best_ * (1.0 - s.stall_tolerance)) {
      best_ = e.grad_norm_sq;
      best_round_ = round_;
    }
    best_ = std::min(best_, e.grad_norm_sq);
    if (s.stall_rounds > 0 && round_ - best_round_ >= s.stall_rounds) {
      end_run(Termination::stalled,
              fmt::format("no relative progress above {:g} in ||grad f||^2 over {} rounds",
                          s.stall_tolerance, s.stall_rounds));
      return false;
    }
    return true;
  }

  void end_run(Termination t, std::string message) {
    if (finished_) return;
    finished_ = true;
    summary_.termination = t;
    summary_.message = std::move(message);
  }

  RunSummary finish(std::chrono::steady_clock::time_point wall_start) {
    // The last completed round is always in the trace, unless it is the non-finite one.
    if (summary_.termination == Termination::interrupted && last_recorded_round_ != round_) {
      const Termination t = summary_.termination;
      const std::string message = summary_.message;
      finished_ = false;
      record_row(false);
      finished_ = true;
      summary_.termination = t;
      summary_.message = message;
    }
    summary_.rounds = round_;
    summary_.time = now();
    summary_.bits_up = bits_up_;
    summary_.bits_down = bits_down_;
    summary_.grad_evals = grad_evals_;
    summary_.final_grad_norm_sq = last_eval_.grad_norm_sq;
    summary_.final_loss = last_eval_.loss;
    summary_.final_mean_local_grad_norm_sq = last_eval_.mean_local_grad_norm_sq;
    summary_.best_grad_norm_sq = std::min(best_, last_eval_.grad_norm_sq);
    summary_.extra["last_recorded_round"] = last_recorded_round_;
    if (problem_.optimal_value() && problem_.optimum()) {
      summary_.optimality_gap = last_eval_.loss - *problem_.optimal_value();
      if (server_->iterate().allFinite())
        summary_.distance_to_optimum = (server_->iterate() - *problem_.optimum()).norm();
    }
    summary_.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    for (Recorder* r : recorders) r->on_finish(summary_);
    return summary_;
  }

  const algo::Problem& problem_;
  const algo::Algorithm& algorithm_;
  net::Platform& platform_;
  RuntimeOptions options_;
  int n_ = 0;
  std::unique_ptr<algo::ServerRole> server_;
  std::vector<std::unique_ptr<algo::WorkerRole>> workers_;

  EventQueue<Event> queue_;
  FlowTable flows_;
  std::vector<net::FlowId> flow_ids_;
  std::vector<int> recipients_;
  std::vector<std::vector<algo::Uplink>> buffers_;
  std::vector<std::uint32_t> uploads_;
  std::vector<const algo::Uplink*> ordered_;
  std::vector<Time> compute_duration_;
  std::vector<std::uint8_t> online_;
  const algo::Downlink* current_ = nullptr;

  std::uint64_t round_ = 0;
  std::uint64_t pending_uploads_ = 0;
  std::uint32_t participants_ = 0, last_participants_ = 0;
  bool last_full_sync_ = false;
  int last_arrival_worker_ = -1;
  Time round_start_, compute_time_, comm_time_;
  Bits bits_up_ = 0, bits_down_ = 0;
  std::vector<Bits> bits_up_by_worker_, bits_down_by_worker_;
  std::uint64_t grad_evals_ = 0;

  algo::Vector scratch_local_, scratch_sum_;
  algo::Evaluation last_eval_;
  std::uint64_t last_recorded_round_ = 0;
  double best_ = 0.0;
  std::uint64_t best_round_ = 0;
  bool finished_ = false;
  RunSummary summary_;
};

Runtime::Runtime(const algo::Problem& problem, const algo::Algorithm& algorithm,
                 net::Platform& platform, RuntimeOptions options)
    : impl_(std::make_unique<Impl>(problem, algorithm, platform, options)) {}

Runtime::~Runtime() = default;

void Runtime::add_recorder(Recorder& recorder) {
  impl_->recorders.push_back(&recorder);
}

RunSummary Runtime::run() {
  impl_->interrupt = interrupt_;
  return impl_->run();
}

}  // namespace commsim::sim
