#include <cmath>
#include <set>
#include <string>

#include <doctest/doctest.h>

#include "sim/kernel/errors.hpp"
#include "test_oracles.hpp"

using namespace commsim;
using namespace commsim::testing;
using nlohmann::json;

TEST_CASE(
    "algo::algorithm_registry: every method builds from defaults, reports its constants and takes "
    "finite steps") {
  const auto problem = make_least_squares(3, 20, 6);
  std::set<std::string> names;
  for (const auto& entry : algo::algorithm_registry().entries()) {
    names.insert(entry.name);
    CHECK_FALSE(entry.description.empty());
    json cfg = {{"name", entry.name}};
    if (entry.name == "pp_marina") cfg["r"] = 2;
    auto alg = build(cfg, *problem);
    const json c = alg->constants();
    REQUIRE(c.contains("stepsize"));
    CHECK(c["stepsize"].get<double>() > 0.0);
    RoleLoop loop(*alg, 3);
    loop.run(20);
    CHECK(loop.iterate().allFinite());
    CHECK(grad_norm_sq(*problem, loop.iterate()) < grad_norm_sq(*problem, algo::Vector::Zero(6)));
  }
  for (const char* required : {"gd", "diana", "vr_diana", "marina", "vr_marina", "vr_marina_online",
                               "pp_marina", "ef21", "dasha"}) {
    CHECK(names.count(required) == 1);
  }
}

TEST_CASE(
    "algo::algorithm_registry: unknown keys are rejected with their path, in the method and its "
    "compressor") {
  const auto problem = make_least_squares(2, 10, 4);
  auto where = [&](const json& cfg) -> std::string {
    try {
      build(cfg, *problem);
    } catch (const ConfigError& e) {
      return e.where();
    }
    return "no error";
  };
  CHECK(where({{"name", "marina"}, {"pp", 0.5}}) == "algorithm.pp");
  CHECK(where({{"name", "diana"}, {"compressor", {{"name", "randk"}, {"levels", 2}}}}) ==
        "algorithm.compressor.levels");
  CHECK(where({{"name", "marina"}, {"float_bits", 16}}) == "algorithm.float_bits");
  CHECK(where({{"name", "marina"}, {"compressor", {{"name", "nope"}}}}) ==
        "algorithm.compressor.name");
}

TEST_CASE("algo: float_bits = 64 doubles every dense and value count") {
  const auto problem = make_least_squares(2, 10, 4);
  auto alg = build({{"name", "marina"},
                    {"float_bits", 64},
                    {"p", 0.5},
                    {"compressor", {{"name", "randk"}, {"k", 1}}}},
                   *problem);
  RoleLoop loop(*alg, 2);
  for (const auto& e : loop.run(30)) {
    CHECK(e.bits_down == static_cast<sim::Bits>(2 * 64 * 4));
    CHECK(e.bits_up == static_cast<sim::Bits>(2 * 64 * (e.full_sync ? 4 : 1)));
  }
}
