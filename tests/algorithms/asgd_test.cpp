#include "algorithms/asgd.hpp"

#include <doctest/doctest.h>

#include "../sim/runtime/test_problem.hpp"
#include "event_test_support.hpp"

using namespace commsim;

TEST_CASE("asgd: step times, delays and iterates equal an independent event replay") {
  const std::vector<double> tau = {1.0, 2.6, 3.7};
  const int d = 4;
  const double gamma = 0.05;
  auto problem = testing::make_quadratic_problem(3, d);
  const sim::RngStreams streams(1);
  auto method = testing::build_method(*problem, streams, {{"name", "asgd"}, {"stepsize", gamma}});
  auto platform = testing::timed_star(tau);
  const std::uint64_t steps = 30;
  const testing::Trace trace = testing::run_for(*problem, *method, *platform, steps);

  // The replay keeps every point x^k, so a gradient computed at version v uses x^v.
  std::vector<algo::Vector> points = {algo::Vector::Zero(d)};
  algo::Vector g;
  const auto arrivals = testing::replay_always_busy(tau, steps, [&](const auto& a) {
    problem->local(a.worker).gradient(points[a.version], g);
    points.push_back(points.back() - gamma * g);
    return true;
  });
  REQUIRE(arrivals.size() == steps);
  REQUIRE(trace.rows.size() == steps + 1);
  for (std::uint64_t k = 1; k <= steps; ++k) {
    const auto& row = trace.rows[k];
    const auto& a = arrivals[k - 1];
    CAPTURE(k);
    CHECK(row.round == k);
    CHECK(row.time.to_seconds() == doctest::Approx(a.time).epsilon(1e-12));
    CHECK(row.mean_delay == static_cast<double>(k - 1 - a.version));
    CHECK(row.gradients_used == k);
    CHECK(row.gradients_discarded == 0);
    CHECK(row.participants == 1);
    CHECK(row.loss == doctest::Approx(problem->loss(points[k])).epsilon(1e-12));
  }
  // Worker 0 (τ = 1) delivered at t = 1, 2, 3, 4; worker 1 (τ = 2.6) at 2.6 with x⁰: delay 2.
  CHECK(arrivals[2].worker == 1);
  CHECK(trace.rows[3].mean_delay == 2.0);
  // Over instant links every finished computation has arrived; the two in progress at the stop
  // are not counted (work is counted when a computation completes).
  CHECK(trace.summary.grad_evals == steps);
}

TEST_CASE("asgd: with one worker and exact gradients it is gradient descent, bit for bit") {
  auto problem = testing::make_quadratic_problem(1, 5);
  const sim::RngStreams streams(1);
  auto asgd = testing::build_method(*problem, streams, {{"name", "asgd"}, {"stepsize", 0.3}});
  auto gd = testing::build_method(*problem, streams, {{"name", "gd"}, {"stepsize", 0.3}});
  auto p1 = testing::timed_star({0.5});
  auto p2 = testing::timed_star({0.5});
  const auto a = testing::run_for(*problem, *asgd, *p1, 25);
  const auto b = testing::run_for(*problem, *gd, *p2, 25);
  REQUIRE(a.rows.size() == b.rows.size());
  for (std::size_t k = 0; k < a.rows.size(); ++k) {
    CAPTURE(k);
    CHECK(a.rows[k].loss == b.rows[k].loss);
    CHECK(a.rows[k].grad_norm_sq == b.rows[k].grad_norm_sq);
    CHECK(a.rows[k].time == b.rows[k].time);
    CHECK(a.rows[k].bits_up == b.rows[k].bits_up);
  }
}

TEST_CASE("asgd: a stepsize that is not a number is refused at algorithm.stepsize") {
  auto problem = testing::make_quadratic_problem(2, 3);
  const sim::RngStreams streams(1);
  CHECK_THROWS_WITH_AS(testing::build_method(*problem, streams, {{"name", "asgd"}}),
                       doctest::Contains("algorithm.stepsize"), ConfigError);
}
