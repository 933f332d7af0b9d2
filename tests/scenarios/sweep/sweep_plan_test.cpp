#include "scenarios/sweep/sweep_plan.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <set>

#include <fmt/format.h>

#include "scenarios/sweep/sweep_runner.hpp"
#include "sim/kernel/errors.hpp"
#include "sim/kernel/rng.hpp"

using namespace commsim;
using OJson = nlohmann::ordered_json;

namespace {

const char* kBase = R"({
  "name": "tiny", "seed": 11,
  "problem": {"type": "least_squares", "data": {"synthetic": {"samples": 60, "features": 4, "seed": 3}}, "lambda": 0.1},
  "workers": {"count": 3, "speed": "1MFlops"},
  "algorithm": {"name": "gd", "stepsize": "theory"},
  "stop": {"max_rounds": 6, "report_eps": [1e-3]}
})";

OJson sweep(const std::string& rest) {
  return OJson::parse(std::string(R"({"base": )") + kBase + (rest.empty() ? "" : ", " + rest) +
                      "}");
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

constexpr std::uint64_t kMask53 = (std::uint64_t{1} << 53) - 1;

}  // namespace

TEST_CASE(
    "scenario::SweepPlan: grid x zip x seeds count and order (grid in file order, zip rows, seeds "
    "innermost)") {
  // Axis names chosen so that file order differs from alphabetical order.
  const scenario::SweepPlan plan(
      sweep(R"("grid": {"workers.count": [2, 3, 4], "algorithm.stepsize": [0.1, 0.2]},
               "zip": {"stop.max_rounds": [5, 7], "name": ["a", "b"]}, "seeds": [7, 8])"),
      ".");
  REQUIRE(plan.size() == 3 * 2 * 2 * 2);
  CHECK(plan.axis_paths() == std::vector<std::string>{"workers.count", "algorithm.stepsize",
                                                      "stop.max_rounds", "name", "seed"});
  std::size_t index = 0;
  const std::vector<int> counts{2, 3, 4}, rounds{5, 7}, seeds{7, 8};
  const std::vector<double> steps{0.1, 0.2};
  const std::vector<std::string> names{"a", "b"};
  for (int c : counts) {
    for (double s : steps) {
      for (std::size_t z = 0; z < 2; ++z) {
        for (int seed : seeds) {
          const scenario::SweepRun r = plan.run(index);
          CHECK(r.index == index);
          CHECK(r.id == fmt::format("{:04}", index));
          CHECK(r.scenario["workers"]["count"] == c);
          CHECK(r.scenario["algorithm"]["stepsize"] == s);
          CHECK(r.scenario["stop"]["max_rounds"] == rounds[z]);
          CHECK(r.scenario["name"] == names[z]);
          CHECK(r.scenario["seed"] == seed);
          CHECK(r.seed == static_cast<std::uint64_t>(seed));
          CHECK(r.values.size() == 5);
          // Everything not swept is the base.
          CHECK(r.scenario["problem"]["lambda"] == 0.1);
          ++index;
        }
      }
    }
  }
  CHECK(plan.has_seed_axis());
  CHECK(plan.report_eps() == std::vector<double>{1e-3});
}

TEST_CASE("scenario::SweepPlan: repeated report_eps values are merged, one index column each") {
  OJson def = sweep(R"("grid": {"seed": [1, 2]})");
  def["base"]["stop"]["report_eps"] = OJson::parse("[1e-2, 1e-3, 0.01, 1e-3]");
  const scenario::SweepPlan plan(def, ".");
  CHECK(plan.report_eps() == std::vector<double>{1e-2, 1e-3});
}

TEST_CASE("scenario::SweepPlan: ids are zero-padded to the width of the last index") {
  const scenario::SweepPlan small(sweep(R"("grid": {"seed": [1, 2, 3]})"), ".");
  CHECK(small.id(2) == "0002");
  const scenario::SweepPlan big(sweep(R"("seeds": {"count": 12345})"), ".");
  CHECK(big.id(7) == "00007");
  CHECK(big.id(12344) == "12344");
}

TEST_CASE(
    "scenario::SweepPlan: seeds derive from (sweep seed, run index) unless an axis sets them") {
  const OJson def = sweep(R"("seed": 42, "grid": {"workers.count": [2, 3, 4]})");
  const scenario::SweepPlan a(def, "."), b(def, ".");
  std::set<std::uint64_t> distinct;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::uint64_t expected = sim::RngStreams(42).derive("sweep_run", i) & kMask53;
    CHECK(a.run(i).seed == expected);
    CHECK(a.run(i).scenario["seed"] == expected);
    CHECK(b.run(i).seed == a.run(i).seed);  // stable across expansions
    distinct.insert(a.run(i).seed);
  }
  CHECK(distinct.size() == a.size());
  const scenario::SweepPlan other(sweep(R"("seed": 43, "grid": {"workers.count": [2, 3, 4]})"),
                                  ".");
  CHECK(other.run(0).seed != a.run(0).seed);

  // {"count": N}: the same N seeds at every grid point (paired comparisons).
  const scenario::SweepPlan paired(
      sweep(R"("seed": 5, "grid": {"workers.count": [2, 3]}, "seeds": {"count": 3})"), ".");
  REQUIRE(paired.size() == 6);
  for (std::size_t j = 0; j < 3; ++j) {
    const std::uint64_t expected = sim::RngStreams(5).derive("sweep_seed", j) & kMask53;
    CHECK(paired.run(j).seed == expected);
    CHECK(paired.run(3 + j).seed == expected);
  }
}

TEST_CASE("scenario::SweepPlan: the stored definition re-expands to the same plan") {
  const scenario::SweepPlan plan(
      sweep(
          R"("grid": {"workers.count": [2, 3]}, "zip": {"name": ["x", "y"]}, "seeds": {"count": 2})"),
      ".");
  const scenario::SweepPlan again(plan.definition(), "/somewhere/else");
  REQUIRE(again.size() == plan.size());
  for (std::size_t i = 0; i < plan.size(); ++i)
    CHECK(again.run(i).scenario == plan.run(i).scenario);
  CHECK(again.definition().dump() == plan.definition().dump());
}

TEST_CASE("scenario::SweepPlan: malformed sweeps are one-line ConfigErrors") {
  CHECK(error_of([] { scenario::SweepPlan(sweep(R"("grid": {"workers.count": []})"), "."); }) ==
        "grid.workers.count: empty axis; give at least one value");
  CHECK(error_of([] {
          scenario::SweepPlan(sweep(R"("zip": {"workers.count": [2, 3], "name": ["a"]})"), ".");
        })
            .find("zip.name: 1 values, but zip.workers.count has 2; zip lists must have equal "
                  "lengths") == 0);
  CHECK(error_of([] {
          scenario::SweepPlan(sweep(R"("gird": {})"), ".");
        }).find("did you mean \"grid\"") != std::string::npos);
  CHECK(error_of([] {
          scenario::SweepPlan(sweep(R"("grid": {"seed": [1]}, "seeds": [2])"), ".");
        }).find("swept twice") != std::string::npos);
  CHECK(error_of([] { scenario::SweepPlan(sweep(R"("seeds": [])"), "."); }).find("seeds: empty") ==
        0);
  CHECK(error_of([] {
          scenario::SweepPlan(sweep(R"("seeds": {"count": 0})"), ".");
        }).find("seeds.count") == 0);
  CHECK(error_of([] {
          scenario::SweepPlan(OJson::parse(R"({"grid": {}})"), ".");
        }).find("base: required") == 0);
}

TEST_CASE(
    "scenario::SweepPlan: an axis path must exist in the resolved base; the error names the "
    "nearest") {
  const sim::Json resolved = sim::Json::parse(
      R"({"network": {"topology": {"uplink": {"bandwidth": "1Mbps", "latency": "1ms"}}}, "algorithm": {"name": "gd"},
          "workers": {"overrides": [{"speed": "1GFlops"}]}})");
  const scenario::SweepPlan bad(sweep(R"("grid": {"network.topolgy.uplink.bandwidth": ["1Mbps"]})"),
                                ".");
  CHECK(error_of([&] { bad.check_axis_paths(resolved); }) ==
        "grid.network.topolgy.uplink.bandwidth: no such path in the base scenario (nearest valid "
        "path: "
        "\"network.topology.uplink.bandwidth\")");
  // Existing values, array elements, new keys in existing objects and whole objects pass.
  const scenario::SweepPlan ok(
      sweep(
          R"("grid": {"network.topology.uplink.latency": ["2ms"], "workers.overrides[0].speed": ["2GFlops"],
                        "algorithm.p": [0.5], "stop": [{}]})"),
      ".");
  CHECK(error_of([&] { ok.check_axis_paths(resolved); }).empty());
}

TEST_CASE("scenario::SweepPlan: an axis inside another axis is refused, naming both") {
  // Both would set workers.count; the run would use one value and index.csv could show the other.
  CHECK(error_of([] {
          scenario::SweepPlan(sweep(R"("grid": {"workers.count": [2], "workers": [{"count": 3}]})"),
                              ".");
        }) ==
        "grid.workers.count: lies inside the axis grid.workers (\"workers\" contains "
        "\"workers.count\"), so one would overwrite the other; sweep one of them");
  CHECK(
      error_of([] {
        scenario::SweepPlan(
            sweep(
                R"("grid": {"workers.overrides": [[]]}, "zip": {"workers.overrides[0].speed": ["1GFlops"]})"),
            ".");
      }).find("zip.workers.overrides[0].speed: lies inside the axis grid.workers.overrides") == 0);
  // A shared prefix that is not a path prefix is two different values.
  CHECK(error_of([] {
          scenario::SweepPlan(
              sweep(R"("grid": {"stop.max_rounds": [3], "stop.max_rounds_x": [1]})"), ".");
        }).empty());
}

TEST_CASE("scenario::parse_shard: i/N with 0 <= i < N") {
  CHECK(scenario::parse_shard("3/8").index == 3);
  CHECK(scenario::parse_shard("3/8").count == 8);
  CHECK(error_of([] { scenario::parse_shard("0/0"); }) ==
        "--shard 0/0: N must be >= 1 (the number of shards)");
  CHECK(error_of([] { scenario::parse_shard("5/4"); }).find("--shard 5/4: i must be in [0, 3]") ==
        0);
  CHECK(error_of([] { scenario::parse_shard("x"); }).find("expected i/N") != std::string::npos);
  // 2/(2^64 - 1) used to select runs 2, 1 and 0 (i += N wrapped around).
  CHECK(error_of([] { scenario::parse_shard("2/18446744073709551615"); }) ==
        "--shard 2/18446744073709551615: N must be <= 1000000000 (the number of shards)");
  for (const char* garbage : {"-1/4", "+1/4", " 1/4", "1/4 ", "1/4/5", "1/", "/4", "1.0/4",
                              "1/99999999999999999999999", "0x1/4"}) {
    CHECK_MESSAGE(
        error_of([&] { scenario::parse_shard(garbage); }).find("expected i/N") != std::string::npos,
        garbage);
  }
  const scenario::SweepPlan three(sweep(R"("seeds": {"count": 3})"), ".");
  CHECK(scenario::select_runs(three, {2, 1'000'000'000}) == std::vector<std::size_t>{2});
  CHECK(scenario::select_runs(three, {1, 2}) == std::vector<std::size_t>{1});
  // Shards partition the plan.
  const scenario::SweepPlan plan(sweep(R"("seeds": {"count": 10})"), ".");
  std::vector<std::size_t> all;
  for (std::size_t i = 0; i < 3; ++i) {
    for (std::size_t k : scenario::select_runs(plan, {i, 3})) {
      CHECK(k % 3 == i);
      all.push_back(k);
    }
  }
  std::sort(all.begin(), all.end());
  CHECK(all == scenario::select_runs(plan, {0, 1}));
  CHECK(all.size() == 10);
}

TEST_CASE("scenario::flatten_paths and axis_value_text: dotted paths with [i], cells as written") {
  const auto paths =
      scenario::flatten_paths(sim::Json::parse(R"({"a": {"b": 1, "l": [{"c": 2}, 3]}, "z": "s"})"));
  CHECK(paths == std::vector<std::string>{"a", "a.b", "a.l", "a.l[0]", "a.l[0].c", "a.l[1]", "z"});
  CHECK(scenario::axis_value_text(sim::Json("10Mbps")) == "10Mbps");
  CHECK(scenario::axis_value_text(sim::Json(0.5)) == "0.5");
  CHECK(scenario::axis_value_text(sim::Json::parse(R"({"name": "gd"})")) == R"({"name":"gd"})");
}
