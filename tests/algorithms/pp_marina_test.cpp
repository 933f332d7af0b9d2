#include <cmath>
#include <numeric>

#include <doctest/doctest.h>

#include "sim/errors.hpp"
#include "test_oracles.hpp"

using namespace commsim;
using namespace commsim::testing;
using nlohmann::json;

TEST_CASE("algo::pp_marina: r = n without replacement equals MARINA on the same seed") {
  // The coin comes from the same "server_coin" stream and every client uploads every round, so
  // the draws of "participation" are the only extra randomness and do not touch the maths.
  const int n = 4;
  const auto problem = make_least_squares(n, 20, 8);
  const double gamma = 0.3 / problem->constants().max_local;
  const json q = {{"name", "randk"}, {"k", 2}};
  auto marina = build({{"name", "marina"}, {"p", 0.2}, {"stepsize", gamma}, {"compressor", q}}, *problem, 9);
  auto pp = build({{"name", "pp_marina"}, {"r", n}, {"sampling", "without_replacement"}, {"p", 0.2},
                   {"stepsize", gamma}, {"compressor", q}},
                  *problem, 9);
  RoleLoop a(*marina, n), b(*pp, n);
  for (int k = 0; k < 200; ++k) {
    const auto ea = a.step();
    const auto eb = b.step();
    CHECK(ea.full_sync == eb.full_sync);
    CHECK(ea.bits_up == eb.bits_up);
    CHECK((a.iterate() - b.iterate()).norm() <= 1e-12);
  }
}

TEST_CASE("algo::pp_marina: r draws per compressed round, all n on sync rounds, bits and stale-cache work") {
  const int n = 5, m = 12, d = 10, r = 2, K = 1;
  const auto problem = make_least_squares(n, m, d);
  auto alg = build({{"name", "pp_marina"}, {"r", r}, {"p", 0.1}, {"compressor", {{"name", "randk"}, {"k", K}}}}, *problem);
  RoleLoop loop(*alg, n);
  const int rounds = 3000;
  const auto ex = loop.run(rounds);
  std::vector<bool> fresh(n, true);  // after the setup exchange every cache is current
  double bits = 0.0;
  int doubles = 0;
  for (std::size_t t = 1; t < ex.size(); ++t) {
    const auto& e = ex[t];
    const auto total = std::accumulate(e.uploads.begin(), e.uploads.end(), 0u);
    CHECK(total == (e.full_sync ? static_cast<unsigned>(n) : static_cast<unsigned>(r)));
    CHECK(e.bits_down == static_cast<sim::Bits>(n * 32 * d));  // idle clients still get g^k
    bits += e.bits_up;
    for (int i = 0; i < n; ++i) {
      const auto u = e.uploads[i];
      doubles += u == 2;
      if (u == 0) {
        CHECK(e.sample_gradients[i] == 0u);
        fresh[i] = false;
      } else {
        // A client idle in the previous round recomputes ∇f_i(x^k) as well: 2m, else m.
        const bool compressed = !e.full_sync;
        CHECK(e.sample_gradients[i] == static_cast<std::uint64_t>(compressed && !fresh[i] ? 2 * m : m));
        fresh[i] = true;
      }
    }
  }
  CHECK(doubles > 0);  // with replacement, some client is drawn twice
  const double p = 0.1, mean = bits / rounds, expected = p * n * 32 * d + (1 - p) * r * 32 * K;
  // Round bits are r·32K + (n·32d − r·32K)·Bernoulli(p); 5 standard errors.
  CHECK(std::abs(mean - expected) <= 5.0 * (n * 32 * d - r * 32 * K) * std::sqrt(p * (1 - p) / rounds));
}

TEST_CASE("algo::pp_marina: theory constants (Theorem 4.1) and convergence") {
  const int n = 4, d = 8;
  const auto problem = make_least_squares(n, 20, d);
  const json cfg = {{"name", "pp_marina"}, {"r", 2}, {"compressor", {{"name", "randk"}, {"k", 2}}}};
  const json c = build(cfg, *problem)->constants();
  const double omega = 3.0, p = 2.0 / (4.0 * 4.0), L = problem->constants().max_local;
  CHECK(c["p"].get<double>() == doctest::Approx(p));
  CHECK(c["stepsize"].get<double>() == doctest::Approx(1.0 / (L * (1 + std::sqrt((1 - p) * (1 + omega) / (p * 2))))));
  CHECK(relative_grad_reduction(cfg, *problem, 6000) < 1e-8);
}

TEST_CASE("algo::pp_marina: r outside [1, n] and unknown sampling are ConfigErrors") {
  const auto problem = make_least_squares(3, 10, 4);
  auto where = [&](const json& cfg) -> std::string {
    try {
      build(cfg, *problem);
    } catch (const ConfigError& e) {
      return e.where();
    }
    return "no error";
  };
  CHECK(where({{"name", "pp_marina"}, {"r", 4}}) == "algorithm.r");
  CHECK(where({{"name", "pp_marina"}, {"r", 0}}) == "algorithm.r");
  CHECK(where({{"name", "pp_marina"}}) == "algorithm.r");
  CHECK(where({{"name", "pp_marina"}, {"r", 2}, {"sampling", "poisson"}}) == "algorithm.sampling");
}
