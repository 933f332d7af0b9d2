#include "algorithms/ringmaster_asgd.hpp"

#include <doctest/doctest.h>

#include "../sim/runtime/test_problem.hpp"
#include "event_test_support.hpp"

using namespace commsim;

TEST_CASE("ringmaster_asgd: discards exactly the gradients with delay >= R (event replay)") {
  const std::vector<double> tau = {1.0, 1.7, 5.3};
  const std::uint64_t R = 2, steps = 25;
  auto problem = testing::make_quadratic_problem(3, 3);
  const sim::RngStreams streams(1);
  auto method = testing::build_method(
      *problem, streams, {{"name", "ringmaster_asgd"}, {"stepsize", 0.05}, {"delay_threshold", R}});
  auto platform = testing::timed_star(tau);
  const auto trace = testing::run_for(*problem, *method, *platform, steps);

  std::uint64_t step = 0, discarded = 0;
  std::vector<std::uint64_t> discarded_at_step, delay_at_step;
  testing::replay_always_busy(tau, steps, [&](const testing::ReplayArrival& a) {
    if (step - a.version >= R) {
      ++discarded;
      return false;
    }
    delay_at_step.push_back(step - a.version);
    ++step;
    discarded_at_step.push_back(discarded);
    return true;
  });
  REQUIRE(trace.rows.size() == steps + 1);
  for (std::uint64_t k = 1; k <= steps; ++k) {
    CAPTURE(k);
    CHECK(trace.rows[k].gradients_discarded == discarded_at_step[k - 1]);
    CHECK(trace.rows[k].mean_delay == static_cast<double>(delay_at_step[k - 1]));
  }
  CHECK(discarded > 0);  // the slowest worker's gradients are always too stale here
}

TEST_CASE("ringmaster_asgd: calculation stops restart a computation that reaches delay R") {
  // τ = (1, 3.5), R = 2: worker 0 steps at t = 1, 2, 3, …; worker 1's computation on x⁰ reaches
  // delay 2 at t = 2 and is restarted on x² (due at 5.5), which reaches delay 2 at t = 4, and so
  // on: worker 1 never delivers, and none of its computations is counted.
  const std::vector<double> tau = {1.0, 3.5};
  auto problem = testing::make_quadratic_problem(2, 3);
  const sim::RngStreams streams(1);
  auto stops = testing::build_method(*problem, streams,
                                     {{"name", "ringmaster_asgd"},
                                      {"stepsize", 0.05},
                                      {"delay_threshold", 2},
                                      {"stop_stale_computations", true}});
  auto platform = testing::timed_star(tau);
  const auto trace = testing::run_for(*problem, *stops, *platform, 10);
  for (const auto& m : trace.messages) CHECK(m.src != 1);
  CHECK(trace.summary.grad_evals == 10);
  CHECK(trace.rows.back().gradients_discarded == 0);
  // Restarts sent to worker 1 at t = 2, 4, 6, 8 (and x⁰ at 0).
  int to_worker1 = 0;
  for (const auto& m : trace.messages) to_worker1 += m.dst == 1 ? 1 : 0;
  CHECK(to_worker1 == 5);

  // Without stops, worker 1 finishes x⁰ at 3.5 (delay 3) and x³ at 7.0 (delay 4): both discarded.
  auto plain = testing::build_method(
      *problem, streams, {{"name", "ringmaster_asgd"}, {"stepsize", 0.05}, {"delay_threshold", 2}});
  auto platform2 = testing::timed_star(tau);
  const auto trace2 = testing::run_for(*problem, *plain, *platform2, 10);
  CHECK(trace2.rows.back().gradients_discarded == 2);
  CHECK(trace2.summary.grad_evals == 12);
}

TEST_CASE(
    "ringmaster_asgd: theory R = max(1, ceil(sigma^2/eps)), gamma = min{1/(2RL), eps/(4L "
    "sigma^2)}") {
  auto problem = testing::make_quadratic_problem(2, 3);  // L = 2
  const sim::RngStreams streams(1);
  auto m = testing::build_method(*problem, streams,
                                 {{"name", "ringmaster_asgd"}, {"sigma_sq", 0.5}, {"eps", 0.1}});
  const auto c = m->constants();
  CHECK(c["delay_threshold"] == 5);
  CHECK(c["stepsize"].get<double>() ==
        doctest::Approx(std::min(1.0 / (2 * 5 * 2), 0.1 / (4 * 2 * 0.5))));
}

TEST_CASE("ringmaster_asgd and minibatch_sgd: one worker, exact gradients: GD bit for bit") {
  auto problem = testing::make_quadratic_problem(1, 4);
  const sim::RngStreams streams(1);
  auto gd = testing::build_method(*problem, streams, {{"name", "gd"}, {"stepsize", 0.3}});
  auto pg = testing::timed_star({0.5});
  const auto ref = testing::run_for(*problem, *gd, *pg, 20);
  for (const char* name : {"ringmaster_asgd", "minibatch_sgd"}) {
    CAPTURE(name);
    auto m = testing::build_method(*problem, streams,
                                   {{"name", name}, {"stepsize", 0.3}, {"sigma_sq", 0.0}});
    auto p = testing::timed_star({0.5});
    const auto t = testing::run_for(*problem, *m, *p, 20);
    REQUIRE(t.rows.size() == ref.rows.size());
    for (std::size_t k = 0; k < t.rows.size(); ++k) {
      CHECK(t.rows[k].loss == ref.rows[k].loss);
      CHECK(t.rows[k].time == ref.rows[k].time);
    }
  }
}
