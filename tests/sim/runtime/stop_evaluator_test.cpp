#include "sim/records/stop_evaluator.hpp"

#include <doctest/doctest.h>

#include <limits>

using namespace commsim;

namespace {

sim::RoundRecord row(std::uint64_t round, double grad_norm_sq) {
  sim::RoundRecord r;
  r.round = round;
  r.grad_norm_sq = grad_norm_sq;
  return r;
}

}  // namespace

TEST_CASE("sim::StopEvaluator: before an event, an interrupt wins, then an impossible event") {
  sim::StopCriteria s;
  s.max_time = sim::Time::from_seconds(2.0);
  const sim::StopEvaluator stop(s);
  CHECK_FALSE(stop.before_event(false, sim::Time::from_seconds(1.0)));
  CHECK(stop.before_event(true, sim::Time::infinity())->status == sim::Termination::interrupted);
  const auto never = stop.before_event(false, sim::Time::infinity());
  CHECK(never->status == sim::Termination::max_time);
  CHECK(never->message == "no event can happen any more (a worker never comes online?)");
  const auto late = stop.before_event(false, sim::Time::from_seconds(3.0));
  CHECK(late->message == "simulated time limit 2 s reached");
}

TEST_CASE("sim::StopEvaluator: after a round, a non-finite iterate drops the row, limits keep it") {
  sim::StopCriteria s;
  s.max_rounds = 10;
  s.max_bits = 100;
  const sim::StopEvaluator stop(s);
  const auto bad = stop.after_round(row(3, 0.0), /*iterate_finite=*/false);
  CHECK(bad->status == sim::Termination::diverged);
  CHECK_FALSE(bad->record);
  auto r = row(10, 0.0);
  r.bits_up = 500;
  const auto rounds = stop.after_round(r, true);
  CHECK(rounds->status == sim::Termination::max_rounds);  // rounds before bits
  CHECK(rounds->record);
  r.round = 4;
  CHECK(stop.after_round(r, true)->message == "uplink bit budget 100 reached");
  r.bits_up = 5;
  CHECK_FALSE(stop.after_round(r, true));
}

TEST_CASE("sim::StopEvaluator: rows stop on non-finite values, convergence, divergence, stall") {
  sim::StopCriteria s;
  s.grad_norm_sq = 1e-3;
  s.divergence_factor = 100.0;
  s.stall_rounds = 3;
  s.stall_tolerance = 0.1;
  sim::StopEvaluator stop(s);
  CHECK_FALSE(stop.on_row(row(0, 1.0), /*is_initial=*/true));
  CHECK(stop.initial_grad_norm_sq() == 1.0);
  const auto nan = stop.on_row(row(1, std::numeric_limits<double>::quiet_NaN()), false);
  CHECK(nan->status == sim::Termination::diverged);
  CHECK_FALSE(nan->record);
  CHECK(stop.on_row(row(1, 1e3), false)->status == sim::Termination::diverged);
  CHECK(stop.on_row(row(1, 1e-4), false)->status == sim::Termination::converged);
  // The stall test on a fresh evaluator: progress counts only beyond the 10% tolerance.
  sim::StopEvaluator plateau(s);
  CHECK_FALSE(plateau.on_row(row(0, 1.0), true));
  CHECK_FALSE(plateau.on_row(row(1, 0.95), false));  // within the tolerance: no progress
  CHECK_FALSE(plateau.on_row(row(2, 0.5), false));   // progress at round 2
  CHECK_FALSE(plateau.on_row(row(4, 0.49), false));
  const auto stalled = plateau.on_row(row(5, 0.48), false);
  CHECK(stalled->status == sim::Termination::stalled);
  CHECK(stalled->record);
  CHECK(plateau.best_grad_norm_sq() == 0.48);
}
