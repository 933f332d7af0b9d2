#include <cmath>
#include <set>
#include <string>

#include <doctest/doctest.h>

#include "event_test_support.hpp"
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
    // Methods whose stepsize has no theory value here need one.
    if (entry.name == "asgd") cfg["stepsize"] = 0.05;
    // Stochastic methods' theory needs sigma^2 (these test oracles are exact).
    if (entry.name == "rennala_sgd" || entry.name == "ringmaster_asgd" ||
        entry.name == "minibatch_sgd")
      cfg["sigma_sq"] = 0.0;
    CAPTURE(entry.name);
    auto alg = build(cfg, *problem);
    const json c = alg->constants();
    REQUIRE(c.contains("stepsize"));
    CHECK(c["stepsize"].get<double>() > 0.0);
    if (alg->protocol() == algo::Protocol::event_driven) {
      auto platform = timed_star({1.0, 1.3, 1.7});
      sim::RuntimeOptions options;
      options.stop.max_rounds = 20;
      sim::Runtime runtime(*problem, *alg, *platform, options);
      const sim::RunSummary s = runtime.run();
      CHECK(s.rounds == 20);
      CHECK(std::isfinite(s.final_grad_norm_sq));
      CHECK(s.final_grad_norm_sq < s.initial_grad_norm_sq);
      continue;
    }
    RoleLoop loop(*alg, 3);
    loop.run(20);
    CHECK(loop.iterate().allFinite());
    CHECK(grad_norm_sq(*problem, loop.iterate()) < grad_norm_sq(*problem, algo::Vector::Zero(6)));
  }
  for (const char* required :
       {"gd", "diana", "vr_diana", "marina", "vr_marina", "vr_marina_online", "pp_marina", "ef21",
        "dasha", "asgd", "minibatch_sgd", "rennala_sgd", "ringmaster_asgd"}) {
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

TEST_CASE("algo::check_algorithm: shape checks without building, and shape-dependent defaults") {
  const algo::ProblemShape shape{6, 4, 250};
  auto spec = [](const json& cfg) {
    sim::JsonReader r(cfg, "algorithm");
    auto s = algo::algorithm_registry().read(r);
    r.finish();
    return s;
  };
  auto error = [&](const json& cfg) -> std::string {
    try {
      algo::check_algorithm(spec(cfg), shape);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return "no error";
  };
  CHECK(algo::check_algorithm(spec({{"name", "vr_marina"}}), shape) == json{{"batch", 3}});
  CHECK(algo::check_algorithm(spec({{"name", "vr_marina_online"}, {"batch", 5}}), shape) ==
        json{{"batch", 5}, {"large_batch", 250}});
  CHECK(algo::check_algorithm(spec({{"name", "gd"}}), shape) == json::object());
  CHECK(error({{"name", "marina"}, {"compressor", {{"name", "randk"}, {"k", 7}}}})
            .find("7 exceeds the dimension d = 6") != std::string::npos);
  CHECK(error({{"name", "pp_marina"}, {"r", 5}}).find("not in [1, n = 4]") != std::string::npos);
  CHECK(error({{"name", "vr_diana"}, {"batch", 251}}).find("exceeds the smallest local sample") !=
        std::string::npos);
  CHECK(error({{"name", "dasha"}, {"compressor", {{"name", "topk"}}}}).find("is biased") !=
        std::string::npos);
  CHECK(error({{"name", "ef21"}, {"compressor", {{"name", "randk"}}}}).find("contractive") !=
        std::string::npos);
}
