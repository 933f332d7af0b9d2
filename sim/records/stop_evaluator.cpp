#include "sim/records/stop_evaluator.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace commsim::sim {

namespace {

std::string time_limit_message(Time max_time) {
  return fmt::format("simulated time limit {} s reached", max_time.to_seconds());
}

bool finite_quality(const RoundRecord& r) {
  return std::isfinite(r.loss) && std::isfinite(r.grad_norm_sq) &&
         std::isfinite(r.mean_local_grad_norm_sq);
}

}  // namespace

std::optional<StopVerdict> StopEvaluator::before_event(bool interrupted, Time next_event) const {
  if (interrupted) return StopVerdict{Termination::interrupted, "interrupted by a signal"};
  if (next_event.is_infinite()) {
    return StopVerdict{Termination::max_time,
                       "no event can happen any more (a worker never comes online?)"};
  }
  if (next_event > criteria_.max_time)
    return StopVerdict{Termination::max_time, time_limit_message(criteria_.max_time)};
  return std::nullopt;
}

std::optional<StopVerdict> StopEvaluator::after_round(const RoundRecord& counters,
                                                      bool iterate_finite) const {
  if (!iterate_finite) {
    return StopVerdict{Termination::diverged,
                       fmt::format("the iterate became non-finite at round {}", counters.round)};
  }
  if (counters.round >= criteria_.max_rounds) {
    return StopVerdict{Termination::max_rounds,
                       fmt::format("round limit {} reached", criteria_.max_rounds), true};
  }
  if (counters.bits_up >= criteria_.max_bits) {
    return StopVerdict{Termination::max_bits,
                       fmt::format("uplink bit budget {} reached", criteria_.max_bits), true};
  }
  if (counters.time >= criteria_.max_time)
    return StopVerdict{Termination::max_time, time_limit_message(criteria_.max_time), true};
  return std::nullopt;
}

std::optional<StopVerdict> StopEvaluator::on_row(const RoundRecord& row, bool is_initial) {
  if (!finite_quality(row)) {
    return StopVerdict{Termination::diverged,
                       fmt::format("loss or gradient became non-finite at round {}", row.round)};
  }
  if (is_initial) {
    initial_ = row.grad_norm_sq;
    best_ = row.grad_norm_sq;
    best_round_ = row.round;
  }
  return quality(row);
}

std::optional<StopVerdict> StopEvaluator::quality(const RoundRecord& row) {
  const StopCriteria& s = criteria_;
  const double g = row.grad_norm_sq;
  if (s.grad_norm_sq > 0.0 && g <= s.grad_norm_sq) {
    return StopVerdict{Termination::converged,
                       fmt::format("||grad f||^2 = {:.6g} <= target {:.6g}", g, s.grad_norm_sq),
                       true};
  }
  if (g > s.divergence_factor * std::max(initial_, 1e-300)) {
    return StopVerdict{Termination::diverged,
                       fmt::format("||grad f||^2 = {:.6g} grew past {:g} x its initial value", g,
                                   s.divergence_factor),
                       true};
  }
  // best_ is the plain minimum; best_round_ moves only on a relative gain beyond the tolerance,
  // so many tiny gains still count as a stall.
  if (g < best_ * (1.0 - s.stall_tolerance)) {
    best_ = g;
    best_round_ = row.round;
  }
  best_ = std::min(best_, g);
  if (s.stall_rounds > 0 && row.round - best_round_ >= s.stall_rounds) {
    return StopVerdict{Termination::stalled,
                       fmt::format("no relative progress above {:g} in ||grad f||^2 over {} rounds",
                                   s.stall_tolerance, s.stall_rounds),
                       true};
  }
  return std::nullopt;
}

}  // namespace commsim::sim
