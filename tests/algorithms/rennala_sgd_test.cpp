#include "algorithms/rennala_sgd.hpp"

#include <doctest/doctest.h>

#include "../sim/runtime/test_problem.hpp"
#include "event_test_support.hpp"

using namespace commsim;

TEST_CASE("rennala_sgd: step times, discarded gradients and iterates equal an event replay") {
  const std::vector<double> tau = {1.0, 1.5, 4.0};
  const int d = 3;
  const double gamma = 0.1;
  const std::uint64_t batch = 2, steps = 12;
  auto problem = testing::make_quadratic_problem(3, d);
  const sim::RngStreams streams(1);
  auto method = testing::build_method(
      *problem, streams, {{"name", "rennala_sgd"}, {"stepsize", gamma}, {"batch", batch}});
  auto platform = testing::timed_star(tau);
  const auto trace = testing::run_for(*problem, *method, *platform, steps);

  // The replay: collect gradients computed at the current point, step after S of them.
  std::vector<algo::Vector> points = {algo::Vector::Zero(d)};
  algo::Vector sum = algo::Vector::Zero(d), g;
  std::uint64_t collected = 0, discarded = 0;
  std::vector<double> step_times;
  std::vector<std::uint64_t> discarded_at_step;
  testing::replay_always_busy(tau, steps, [&](const testing::ReplayArrival& a) {
    if (a.version != points.size() - 1) {
      ++discarded;
      return false;
    }
    problem->local(a.worker).gradient(points[a.version], g);
    sum += g;
    if (++collected < batch) return false;
    points.push_back(points.back() - gamma / batch * sum);
    sum.setZero();
    collected = 0;
    step_times.push_back(a.time);
    discarded_at_step.push_back(discarded);
    return true;
  });
  REQUIRE(trace.rows.size() == steps + 1);
  for (std::uint64_t k = 1; k <= steps; ++k) {
    CAPTURE(k);
    CHECK(trace.rows[k].time.to_seconds() == doctest::Approx(step_times[k - 1]));
    CHECK(trace.rows[k].gradients_used == batch * k);
    CHECK(trace.rows[k].gradients_discarded == discarded_at_step[k - 1]);
    CHECK(trace.rows[k].mean_delay == 0.0);  // only fresh gradients are used
    CHECK(trace.rows[k].loss == doctest::Approx(problem->loss(points[k])).epsilon(1e-12));
  }
  // By hand: w0 (t = 1) and w1 (t = 1.5) deliver fresh x⁰ gradients: step 1 at 1.5. w0 was sent
  // x⁰ again at t = 1 (no step yet), so its t = 2 gradient is stale and discarded.
  CHECK(step_times[0] == 1.5);
  CHECK(trace.rows[2].gradients_discarded >= 1);
}

TEST_CASE("rennala_sgd: with one worker, S = 1 and exact gradients it is GD, bit for bit") {
  auto problem = testing::make_quadratic_problem(1, 4);
  const sim::RngStreams streams(1);
  auto a = testing::build_method(*problem, streams,
                                 {{"name", "rennala_sgd"}, {"stepsize", 0.3}, {"batch", 1}});
  auto b = testing::build_method(*problem, streams, {{"name", "gd"}, {"stepsize", 0.3}});
  auto p1 = testing::timed_star({0.5}), p2 = testing::timed_star({0.5});
  const auto x = testing::run_for(*problem, *a, *p1, 20),
             y = testing::run_for(*problem, *b, *p2, 20);
  REQUIRE(x.rows.size() == y.rows.size());
  for (std::size_t k = 0; k < x.rows.size(); ++k) {
    CHECK(x.rows[k].loss == y.rows[k].loss);
    CHECK(x.rows[k].time == y.rows[k].time);
  }
}

TEST_CASE(
    "rennala_sgd: theory S = max(ceil(sigma^2/eps), 1) and gamma = min{1/L, eps S/(2 L sigma^2)}") {
  auto problem = testing::make_quadratic_problem(2, 3);  // L = max_i L_i = 2
  const sim::RngStreams streams(1);
  auto m = testing::build_method(*problem, streams,
                                 {{"name", "rennala_sgd"}, {"sigma_sq", 0.5}, {"eps", 0.03}});
  const auto c = m->constants();
  CHECK(c["batch"] == 17);  // ceil(0.5 / 0.03) = ceil(16.67)
  CHECK(c["stepsize"].get<double>() == doctest::Approx(std::min(0.5, 0.03 * 17 / (2 * 2 * 0.5))));
  // sigma^2 unknown (exact oracle, no problem.noise) and needed: an error naming sigma_sq.
  CHECK_THROWS_WITH_AS(testing::build_method(*problem, streams, {{"name", "rennala_sgd"}}),
                       doctest::Contains("algorithm.sigma_sq"), ConfigError);
  CHECK_THROWS_WITH_AS(
      testing::build_method(*problem, streams, {{"name", "rennala_sgd"}, {"sigma_sq", 1.0}}),
      doctest::Contains("algorithm.eps"), ConfigError);
}
