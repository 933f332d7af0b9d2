#include <cmath>

#include <doctest/doctest.h>

#include "sim/kernel/errors.hpp"
#include "test_oracles.hpp"

using namespace commsim;
using namespace commsim::testing;
using nlohmann::json;

TEST_CASE(
    "algo::vr_diana: sample gradients per round are 2b' (+m on refresh rounds, +m in round 1)") {
  const int n = 2, m = 30, b = 3;
  const auto problem = make_least_squares(n, m, 5);
  auto alg =
      build({{"name", "vr_diana"}, {"batch", b}, {"compressor", {{"name", "randk"}, {"k", 2}}}},
            *problem);
  CHECK(alg->constants()["refresh_probability"].get<double>() ==
        doctest::Approx(0.1));  // 1/M = b'/m
  RoleLoop loop(*alg, n);
  const auto ex = loop.run(300);
  int refreshes = 0;
  for (std::size_t t = 0; t < ex.size(); ++t) {
    const std::uint64_t expected = 2 * b + (ex[t].full_sync ? m : 0) + (t == 0 ? m : 0);
    for (auto s : ex[t].sample_gradients) CHECK(s == expected);
    CHECK(ex[t].bits_up == static_cast<sim::Bits>(n * 2 * 32));
    refreshes += ex[t].full_sync;
  }
  CHECK(refreshes > 0);
}

TEST_CASE("algo::vr_diana: theory stepsize with M = m/b' and convergence to the exact minimiser") {
  const int n = 3, m = 40, d = 5;
  const auto problem = make_least_squares(n, m, d);
  const json cfg = {{"name", "vr_diana"},
                    {"batch", 4},
                    {"stepsize", {{"theory_multiplier", 4}}},
                    {"compressor", {{"name", "randk"}, {"k", 2}}}};
  auto alg = build(cfg, *problem);
  const double L = problem->constants().max_local, omega = 1.5, M = 10.0;
  CHECK(alg->constants()["stepsize_theory"].get<double>() ==
        doctest::Approx(
            1.0 / (10 * L * std::sqrt(1 + omega / n) * (std::pow(M, 2.0 / 3.0) + omega + 1))));
  RoleLoop loop(*alg, n);
  loop.run(15000);
  // Variance reduction: the iterate reaches x* itself, not a noise floor.
  CHECK((loop.iterate() - *problem->optimum()).norm() <= 1e-5 * (1.0 + problem->optimum()->norm()));
}

TEST_CASE("algo::vr_diana: bad batch") {
  const auto problem = make_least_squares(2, 10, 4);
  CHECK_THROWS_AS(build({{"name", "vr_diana"}, {"batch", 20}}, *problem), ConfigError);
  CHECK_THROWS_AS(build({{"name", "vr_diana"}, {"refresh_probability", 2}}, *problem), ConfigError);
}
