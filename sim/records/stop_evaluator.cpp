#include "sim/records/stop_evaluator.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace commsim::sim {

namespace {

std::string time_limit_message(Time max_time) {
  return fmt::format("simulated time limit {:.12g} s reached", max_time.to_seconds());
}

/// What `Time` can hold (sim/kernel/time.hpp).
constexpr const char* kTimeRange = "int64 nanoseconds, about 292 years";

bool finite_quality(const RoundRecord& r) {
  return std::isfinite(r.loss) && std::isfinite(r.grad_norm_sq) &&
         std::isfinite(r.mean_local_grad_norm_sq);
}

}  // namespace

std::optional<StopVerdict> StopEvaluator::before_event(bool interrupted, Time next_event,
                                                       const Unreachable& why) const {
  if (interrupted) return StopVerdict{Termination::interrupted, "interrupted by a signal"};
  // The user's limit first: an event past it (even one that cannot be represented) is that limit.
  if (!criteria_.max_time.is_infinite() && next_event > criteria_.max_time)
    return StopVerdict{Termination::max_time, time_limit_message(criteria_.max_time)};
  if (!next_event.is_infinite()) return std::nullopt;
  if (why.offline_worker >= 0) {
    return StopVerdict{Termination::max_time,
                       fmt::format("worker {} stays offline beyond the representable simulated "
                                   "time ({}) in round {}",
                                   why.offline_worker, kTimeRange, why.round + 1)};
  }
  return StopVerdict{Termination::max_time,
                     fmt::format("simulated time overflow in round {}: its next event lies beyond "
                                 "the representable range ({})",
                                 why.round + 1, kTimeRange)};
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
    initial_round_ = row.round;
    best_history_.assign(1, {row.round, row.grad_norm_sq});
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
  if (g < best_) {
    best_ = g;
    if (s.stall_rounds > 0) best_history_.emplace_back(row.round, g);
  }
  if (stalled(row.round)) {
    const double reference = best_history_.front().second;
    return StopVerdict{
        Termination::stalled,
        fmt::format("the best ||grad f||^2 improved by {:.3g} (relative) over the last {} rounds, "
                    "less than stall_tolerance {:g}",
                    (reference - best_) / reference, s.stall_rounds, s.stall_tolerance),
        true};
  }
  return std::nullopt;
}

// Stalled at round k when best(k) > (1 − tolerance) · best(k − stall_rounds), best(j) being the
// minimum of ‖∇f‖² over the rounds up to j: the reference is the best value at the start of the
// window, so steady small gains that add up to more than the tolerance are progress.
bool StopEvaluator::stalled(std::uint64_t round) {
  const StopCriteria& s = criteria_;
  if (s.stall_rounds == 0 || round - initial_round_ < s.stall_rounds) return false;
  const std::uint64_t window_start = round - s.stall_rounds;
  while (best_history_.size() >= 2 && best_history_[1].first <= window_start)
    best_history_.pop_front();
  return best_ > (1.0 - s.stall_tolerance) * best_history_.front().second;
}

}  // namespace commsim::sim
