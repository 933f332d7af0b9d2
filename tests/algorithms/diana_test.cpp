#include <cmath>

#include <doctest/doctest.h>

#include "algorithms/diana.hpp"
#include "sim/kernel/errors.hpp"
#include "test_oracles.hpp"

using namespace commsim;
using namespace commsim::testing;
using nlohmann::json;

TEST_CASE(
    "algo::diana: identity compressor (alpha = 1) reproduces GD's iterates, both estimators") {
  const auto problem = make_least_squares(3, 20, 5);
  const double gamma = 0.7 / problem->constants().max_local;
  for (const char* estimator : {"paper", "code"}) {
    auto gd = build({{"name", "gd"}, {"stepsize", gamma}}, *problem);
    auto diana =
        build({{"name", "diana"}, {"stepsize", gamma}, {"estimator", estimator}}, *problem);
    CHECK(diana->constants()["alpha"] == 1.0);
    RoleLoop a(*gd, 3), b(*diana, 3);
    for (int k = 0; k < 60; ++k) {
      a.step();
      b.step();
      CHECK((a.iterate() - b.iterate()).norm() <= 1e-12);
    }
  }
}

TEST_CASE("algo::diana: theory constants are the authors' formula with M = 1") {
  const auto problem = make_least_squares(5, 10, 12);
  auto alg = build({{"name", "diana"}, {"compressor", {{"name", "randk"}, {"k", 3}}}}, *problem);
  const json c = alg->constants();
  const double L = problem->constants().max_local, omega = 3.0, n = 5.0;
  CHECK(c["alpha"].get<double>() == doctest::Approx(0.25));
  CHECK(c["stepsize"].get<double>() ==
        doctest::Approx(1.0 / (10 * L * std::sqrt(1 + omega / n) * (2 + omega))));
}

TEST_CASE("algo::diana: on a strongly convex problem x -> x* and the shifts h_i -> grad f_i(x*)") {
  const int n = 3, d = 5;
  const auto problem = make_least_squares(n, 20, d);
  auto alg = build({{"name", "diana"},
                    {"stepsize", {{"theory_multiplier", 4}}},
                    {"compressor", {{"name", "randk"}, {"k", 2}}}},
                   *problem);
  RoleLoop loop(*alg, n);
  const auto ex = loop.run(6000);
  for (const auto& e : ex) CHECK(e.bits_up == static_cast<sim::Bits>(n * 2 * 32));
  const algo::Vector& x_star = *problem->optimum();
  CHECK((loop.iterate() - x_star).norm() <= 1e-6 * (1.0 + x_star.norm()));
  // The server's h is the mean of the shifts and tends to mean ∇f_i(x*) = ∇f(x*) = 0.
  const auto& server = dynamic_cast<const algo::DianaServer&>(loop.server());
  CHECK(server.shift().norm() <= 1e-6);
  // Worker i's message is Q(∇f_i(x^k) − h_i), which is 0 for every mask only when h_i = ∇f_i(x^k):
  // over 50 more rounds (many different masks) every message stays tiny, so h_i → ∇f_i(x*),
  // although the local gradients at x* are far from 0 (heterogeneous data).
  for (int k = 0; k < 50; ++k) {
    loop.step();
    for (const algo::Uplink* u : loop.last_uplinks()) CHECK(u->payload.norm() <= 1e-6);
  }
  algo::Vector gi;
  double max_local_grad = 0.0;
  for (int i = 0; i < n; ++i) {
    problem->local(i).gradient(x_star, gi);
    max_local_grad = std::max(max_local_grad, gi.norm());
  }
  CHECK(max_local_grad > 0.1);  // heterogeneous: shifts must be learned, not zero
}

TEST_CASE("algo::diana: bad inputs") {
  const auto problem = make_least_squares(2, 10, 4);
  CHECK_THROWS_AS(
      build({{"name", "diana"}, {"compressor", {{"name", "topk"}, {"k", 1}}}}, *problem),
      ConfigError);
  CHECK_THROWS_AS(build({{"name", "diana"}, {"alpha", 0}}, *problem), ConfigError);
  CHECK_THROWS_AS(build({{"name", "diana"}, {"estimator", "mine"}}, *problem), ConfigError);
}
