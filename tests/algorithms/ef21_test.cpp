#include <cmath>
#include <string>

#include <doctest/doctest.h>

#include "sim/kernel/errors.hpp"
#include "test_oracles.hpp"

using namespace commsim;
using namespace commsim::testing;
using nlohmann::json;

TEST_CASE("algo::ef21: identity compressor reproduces GD; theory stepsize is 1/L then") {
  const auto problem = make_least_squares(3, 20, 5);
  const double gamma = 0.6 / problem->constants().max_local;
  auto gd = build({{"name", "gd"}, {"stepsize", gamma}}, *problem);
  auto ef = build({{"name", "ef21"}, {"stepsize", gamma}}, *problem);
  RoleLoop a(*gd, 3), b(*ef, 3);
  CHECK(b.step().phase == algo::Phase::setup);
  for (int k = 0; k < 40; ++k) {
    a.step();
    b.step();
    CHECK((a.iterate() - b.iterate()).norm() <= 1e-12);
  }
  CHECK(build({{"name", "ef21"}}, *problem)->constants()["stepsize"].get<double>() ==
        doctest::Approx(1.0 / problem->constants().max_local));
}

TEST_CASE("algo::ef21: TopK theory stepsize and convergence; K floats per worker per round") {
  const int n = 3, d = 8, K = 2;
  const auto problem = make_least_squares(n, 20, d);
  const json cfg = {{"name", "ef21"}, {"compressor", {{"name", "topk"}, {"k", K}}}};
  auto alg = build(cfg, *problem);
  const double a = 0.25, L = problem->constants().max_local;
  const double theta = 1 - std::sqrt(1 - a), beta = (1 - a) / (1 - std::sqrt(1 - a));
  CHECK(alg->constants()["stepsize"].get<double>() ==
        doctest::Approx(1.0 / (L * (1 + std::sqrt(beta / theta)))));
  RoleLoop loop(*alg, n);
  const auto ex = loop.run(5);
  CHECK(ex[0].bits_up == static_cast<sim::Bits>(n * 32 * d));
  for (std::size_t t = 1; t < ex.size(); ++t)
    CHECK(ex[t].bits_up == static_cast<sim::Bits>(n * 32 * K));
  CHECK(relative_grad_reduction(cfg, *problem, 4000) < 1e-8);
}

TEST_CASE("algo::ef21: non-contractive compressors are rejected") {
  const auto problem = make_least_squares(2, 10, 4);
  try {
    build({{"name", "ef21"}, {"compressor", {{"name", "randk"}, {"k", 1}}}}, *problem);
    FAIL("expected ConfigError");
  } catch (const ConfigError& e) {
    CHECK(e.where() == "algorithm.compressor.name");
  }
}
