#include <cmath>

#include <doctest/doctest.h>

#include "sim/kernel/errors.hpp"
#include "test_oracles.hpp"

using namespace commsim;
using namespace commsim::testing;
using nlohmann::json;

TEST_CASE("algo::dasha: identity compressor (a = 1) reproduces GD") {
  const auto problem = make_least_squares(3, 20, 5);
  const double gamma = 0.6 / problem->constants().max_local;
  auto gd = build({{"name", "gd"}, {"stepsize", gamma}}, *problem);
  auto dasha = build({{"name", "dasha"}, {"stepsize", gamma}}, *problem);
  CHECK(dasha->constants()["momentum"] == 1.0);
  RoleLoop a(*gd, 3), b(*dasha, 3);
  b.step();  // setup: h_i = g_i = ∇f_i(x⁰)
  for (int k = 0; k < 40; ++k) {
    a.step();
    b.step();
    CHECK((a.iterate() - b.iterate()).norm() <= 1e-12);
  }
}

TEST_CASE("algo::dasha: theory constants and convergence with RandK, no sync rounds") {
  const int n = 4, d = 8;
  const auto problem = make_least_squares(n, 20, d);
  const json cfg = {{"name", "dasha"}, {"compressor", {{"name", "randk"}, {"k", 2}}}};
  auto alg = build(cfg, *problem);
  const double omega = 3.0, L = problem->constants().max_local,
               Lh = problem->constants().quadratic_mean;
  CHECK(alg->constants()["momentum"].get<double>() == doctest::Approx(1.0 / 7.0));
  CHECK(alg->constants()["stepsize"].get<double>() ==
        doctest::Approx(1.0 / (L + std::sqrt(16 * omega * (2 * omega + 1) / n) * Lh)));
  RoleLoop loop(*alg, n);
  const auto ex = loop.run(20);
  for (std::size_t t = 1; t < ex.size(); ++t) {
    CHECK_FALSE(ex[t].full_sync);
    CHECK(ex[t].bits_up == static_cast<sim::Bits>(n * 2 * 32));
  }
  CHECK(relative_grad_reduction(cfg, *problem, 8000) < 1e-8);
}

TEST_CASE("algo::dasha: biased compressor rejected") {
  const auto problem = make_least_squares(2, 10, 4);
  CHECK_THROWS_AS(
      build({{"name", "dasha"}, {"compressor", {{"name", "topk"}, {"k", 1}}}}, *problem),
      ConfigError);
}
