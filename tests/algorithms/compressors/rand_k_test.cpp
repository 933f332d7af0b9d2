#include <doctest/doctest.h>

#include "algorithms/compressors/rand_k.hpp"
#include "monte_carlo.hpp"
#include "sim/kernel/errors.hpp"

using namespace commsim;
using namespace commsim::testing;

TEST_CASE(
    "algo::RandK: unbiased, E||Q(x)-x||^2 = (d/K - 1)||x||^2, exactly K nonzeros scaled by d/K") {
  const Eigen::Index d = 20;
  const auto q = make_compressor({{"name", "randk"}, {"k", 4}}, d);
  const algo::Vector x = test_vector(d);
  CHECK(q->omega(d) == doctest::Approx(4.0));
  CHECK(q->expected_nonzeros(d) == 4.0);
  CHECK(q->is_unbiased());
  const Moments m = estimate(*q, x, 40000, 11);
  check_unbiased(m, x);
  // RandK's variance is an equality: E||Q(x)||² = (d/K)||x||².
  CHECK(std::abs(m.error_sq - 4.0 * x.squaredNorm()) <= 5.0 * m.error_sq_se);

  sim::Rng rng(3);
  algo::Vector out;
  q->compress(x, rng, {}, out);
  int nonzeros = 0;
  for (Eigen::Index j = 0; j < d; ++j) {
    if (out[j] != 0.0) {
      ++nonzeros;
      CHECK(out[j] == doctest::Approx(5.0 * x[j]));
    }
  }
  CHECK(nonzeros == 4);
}

TEST_CASE("algo::RandK: bits per policy") {
  const Eigen::Index d = 100;  // ⌈log2 100⌉ = 7
  const algo::Vector x = test_vector(d);
  sim::Rng rng(1);
  algo::Vector out;
  CHECK(make_compressor({{"name", "randk"}, {"k", 10}}, d)->compress(x, rng, {}, out) == 320);
  CHECK(make_compressor({{"name", "randk"}, {"k", 10}}, d, 64)->compress(x, rng, {}, out) == 640);
  CHECK(make_compressor({{"name", "randk"}, {"k", 10}, {"bits", "explicit_indices"}}, d)
            ->compress(x, rng, {}, out) == 320 + 70);
  // With 50 indices a 100-bit mask is cheaper than 350 bits of indices.
  CHECK(make_compressor({{"name", "randk"}, {"k", 50}, {"bits", "explicit_indices"}}, d)
            ->compress(x, rng, {}, out) == 1600 + 100);
  CHECK(make_compressor({{"name", "randk"}, {"k", 10}, {"bits", "shared_seed"}}, d)
            ->compress(x, rng, {}, out) == 320 + 64);
  CHECK(make_compressor({{"name", "randk"}, {"fraction", 0.25}}, d)->expected_nonzeros(d) == 25.0);
}

TEST_CASE("algo::RandK: invalid k is a ConfigError at its path") {
  auto error_of = [](const nlohmann::json& cfg) -> std::string {
    try {
      make_compressor(cfg, 10);
    } catch (const ConfigError& e) {
      return e.where();
    }
    return "no error";
  };
  CHECK(error_of({{"name", "randk"}, {"k", 0}}) == "algorithm.compressor.k");
  CHECK(error_of({{"name", "randk"}, {"k", 11}}) == "algorithm.compressor.k");
  CHECK(error_of({{"name", "randk"}, {"k", 2}, {"fraction", 0.5}}) ==
        "algorithm.compressor.fraction");
  CHECK(error_of({{"name", "randk"}, {"fraction", 1.5}}) == "algorithm.compressor.fraction");
  CHECK(error_of({{"name", "randk"}, {"kk", 2}}) == "algorithm.compressor.kk");
}

TEST_CASE("algo::RandK: k or fraction, not both; neither means k = 1, recorded as given") {
  auto resolved_of = [](const nlohmann::json& cfg) {
    sim::Json resolved = sim::Json::object();
    sim::JsonReader reader(cfg, "algorithm.compressor", &resolved);
    algo::compressor_registry().read(reader);
    reader.finish();
    return resolved;
  };
  // Neither: k = 1 is the default, and the resolved scenario says so.
  CHECK(resolved_of({{"name", "randk"}})["k"] == 1);
  // A fraction alone stays a fraction (re-running the resolved scenario reads the same).
  const sim::Json fraction = resolved_of({{"name", "randk"}, {"fraction", 0.25}});
  CHECK(fraction["fraction"] == 0.25);
  CHECK(!fraction.contains("k"));
  CHECK(make_compressor({{"name", "randk"}, {"fraction", 0.25}}, 20)->omega(20) ==
        doctest::Approx(20.0 / 5.0 - 1.0));
  // Both, even k = 1 (the default's value), is an error at the fraction.
  try {
    resolved_of({{"name", "randk"}, {"k", 1}, {"fraction", 0.5}});
    FAIL("k and fraction together were accepted");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).find("algorithm.compressor.fraction") != std::string::npos);
    CHECK(std::string(e.what()).find("not both") != std::string::npos);
  }
}
