#include "scenarios/sweep/sweep_runner.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "../test_files.hpp"
#include "analysis/results/sweep_compare.hpp"
#include "analysis/results/sweep_index.hpp"
#include "scenarios/run_command.hpp"
#include "scenarios/scenario_builder.hpp"
#include "sim/kernel/errors.hpp"

using namespace commsim;
namespace fs = std::filesystem;
using OJson = nlohmann::ordered_json;

namespace {

using test::slurp;

/// A fresh directory for this file's outputs (named apart from the other suites of the folder).
fs::path sweep_dir(const std::string& name) {
  return test::fresh_dir("commsim_sweep_test_", name);
}

// Six runs: two uplink bandwidths x three derived seeds, on a problem small enough to be instant.
const char* kSweep = R"({
  "seed": 9,
  "base": {
    "name": "tiny", "seed": 11,
    "problem": {"type": "least_squares", "data": {"synthetic": {"samples": 60, "features": 4, "seed": 3}}, "lambda": 0.1},
    "workers": {"count": 3, "speed": "1MFlops"},
    "network": {"topology": {"kind": "star", "uplink": {"bandwidth": "1Mbps", "latency": "2ms"}}},
    "algorithm": {"name": "gd", "stepsize": "theory"},
    "stop": {"max_rounds": 15, "report_eps": [1e-2, 1e-300]}
  },
  "grid": {"network.topology.uplink.bandwidth": ["100kbps", "1Mbps"]},
  "seeds": {"count": 3}
})";

scenario::SweepPlan plan() {
  return scenario::SweepPlan(OJson::parse(kSweep), ".");
}

scenario::SweepOutcome run(const fs::path& out, std::size_t jobs, scenario::ShardSpec shard = {},
                           const std::atomic<bool>* interrupt = nullptr) {
  scenario::SweepOptions o;
  o.out = out;
  o.jobs = jobs;
  o.shard = shard;
  o.interrupt = interrupt;
  return scenario::run_sweep(plan(), o);
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  for (std::string l; std::getline(ss, l);) out.push_back(l);
  return out;
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream ss(line);
  for (std::string c; std::getline(ss, c, ',');) cells.push_back(c);
  if (!line.empty() && line.back() == ',') cells.push_back("");
  return cells;
}

}  // namespace

TEST_CASE(
    "scenario::run_sweep: --jobs 2 equals --jobs 1, and each run equals the same scenario run "
    "alone") {
  const fs::path one = sweep_dir("jobs1"), two = sweep_dir("jobs2"), alone = sweep_dir("alone");
  const auto o1 = run(one, 1);
  const auto o2 = run(two, 2);
  CHECK(o1.finished == 6);
  CHECK(o2.finished == 6);
  CHECK(o1.failed == 0);
  CHECK(slurp(one / "index.csv") == slurp(two / "index.csv"));
  CHECK(slurp(one / "sweep.json") == slurp(two / "sweep.json"));
  const auto p = plan();
  for (std::size_t i = 0; i < p.size(); ++i) {
    CHECK(slurp(analysis::run_dir(one, p.id(i)) / "rounds.csv") ==
          slurp(analysis::run_dir(two, p.id(i)) / "rounds.csv"));
  }
  // Run 4 by itself, outside any sweep machinery: same trace.
  scenario::Scenario sc = scenario::build_scenario(p.run(4).scenario);
  scenario::RunOptions ro;
  ro.out = alone;
  scenario::run_scenario(sc, ro);
  CHECK(slurp(alone / "rounds.csv") == slurp(analysis::run_dir(one, "0004") / "rounds.csv"));
  CHECK(fs::exists(one / "timing.csv"));
  CHECK(lines(slurp(one / "timing.csv")).size() == 7);
  fs::remove_all(one);
  fs::remove_all(two);
  fs::remove_all(alone);
}

TEST_CASE(
    "scenario::run_sweep: index.csv holds one row per run, matching its summary.json and "
    "rounds.csv") {
  const fs::path dir = sweep_dir("index");
  run(dir, 1);
  const auto rows = lines(slurp(dir / "index.csv"));
  REQUIRE(rows.size() == 7);
  const auto header = split(rows[0]);
  CHECK(header == std::vector<std::string>{"id", "network.topology.uplink.bandwidth", "seed",
                                           "status", "rounds", "time_s", "bits_up", "bits_down",
                                           "bits_up_per_worker", "grad_evals", "final_grad_norm_sq",
                                           "final_loss", "rounds_to_eps_0.01", "time_to_eps_0.01",
                                           "bits_to_eps_0.01", "rounds_to_eps_1e-300",
                                           "time_to_eps_1e-300", "bits_to_eps_1e-300"});
  auto col = [&](const std::string& name) {
    return std::find(header.begin(), header.end(), name) - header.begin();
  };
  const auto p = plan();
  for (std::size_t i = 0; i < p.size(); ++i) {
    const auto cells = split(rows[i + 1]);
    REQUIRE(cells.size() == header.size());
    CHECK(cells[0] == p.id(i));
    CHECK(cells[1] == (i < 3 ? "100kbps" : "1Mbps"));
    CHECK(cells[col("seed")] == std::to_string(p.run(i).seed));
    // Independent reading of the run's own files.
    const auto summary = sim::Json::parse(slurp(analysis::run_dir(dir, p.id(i)) / "summary.json"));
    CHECK(cells[col("status")] == summary["status"].get<std::string>());
    CHECK(std::stod(cells[col("final_grad_norm_sq")]) ==
          summary["final"]["grad_norm_sq"].get<double>());
    CHECK(std::stoull(cells[col("bits_up")]) == summary["bits_up"].get<std::uint64_t>());
    const auto trace = lines(slurp(analysis::run_dir(dir, p.id(i)) / "rounds.csv"));
    const auto last = split(trace.back());
    CHECK(cells[col("rounds")] == last[0]);
    CHECK(std::stod(cells[col("time_s")]) == doctest::Approx(std::stod(last[1])).epsilon(1e-12));
    // Time to eps = first rounds.csv row with grad_norm_sq <= eps.
    std::string first_round;
    for (std::size_t r = 1; r < trace.size(); ++r) {
      if (std::stod(split(trace[r])[5]) <= 1e-2) {
        first_round = split(trace[r])[0];
        break;
      }
    }
    CHECK(cells[col("rounds_to_eps_0.01")] == first_round);
    CHECK(cells[col("rounds_to_eps_1e-300")].empty());  // never reached: empty cell
  }
  // The same-seed points of both bandwidths do the same maths (paired), only time differs.
  CHECK(split(rows[1])[col("final_grad_norm_sq")] == split(rows[4])[col("final_grad_norm_sq")]);
  CHECK(std::stod(split(rows[1])[col("time_s")]) > std::stod(split(rows[4])[col("time_s")]));
  fs::remove_all(dir);
}

TEST_CASE("scenario::run_sweep: shards merged equal the single-machine index byte for byte") {
  const fs::path whole = sweep_dir("whole"), merged = sweep_dir("merged");
  std::vector<fs::path> shards;
  run(whole, 1);
  for (std::size_t i = 0; i < 4; ++i) {
    shards.push_back(sweep_dir("shard" + std::to_string(i)));
    const auto o = run(shards.back(), 1, {i, 4});
    CHECK(o.selected == (i < 2 ? 2u : 1u));
    CHECK(o.finished == o.selected);
  }
  CHECK(analysis::merge_sweeps(shards, merged) == 6);
  CHECK(slurp(merged / "index.csv") == slurp(whole / "index.csv"));
  CHECK(slurp(merged / "sweep.json") == slurp(whole / "sweep.json"));
  // Merging again (or merging a shard twice) changes nothing: no duplicates.
  shards.push_back(shards.front());
  CHECK(analysis::merge_sweeps(shards, merged) == 6);
  CHECK(slurp(merged / "index.csv") == slurp(whole / "index.csv"));
  for (const auto& d : shards) fs::remove_all(d);
  fs::remove_all(whole);
  fs::remove_all(merged);
}

TEST_CASE(
    "scenario::run_sweep: resume after a crash redoes unfinished runs only, nothing lost or "
    "duplicated") {
  const fs::path reference = sweep_dir("ref"), dir = sweep_dir("crash");
  run(reference, 1);
  run(dir, 1);
  // Simulate kill -9 at several moments: a run mid-write (only its .tmp dir), a run dir
  // without summary.json, a run never started, and a stale index.
  const auto p = plan();
  fs::rename(analysis::run_dir(dir, "0001"), analysis::run_dir(dir, "0001").string() + ".tmp");
  fs::remove(analysis::run_dir(dir, "0003") / "summary.json");
  fs::remove_all(analysis::run_dir(dir, "0005"));
  std::ofstream(dir / "index.csv") << "garbage\n";
  const fs::path marker = analysis::run_dir(dir, "0000") / "marker";
  std::ofstream(marker) << "finished runs are not touched\n";

  const auto o = run(dir, 2);
  CHECK(o.skipped == 3);
  CHECK(o.finished == 3);
  CHECK(fs::exists(marker));
  CHECK(!fs::exists(analysis::run_dir(dir, "0001").string() + ".tmp"));
  CHECK(slurp(dir / "index.csv") == slurp(reference / "index.csv"));
  for (std::size_t i = 0; i < p.size(); ++i) {
    CHECK(slurp(analysis::run_dir(dir, p.id(i)) / "rounds.csv") ==
          slurp(analysis::run_dir(reference, p.id(i)) / "rounds.csv"));
  }
  fs::remove_all(reference);
  fs::remove_all(dir);
}

TEST_CASE(
    "scenario::run_sweep: an interrupted sweep finishes nothing it did not finish, and resumes") {
  const fs::path dir = sweep_dir("interrupt"), reference = sweep_dir("interrupt_ref");
  const std::atomic<bool> stop{true};
  const auto o = run(dir, 1, {}, &stop);
  CHECK(o.finished == 0);
  CHECK(lines(slurp(dir / "index.csv")).size() == 1);  // the header only
  // A run whose summary says "interrupted" is not finished.
  fs::create_directories(analysis::run_dir(dir, "0002"));
  std::ofstream(analysis::run_dir(dir, "0002") / "summary.json") << R"({"status": "interrupted"})";
  CHECK(!analysis::finished_summary(analysis::run_dir(dir, "0002")));
  const auto again = run(dir, 1);
  CHECK(again.finished == 6);
  run(reference, 1);
  CHECK(slurp(dir / "index.csv") == slurp(reference / "index.csv"));
  fs::remove_all(dir);
  fs::remove_all(reference);
}

TEST_CASE(
    "scenario::run_sweep: a sweep killed while preparing its directory (empty runs/, temporary "
    "sweep.json) resumes") {
  const fs::path dir = sweep_dir("setup_leftovers");
  fs::create_directories(dir / "runs");
  std::ofstream(dir / "sweep.json.tmp") << "{\"partial";
  const auto o = run(dir, 1);
  CHECK(o.finished == 6);
  CHECK(fs::exists(dir / "sweep.json"));
  fs::remove_all(dir);
}

TEST_CASE("scenario::run_sweep: a directory holding another sweep or other files is refused") {
  const fs::path dir = sweep_dir("refuse");
  run(dir, 1, {0, 6});
  OJson other = OJson::parse(kSweep);
  other["seed"] = 10;
  scenario::SweepOptions o;
  o.out = dir;
  CHECK_THROWS_WITH_AS(scenario::run_sweep(scenario::SweepPlan(other, "."), o),
                       doctest::Contains("already holds a different sweep"), ConfigError);
  const fs::path stray = sweep_dir("stray");
  fs::create_directories(stray);
  std::ofstream(stray / "notes.txt") << "x";
  o.out = stray;
  CHECK_THROWS_WITH_AS(scenario::run_sweep(plan(), o), doctest::Contains("holds no sweep.json"),
                       ConfigError);
  fs::remove_all(dir);
  fs::remove_all(stray);
}

TEST_CASE(
    "scenario::validate_runs: an invalid value is reported for every run it affects, before "
    "anything runs") {
  OJson def = OJson::parse(kSweep);
  def["grid"]["network.topology.uplink.bandwidth"] = {"100kbps", "-1Mbps", "1Mbps"};
  const scenario::SweepPlan p(def, ".");
  const fs::path dir = sweep_dir("invalid");
  scenario::SweepOptions o;
  o.out = dir;
  std::string what;
  try {
    scenario::run_sweep(p, o);
  } catch (const ConfigError& e) {
    what = e.what();
  }
  CHECK(what.find("3 of 9 runs are invalid") == 0);
  CHECK(what.find("network.topology.uplink.bandwidth") != std::string::npos);
  CHECK(what.find("(runs 0003, 0004, 0005)") != std::string::npos);
  CHECK(what.find('\n') == std::string::npos);
  CHECK(!fs::exists(dir));  // nothing was written
}

TEST_CASE(
    "analysis::compare_dirs: time and bits to eps from rounds.csv agree with the runs' own "
    "time-to-eps") {
  const fs::path dir = sweep_dir("compare");
  run(dir, 2);
  const auto table = analysis::compare_dirs({dir}, 1e-2);
  REQUIRE(table.rows.size() == 2);  // two settings (bandwidths), one method, three seeds each
  const auto rows = lines(slurp(dir / "index.csv"));
  const auto header = split(rows[0]);
  const auto t = std::find(header.begin(), header.end(), "time_to_eps_0.01") - header.begin();
  const auto b = std::find(header.begin(), header.end(), "bits_to_eps_0.01") - header.begin();
  for (std::size_t s = 0; s < 2; ++s) {
    const auto& row = table.rows[s];
    CHECK(row.runs == 3);
    CHECK(row.method == "gd");
    CHECK(row.setting == (s == 0 ? "network.topology.uplink.bandwidth=100kbps"
                                 : "network.topology.uplink.bandwidth=1Mbps"));
    REQUIRE(row.time_to_eps);
    double mean_t = 0.0, mean_b = 0.0;
    for (std::size_t k = 0; k < 3; ++k) {
      mean_t += std::stod(split(rows[1 + 3 * s + k])[t]) / 3.0;
      mean_b += std::stod(split(rows[1 + 3 * s + k])[b]) / 3.0;
    }
    CHECK(*row.time_to_eps == doctest::Approx(mean_t).epsilon(1e-12));
    CHECK(*row.bits_to_eps == doctest::Approx(mean_b).epsilon(1e-12));
  }
  const std::string csv = analysis::format_compare_csv(table);
  CHECK(csv.rfind("source,setting,method,runs,status,reached,eps,bits_to_eps,time_to_eps_s,final_"
                  "grad_norm_sq\n",
                  0) == 0);
  CHECK(lines(csv).size() == 3);
  // A run directory works too.
  const auto single = analysis::compare_dirs({analysis::run_dir(dir, "0000")}, 1e-2);
  REQUIRE(single.rows.size() == 1);
  CHECK(single.rows[0].runs == 1);
  fs::remove_all(dir);
}

TEST_CASE(
    "scenario::describe_plan: the numbered plan of a shard, with each run's status in an output "
    "dir") {
  const auto p = plan();
  const auto text = lines(scenario::describe_plan(p, {1, 2}, ""));
  REQUIRE(text.size() == 2 + 3);  // summary line, header, runs 1, 3, 5
  CHECK(text[0] == "sweep: 6 runs, shard 1/2: 3 runs");
  CHECK(text[1].rfind("id    network.topology.uplink.bandwidth  seed", 0) == 0);
  CHECK(text[2].rfind("0001  100kbps", 0) == 0);
  CHECK(text[4].find(std::to_string(p.run(5).seed)) != std::string::npos);
  const fs::path dir = sweep_dir("describe");
  run(dir, 1, {0, 3});  // runs 0 and 3
  const auto with_status = lines(scenario::describe_plan(p, {}, dir));
  REQUIRE(with_status.size() == 8);
  for (std::size_t i = 0; i < 6; ++i) {
    CHECK(with_status[2 + i].find(i % 3 == 0 ? "finished" : "pending") != std::string::npos);
  }
  fs::remove_all(dir);
}

TEST_CASE(
    "scenario::run_sweep: 16 runs on one LibSVM data set load it once and build each run once "
    "(validation builds none)") {
  // tests/golden/sweep_small.json: 2 bandwidths x 2 k x 2 methods x 2 seeds over mushrooms.
  const fs::path out = sweep_dir("loads");
  const scenario::SweepPlan plan =
      scenario::SweepPlan::load(fs::path(COMMSIM_SOURCE_DIR) / "tests/golden/sweep_small.json");
  REQUIRE(plan.size() == 16);
  scenario::SweepOptions o;
  o.out = out;
  o.jobs = 2;
  const scenario::SweepOutcome outcome = scenario::run_sweep(plan, o);
  CHECK(outcome.finished == 16);
  CHECK(outcome.data_loads == 1);       // validation and the 16 runs share one read
  CHECK(outcome.problem_builds == 16);  // one per run: validation only reads and checks specs
  fs::remove_all(out);
}
