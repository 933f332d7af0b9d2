#include <cmath>

#include <doctest/doctest.h>

#include "sim/kernel/errors.hpp"
#include "test_oracles.hpp"

using namespace commsim;
using namespace commsim::testing;
using nlohmann::json;

TEST_CASE(
    "algo::vr_marina: m sample gradients on sync rounds, 2b' on compressed rounds, m for g0") {
  const int n = 3, m = 40, b = 4;
  const auto problem = make_least_squares(n, m, 6);
  auto alg = build({{"name", "vr_marina"},
                    {"batch", b},
                    {"p", 0.25},
                    {"compressor", {{"name", "randk"}, {"k", 2}}}},
                   *problem);
  RoleLoop loop(*alg, n);
  const auto ex = loop.run(400);
  CHECK(ex.front().phase == algo::Phase::setup);
  int syncs = 0;
  for (const auto& e : ex) {
    const std::uint64_t expected = e.full_sync ? m : 2 * b;  // setup is full_sync
    for (auto s : e.sample_gradients) CHECK(s == expected);
    syncs += e.phase == algo::Phase::round && e.full_sync;
  }
  CHECK(syncs > 0);
  CHECK(syncs < 400);
}

TEST_CASE(
    "algo::vr_marina: theory p = min(zeta/d, b'/(m+b')) and Theorem 3.1 stepsize with L for the "
    "mean-squared constant") {
  const int n = 4, m = 100, d = 10;
  const auto problem = make_least_squares(n, m, d);
  const json c =
      build({{"name", "vr_marina"}, {"compressor", {{"name", "randk"}, {"k", 5}}}}, *problem)
          ->constants();
  CHECK(c["batch"] == 1);  // ⌈0.01·100⌉
  const double p = std::min(0.5, 1.0 / 101.0), omega = 1.0, L = problem->constants().max_local,
               bb = 1.0;
  CHECK(c["p"].get<double>() == doctest::Approx(p));
  CHECK(c["stepsize"].get<double>() ==
        doctest::Approx(
            1.0 / (L + std::sqrt((1 - p) / (p * n) * (omega * L * L + (1 + omega) * L * L / bb)))));
}

TEST_CASE("algo::vr_marina: converges on least squares (finite sum), theory constants") {
  const auto problem = make_least_squares(3, 40, 6);
  CHECK(relative_grad_reduction(
            {{"name", "vr_marina"}, {"batch", 8}, {"compressor", {{"name", "randk"}, {"k", 2}}}},
            *problem, 6000) < 1e-8);
}

TEST_CASE(
    "algo::vr_marina_online: b on sync rounds and g0, 2b' on compressed; reaches a neighbourhood") {
  const int n = 3, m = 40;
  const auto problem = make_least_squares(n, m, 6);
  const json cfg = {{"name", "vr_marina_online"},
                    {"batch", 3},
                    {"large_batch", 25},
                    {"p", 0.2},
                    {"compressor", {{"name", "randk"}, {"k", 3}}}};
  auto alg = build(cfg, *problem);
  RoleLoop loop(*alg, n);
  for (const auto& e : loop.run(200)) {
    for (auto s : e.sample_gradients) CHECK(s == (e.full_sync ? 25u : 6u));
  }
  // With sampled sync gradients the method stalls at a neighbourhood of size O(σ²/(nb)): far
  // below the start for a large b, not at 0, and larger for a small b.
  json big = cfg;
  big["large_batch"] = 4000;
  const double small_b = relative_grad_reduction(cfg, *problem, 3000);
  const double large_b = relative_grad_reduction(big, *problem, 3000);
  CHECK(large_b < 0.02);
  CHECK(large_b > 1e-12);
  CHECK(small_b > 5.0 * large_b);
}

TEST_CASE(
    "algo::vr_marina: bad batch sizes and biased compressors are ConfigErrors at their path") {
  const auto problem = make_least_squares(2, 10, 4);
  auto where = [&](const json& cfg) -> std::string {
    try {
      build(cfg, *problem);
    } catch (const ConfigError& e) {
      return e.where();
    }
    return "no error";
  };
  CHECK(where({{"name", "vr_marina"}, {"batch", 11}}) == "algorithm.batch");
  CHECK(where({{"name", "vr_marina"}, {"batch", 0}}) == "algorithm.batch");
  CHECK(where({{"name", "vr_marina_online"}, {"large_batch", 0}}) == "algorithm.large_batch");
  CHECK(where({{"name", "vr_marina"}, {"compressor", {{"name", "topk"}}}}) ==
        "algorithm.compressor.name");
  CHECK(where({{"name", "vr_marina"}, {"p", -0.1}}) == "algorithm.p");
}
