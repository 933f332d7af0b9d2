#include <cmath>
#include <string>

#include <doctest/doctest.h>

#include "algorithms/marina_core.hpp"
#include "sim/kernel/errors.hpp"
#include "test_oracles.hpp"

using namespace commsim;
using namespace commsim::testing;
using nlohmann::json;

namespace {

std::string error_path(const json& config, const algo::Problem& problem) {
  try {
    build(config, problem);
  } catch (const ConfigError& e) {
    return e.where();
  }
  return "no error";
}

}  // namespace

TEST_CASE("algo::marina: identity compressor and p = 1 reproduce GD's iterates") {
  const auto problem = make_least_squares(4, 30, 6);
  const double gamma = 0.5 / problem->constants().max_local;
  auto gd = build({{"name", "gd"}, {"stepsize", gamma}}, *problem);
  auto marina =
      build({{"name", "marina"}, {"stepsize", gamma}}, *problem);  // identity: p theory = 1
  CHECK(marina->constants()["p"] == 1.0);
  RoleLoop a(*gd, 4), b(*marina, 4);
  CHECK(b.step().phase == algo::Phase::setup);
  for (int k = 0; k < 50; ++k) {
    a.step();
    b.step();
    CHECK((a.iterate() - b.server().iterate()).norm() <= 1e-12);
  }
  // Theory with ω = 0 is γ = 1/L.
  CHECK(build({{"name", "marina"}}, *problem)->constants()["stepsize"].get<double>() ==
        doctest::Approx(1.0 / problem->constants().max_local));
}

TEST_CASE("algo::marina: theory constants for RandK match Theorem 2.1 and the code formula") {
  const auto problem = make_least_squares(5, 20, 10);
  auto alg = build({{"name", "marina"}, {"compressor", {{"name", "randk"}, {"k", 2}}}}, *problem);
  const json c = alg->constants();
  const double L = problem->constants().max_local, omega = 4.0, n = 5.0, p = 0.2;
  CHECK(c["omega"].get<double>() == doctest::Approx(omega));
  CHECK(c["p"].get<double>() == doctest::Approx(p));
  CHECK(c["stepsize"].get<double>() ==
        doctest::Approx(1.0 / (L * (1.0 + std::sqrt((1 - p) * omega / (p * n))))));
  // At p = 1/(1+ω) the code's 1/(L(1 + ω/√n)) coincides with the theorem.
  CHECK(c["stepsize_code"].get<double>() == doctest::Approx(c["stepsize"].get<double>()));
}

TEST_CASE("algo::marina: mean uplink bits per round = p·32d + (1-p)·32K per worker (statistical)") {
  const int n = 3, d = 20, K = 2;
  const auto problem = make_least_squares(n, 25, d);
  const double p = 0.2;
  auto alg = build({{"name", "marina"}, {"p", p}, {"compressor", {{"name", "randk"}, {"k", K}}}},
                   *problem);
  RoleLoop loop(*alg, n);
  const int rounds = 4000;
  const auto ex = loop.run(rounds);
  REQUIRE(ex.front().phase == algo::Phase::setup);
  CHECK(ex.front().bits_up == static_cast<sim::Bits>(n * 32 * d));  // the counted g⁰ exchange
  double total = 0.0;
  int syncs = 0;
  for (std::size_t i = 1; i < ex.size(); ++i) {
    total += static_cast<double>(ex[i].bits_up) / n;
    CHECK(ex[i].bits_up == static_cast<sim::Bits>(n * 32 * (ex[i].full_sync ? d : K)));
    CHECK(ex[i].bits_down == static_cast<sim::Bits>(n * 32 * d));
    syncs += ex[i].full_sync;
  }
  const double mean = total / rounds;
  const double expected = p * 32 * d + (1 - p) * 32 * K;
  // Per-round bits are 32K + 32(d−K)·Bernoulli(p): sd = 32(d−K)√(p(1−p)); 5 standard errors.
  const double tolerance = 5.0 * 32.0 * (d - K) * std::sqrt(p * (1 - p) / rounds);
  CHECK(std::abs(mean - expected) <= tolerance);
  CHECK(std::abs(syncs / double(rounds) - p) <= 5.0 * std::sqrt(p * (1 - p) / rounds));
}

TEST_CASE(
    "algo::marina: one full local gradient per round (cached), both when the g0 exchange is "
    "skipped") {
  const int n = 2, m = 15;
  const auto problem = make_least_squares(n, m, 5);
  auto alg = build({{"name", "marina"}, {"p", 0.3}, {"compressor", {{"name", "randk"}, {"k", 1}}}},
                   *problem);
  RoleLoop loop(*alg, n);
  for (const auto& e : loop.run(50)) {
    for (auto s : e.sample_gradients) CHECK(s == static_cast<std::uint64_t>(m));
  }
  auto skip = build({{"name", "marina"},
                     {"p", 1e-9},
                     {"initial_exchange", false},
                     {"compressor", {{"name", "randk"}, {"k", 1}}}},
                    *problem);
  RoleLoop loop2(*skip, n);
  const auto ex = loop2.run(3);
  REQUIRE(ex.size() == 3);
  CHECK(ex[0].phase == algo::Phase::round);
  CHECK(ex[0].sample_gradients[0] == static_cast<std::uint64_t>(2 * m));  // no cached ∇f_i(x⁰) yet
  CHECK(ex[1].sample_gradients[0] == static_cast<std::uint64_t>(m));
}

TEST_CASE("algo::marina: converges on a least-squares problem with RandK and theory constants") {
  const auto problem = make_least_squares(4, 30, 8);
  for (bool skip : {false, true}) {
    const json cfg = {{"name", "marina"},
                      {"initial_exchange", !skip},
                      {"compressor", {{"name", "randk"}, {"k", 2}}}};
    CHECK(relative_grad_reduction(cfg, *problem, 3000) < 1e-8);
  }
  CHECK(relative_grad_reduction(
            {{"name", "marina"}, {"p", 0.3}, {"compressor", {{"name", "natural"}}}}, *problem,
            600) < 1e-8);
}

TEST_CASE("algo::marina: shared RandK masks multiply the aggregated estimator's variance by n") {
  // Identical workers, so Δ_i = Δ for all i. After one compressed round,
  // g¹ − ∇f(x¹) = mean_i Q_i(Δ) − Δ, whose mean square is ω‖Δ‖²/n with independent masks and
  // ω‖Δ‖² with one shared mask (RandK's variance is an equality).
  const int n = 4, d = 10, K = 1;
  const auto problem = make_least_squares(n, 20, d, 3, /*identical=*/true);
  const double omega = d / double(K) - 1.0;
  const double gamma = 0.5 / problem->constants().max_local;
  for (bool shared : {false, true}) {
    const int seeds = 2000;
    double sum = 0.0, sum_sq = 0.0, delta_sq = 0.0;
    for (int s = 0; s < seeds; ++s) {
      auto alg = build({{"name", "marina"},
                        {"p", 1e-12},
                        {"stepsize", gamma},
                        {"shared_compressor_seed", shared},
                        {"compressor", {{"name", "randk"}, {"k", K}}}},
                       *problem, 100 + s);
      RoleLoop loop(*alg, n);
      loop.run(1);
      const auto& server = dynamic_cast<const algo::AccumulatingServer&>(loop.server());
      algo::Vector g0, g1;
      problem->gradient(algo::Vector::Zero(d), g0);
      problem->gradient(server.iterate(), g1);
      delta_sq = (g1 - g0).squaredNorm();
      const double err = (server.estimator() - g1).squaredNorm();
      sum += err;
      sum_sq += err * err;
    }
    const double mean = sum / seeds, se = std::sqrt((sum_sq / seeds - mean * mean) / seeds);
    const double expected = omega * delta_sq / (shared ? 1.0 : n);
    CHECK(std::abs(mean - expected) <= 5.0 * se);
  }
}

TEST_CASE("algo::marina: bad inputs are ConfigErrors at their JSON path") {
  const auto problem = make_least_squares(3, 10, 4);
  CHECK(error_path({{"name", "marina"}, {"p", 0.0}}, *problem) == "algorithm.p");
  CHECK(error_path({{"name", "marina"}, {"p", 1.5}}, *problem) == "algorithm.p");
  CHECK(error_path({{"name", "marina"}, {"p", "often"}}, *problem) == "algorithm.p");
  CHECK(error_path({{"name", "marina"}, {"compressor", {{"name", "topk"}, {"k", 1}}}}, *problem) ==
        "algorithm.compressor.name");
  CHECK(error_path({{"name", "marina"}, {"compressor", {{"name", "randk"}, {"k", 5}}}}, *problem) ==
        "algorithm.compressor.k");
  CHECK(error_path({{"name", "marina"}, {"compressor", "identity"}}, *problem) ==
        "algorithm.compressor");
  CHECK(error_path({{"name", "marina"}, {"batch", 3}}, *problem) == "algorithm.batch");
  try {
    build({{"name", "marina"}, {"compressor", {{"name", "topk"}, {"k", 1}}}}, *problem);
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).find("use ef21") != std::string::npos);
  }
}

TEST_CASE(
    "algo::marina: with PermK the workers' compressed uplinks together carry exactly d values, and "
    "it converges") {
  const int n = 3, d = 7;  // n does not divide d: blocks of ⌈d/n⌉ slots with dummies
  const auto problem = make_least_squares(n, 20, d);
  const json cfg = {{"name", "marina"}, {"compressor", {{"name", "permk"}}}};
  auto alg = build(cfg, *problem);
  CHECK(alg->constants()["omega"].get<double>() == doctest::Approx(n - 1.0));
  CHECK(alg->constants()["p"].get<double>() == doctest::Approx(1.0 / n));  // ζ/d = (d/n)/d
  RoleLoop loop(*alg, n);
  for (const auto& e : loop.run(200)) {
    if (e.phase == algo::Phase::round && !e.full_sync)
      CHECK(e.bits_up == static_cast<sim::Bits>(32 * d));
  }
  CHECK(relative_grad_reduction(cfg, *problem, 3000) < 1e-8);
}

TEST_CASE(
    "algo::marina: the published iterate is each worker's own step x^k - γ g^k, bit for bit") {
  // Workers read the algorithm's SharedIterates instead of keeping n replicas; that is exact
  // only if the published x^{k+1} is what a worker stepping on its own copy would hold.
  const auto problem = make_least_squares(4, 30, 8);
  for (const char* method : {"marina", "pp_marina", "ef21", "dasha"}) {
    CAPTURE(method);
    const std::string name = method;
    json config = {{"name", method},
                   {"compressor", {{"name", name == "ef21" ? "topk" : "randk"}, {"k", 3}}}};
    if (name == "pp_marina") config["r"] = 2;
    auto alg = build(config, *problem);
    const double gamma = alg->constants()["stepsize"].get<double>();
    const auto& shared = dynamic_cast<const algo::AccumulatingAlgorithm&>(*alg).iterates();
    RoleLoop loop(*alg, 4);
    Vector replica = Vector::Zero(8);  // what a worker keeping its own x would hold
    loop.step();                       // the setup exchange, at x^0
    for (int k = 0; k < 40; ++k) {
      const algo::Downlink& d = loop.next();
      REQUIRE(shared.x != nullptr);
      REQUIRE(shared.x_next != nullptr);
      CHECK(shared.x->cwiseEqual(replica).all());
      replica -= gamma * d.payload;
      const Vector published = *shared.x_next;
      CHECK(published.cwiseEqual(replica).all());
      loop.step();
      CHECK(loop.iterate().cwiseEqual(published).all());
    }
    CHECK(replica.norm() > 0.0);
  }
}

TEST_CASE("algo::marina: a later server of the same algorithm leaves a finished one's iterate") {
  // The runtime parity test runs a role loop, then a runtime, on one algorithm object and then
  // compares the loop's iterate: the second server must publish its own vectors, not overwrite
  // the first one's.
  const auto problem = make_least_squares(3, 20, 5);
  auto alg = build({{"name", "marina"}, {"compressor", {{"name", "randk"}, {"k", 2}}}}, *problem);
  RoleLoop first(*alg, 3);
  first.run(30);
  const Vector finished = first.iterate();
  RoleLoop second(*alg, 3);
  second.run(5);
  CHECK(first.iterate().cwiseEqual(finished).all());
  CHECK(!second.iterate().cwiseEqual(finished).all());
  const auto& shared = dynamic_cast<const algo::AccumulatingAlgorithm&>(*alg).iterates();
  CHECK(shared.x == &second.iterate());
}
