#include "sim/records/stop_evaluator.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using namespace commsim;

namespace {

sim::RoundRecord row(std::uint64_t round, double grad_norm_sq) {
  sim::RoundRecord r;
  r.round = round;
  r.grad_norm_sq = grad_norm_sq;
  return r;
}

}  // namespace

TEST_CASE("sim::StopEvaluator: before an event, an interrupt wins, then the user's time limit") {
  sim::StopCriteria s;
  s.max_time = sim::Time::from_seconds(2.0);
  const sim::StopEvaluator stop(s);
  CHECK_FALSE(stop.before_event(false, sim::Time::from_seconds(1.0)));
  CHECK(stop.before_event(true, sim::Time::infinity())->status == sim::Termination::interrupted);
  const auto late = stop.before_event(false, sim::Time::from_seconds(3.0));
  CHECK(late->status == sim::Termination::max_time);
  CHECK(late->message == "simulated time limit 2 s reached");
  // An event beyond the representable range is past the user's limit too: the limit is named.
  const auto never = stop.before_event(false, sim::Time::infinity(), {7, 3});
  CHECK(never->status == sim::Termination::max_time);
  CHECK(never->message == "simulated time limit 2 s reached");
}

TEST_CASE("sim::StopEvaluator: without a time limit, an unrepresentable next event says why") {
  const sim::StopEvaluator stop(sim::StopCriteria{});
  CHECK_FALSE(stop.before_event(false, sim::Time::from_seconds(9e9)));  // 285 years: fine
  const auto overflow = stop.before_event(false, sim::Time::infinity(), {291, -1});
  CHECK(overflow->status == sim::Termination::max_time);
  CHECK(overflow->message ==
        "simulated time overflow in round 292: its next event lies beyond the representable "
        "range (int64 nanoseconds, about 292 years)");
  const auto offline = stop.before_event(false, sim::Time::infinity(), {4, 2});
  CHECK(offline->message ==
        "worker 2 stays offline beyond the representable simulated time (int64 nanoseconds, "
        "about 292 years) in round 5");
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

namespace {

/// The stall round by the definition, computed by brute force: the first k ≥ W with
/// min(g[0..k]) > (1 − tol) · min(g[0..k−W]); 0 when there is none.
std::uint64_t stall_round_by_definition(const std::vector<double>& g, std::size_t w, double tol) {
  for (std::size_t k = w; k < g.size(); ++k) {
    const double now = *std::min_element(g.begin(), g.begin() + static_cast<long>(k) + 1);
    const double then = *std::min_element(g.begin(), g.begin() + static_cast<long>(k - w) + 1);
    if (now > (1.0 - tol) * then) return k;
  }
  return 0;
}

/// The round at which an evaluator fed `g` (one value per round) stops as stalled; 0: never.
std::uint64_t stall_round_of_evaluator(const std::vector<double>& g, std::size_t w, double tol) {
  sim::StopCriteria s;
  s.stall_rounds = w;
  s.stall_tolerance = tol;
  sim::StopEvaluator stop(s);
  REQUIRE_FALSE(stop.on_row(row(0, g[0]), true));
  for (std::size_t k = 1; k < g.size(); ++k) {
    if (const auto v = stop.on_row(row(k, g[k]), false)) {
      CHECK(v->status == sim::Termination::stalled);
      CHECK(v->record);
      return k;
    }
  }
  return 0;
}

}  // namespace

TEST_CASE("sim::StopEvaluator: steady small gains that add up beyond the tolerance are progress") {
  // issue 14 item 5: ‖∇f‖² falls by 4.9e-6 relative per round, 4.9e-4 over a 100-round window:
  // 49 × stall_tolerance 1e-5, so no stall (the running minimum as reference stalled at 100).
  std::vector<double> g{0.08};
  for (int k = 1; k <= 400; ++k) g.push_back(g.back() * (1.0 - 4.9e-6));
  CHECK(1.0 - g[100] / g[0] == doctest::Approx(4.9e-4).epsilon(1e-3));
  CHECK(stall_round_by_definition(g, 100, 1e-5) == 0);
  CHECK(stall_round_of_evaluator(g, 100, 1e-5) == 0);
  // Gains of 0.9e-7 per round add up to 0.9e-5 < 1e-5 over the window: stalled at round 100.
  std::vector<double> slow{0.08};
  for (int k = 1; k <= 400; ++k) slow.push_back(slow.back() * (1.0 - 0.9e-7));
  CHECK(stall_round_by_definition(slow, 100, 1e-5) == 100);
  CHECK(stall_round_of_evaluator(slow, 100, 1e-5) == 100);
}

TEST_CASE("sim::StopEvaluator: the stall window's reference is the best value at its start") {
  // Progress until round 50, then a plateau with noise above the best: stalled at 50 + W.
  std::vector<double> g;
  for (int k = 0; k <= 50; ++k) g.push_back(1.0 / (1.0 + k));
  for (int k = 51; k <= 300; ++k) g.push_back(g[50] * (1.0 + 0.01 * ((k * 7) % 5)));
  CHECK(stall_round_by_definition(g, 30, 1e-3) == 80);
  CHECK(stall_round_of_evaluator(g, 30, 1e-3) == 80);
  // A bumpy sequence: rises, falls and plateaus, against the brute-force definition.
  std::vector<double> bumpy;
  for (int k = 0; k <= 600; ++k)
    bumpy.push_back((1.0 + 0.5 * std::sin(k * 0.37)) * (k < 200 ? 1.0 - k * 1e-3 : 0.8));
  for (std::size_t w : {5u, 17u, 40u, 120u}) {
    for (double tol : {0.0, 1e-4, 0.05}) {
      CAPTURE(w);
      CAPTURE(tol);
      CHECK(stall_round_of_evaluator(bumpy, w, tol) == stall_round_by_definition(bumpy, w, tol));
    }
  }
}
