#include "sim/runtime/run_records.hpp"

#include <algorithm>

namespace commsim::sim {

void RunRecords::begin(nlohmann::json constants) {
  wall_start_ = std::chrono::steady_clock::now();
  summary_ = RunSummary{};
  summary_.constants = std::move(constants);
  last_recorded_round_ = 0;
  emitted_any_ = false;
  held_.reset();
  ended_ = false;
}

RoundRecord RunRecords::counters_row(const RunCounters& c, Time now) const {
  RoundRecord r;
  r.round = c.round;
  r.time = now;
  r.bits_up = c.bits_up;
  r.bits_down = c.bits_down;
  r.bits_up_per_worker = static_cast<double>(c.bits_up) / problem_.num_workers();
  r.grad_evals = c.grad_evals;
  r.participants = c.last_participants;
  r.full_sync = c.last_full_sync;
  r.compute_time = c.compute_time;
  r.comm_time = c.comm_time;
  r.gradients_used = c.gradients_used;
  r.gradients_discarded = c.gradients_discarded;
  r.mean_delay = c.last_mean_delay;
  r.bits_up_by_worker = c.bits_up_by_worker;
  r.bits_down_by_worker = c.bits_down_by_worker;
  return r;
}

RoundRecord RunRecords::evaluated_row(const algo::Vector& x, const RunCounters& c, Time now) {
  const algo::Evaluation e = problem_.evaluate(x, scratch_local_, scratch_sum_);
  RoundRecord r = counters_row(c, now);
  r.grad_norm_sq = e.grad_norm_sq;
  r.loss = e.loss;
  r.mean_local_grad_norm_sq = e.mean_local_grad_norm_sq;
  return r;
}

void RunRecords::emit(const RoundRecord& r, bool is_initial) {
  // The last emitted row is the final one of the summary; the best is the best recorded.
  summary_.best_grad_norm_sq =
      is_initial ? r.grad_norm_sq : std::min(summary_.best_grad_norm_sq, r.grad_norm_sq);
  last_recorded_round_ = r.round;
  emitted_any_ = true;
  summary_.final_grad_norm_sq = r.grad_norm_sq;
  summary_.final_loss = r.loss;
  summary_.final_mean_local_grad_norm_sq = r.mean_local_grad_norm_sq;
  if (is_initial) {
    summary_.initial_grad_norm_sq = r.grad_norm_sq;
    summary_.initial_loss = r.loss;
  }
  for (Recorder* rec : recorders_) rec->on_round(r);
}

void RunRecords::hold(const RoundRecord& r) {
  held_up_.assign(r.bits_up_by_worker.begin(), r.bits_up_by_worker.end());
  held_down_.assign(r.bits_down_by_worker.begin(), r.bits_down_by_worker.end());
  held_ = r;
  held_->bits_up_by_worker = held_up_;
  held_->bits_down_by_worker = held_down_;
}

void RunRecords::emit_held() {
  if (held_ && emitted_any_ && held_->round > last_recorded_round_) emit(*held_, false);
}

void RunRecords::end_non_finite(const StopVerdict& verdict, std::uint64_t round) {
  if (ended_) return;
  emit_held();
  end(verdict);
  summary_.non_finite_round = round;
}

void RunRecords::end(const StopVerdict& verdict) {
  if (ended_) return;
  ended_ = true;
  summary_.termination = verdict.status;
  summary_.message = verdict.message;
}

RunSummary RunRecords::finish(const RunCounters& c, Time now, const algo::Vector& x) {
  summary_.rounds = c.round;
  summary_.time = now;
  summary_.bits_up = c.bits_up;
  summary_.bits_down = c.bits_down;
  summary_.grad_evals = c.grad_evals;
  summary_.extra["last_recorded_round"] = last_recorded_round_;
  if (problem_.optimal_value() && problem_.optimum()) {
    summary_.optimality_gap = summary_.final_loss - *problem_.optimal_value();
    if (!summary_.non_finite_round && x.allFinite())
      summary_.distance_to_optimum = (x - *problem_.optimum()).norm();
  }
  summary_.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start_).count();
  for (Recorder* r : recorders_) r->on_finish(summary_);
  return summary_;
}

}  // namespace commsim::sim
