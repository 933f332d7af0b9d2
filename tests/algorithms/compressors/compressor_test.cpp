#include <string>

#include <doctest/doctest.h>

#include "algorithms/compressors/compressor.hpp"
#include "monte_carlo.hpp"
#include "sim/kernel/errors.hpp"

using namespace commsim;
using namespace commsim::testing;

TEST_CASE("algo::build_compressor: default identity, unknown names list the valid ones") {
  const auto id = make_compressor(nlohmann::json::object(), 5);
  CHECK(id->name() == "identity");
  CHECK(id->omega(5) == 0.0);
  const algo::Vector x = test_vector(5);
  sim::Rng rng(1);
  algo::Vector out;
  CHECK(id->compress(x, rng, {}, out) == 5 * 32);
  CHECK(out == x);
  CHECK(make_compressor(nlohmann::json::object(), 5, 64)->compress(x, rng, {}, out) == 5 * 64);
  try {
    make_compressor({{"name", "randdk"}}, 5);
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK(e.where() == "algorithm.compressor.name");
    const std::string what = e.what();
    CHECK(what.find("randk") != std::string::npos);
    CHECK(what.find("dithering") != std::string::npos);
  }
  CHECK_THROWS_AS(make_compressor({{"name", "randk"}, {"bits", "free"}}, 5), ConfigError);
}

TEST_CASE("algo::sparse_bits and index_bits") {
  CHECK(algo::index_bits(1) == 0);
  CHECK(algo::index_bits(2) == 1);
  CHECK(algo::index_bits(113) == 7);
  CHECK(algo::index_bits(128) == 7);
  CHECK(algo::index_bits(129) == 8);
  CHECK(algo::sparse_bits(3, 113, 32, algo::BitPolicy::paper) == 96);
  CHECK(algo::sparse_bits(3, 113, 32, algo::BitPolicy::explicit_indices) == 96 + 21);
  CHECK(algo::sparse_bits(3, 113, 32, algo::BitPolicy::shared_seed) == 96 + 64);
  CHECK(algo::compressor_registry().entries().size() == 6);
}
