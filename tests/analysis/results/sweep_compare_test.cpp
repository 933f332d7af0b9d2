#include "analysis/results/sweep_compare.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "sim/kernel/errors.hpp"

using namespace commsim;
namespace fs = std::filesystem;

namespace {

// A run directory by hand: 2 recorded rounds, ‖∇f‖² 1 then 0.25 (at 2 s, 100 bits/worker), and
// the platform.csv every finished run has (compare does not read it).
fs::path write_run(const std::string& name, const std::string& scenario,
                   const std::string& rounds_row = "1,2,100,0.25") {
  const fs::path dir = fs::temp_directory_path() / "commsim_test_sweep_compare" / name;
  fs::create_directories(dir);
  std::ofstream(dir / "scenario.json") << scenario;
  std::ofstream(dir / "platform.csv") << "worker,speed_flops\n0,1\n";
  std::ofstream(dir / "summary.json")
      << R"({"status": "max_rounds", "rounds": 1, "final": {"grad_norm_sq": 0.25}})";
  std::ofstream(dir / "rounds.csv") << "round,time_s,bits_up_per_worker,grad_norm_sq\n"
                                    << "0,0,0,1\n"
                                    << rounds_row << "\n";
  return dir;
}

std::string compare_error_where(const fs::path& dir) {
  try {
    analysis::compare_dirs({dir}, std::nullopt);
  } catch (const UserError& e) {
    return e.where();
  }
  return "(compared)";
}

}  // namespace

TEST_CASE("analysis::compare_dirs: a hand-made run is read; its crossing from rounds.csv") {
  const fs::path dir = write_run(
      "good", R"({"algorithm": {"name": "marina", "compressor": {"name": "randk", "k": 2}},
                  "stop": {"report_eps": [0.5, 0.1]}})");
  const auto table = analysis::compare_dirs({dir}, std::nullopt);
  REQUIRE(table.rows.size() == 1);
  CHECK(table.eps == 0.1);  // the smallest ε the (only) run lists
  CHECK(table.rows[0].method == "marina+randk(k=2)");
  CHECK(!table.rows[0].time_to_eps);  // 0.25 > 0.1
  const auto at_half = analysis::compare_dirs({dir}, 0.5);
  CHECK(at_half.rows[0].time_to_eps == 2.0);
  CHECK(at_half.rows[0].bits_to_eps == 100.0);
}

TEST_CASE("analysis::compare_dirs: hand-edited results are errors naming file and JSON path") {
  const fs::path name = write_run("name", R"({"algorithm": {"name": 5}})");
  CHECK(compare_error_where(name) == (name / "scenario.json").string() + ": algorithm.name");
  const fs::path root = write_run("root", "[]");
  CHECK(compare_error_where(root) == (root / "scenario.json").string() + ": scenario");
  const fs::path comp = write_run("comp", R"({"algorithm": {"compressor": "randk"}})");
  CHECK(compare_error_where(comp) == (comp / "scenario.json").string() + ": algorithm.compressor");
  const fs::path eps = write_run("eps", R"({"stop": {"report_eps": [0.1, "x"]}})");
  CHECK(compare_error_where(eps) == (eps / "scenario.json").string() + ": stop.report_eps[1]");
  const fs::path dup = write_run("dup", R"({"stop": {}, "stop": {}})");
  CHECK(compare_error_where(dup) == "stop");
}

TEST_CASE("analysis::compare_dirs: a rounds.csv cell that is not a number names file:line") {
  const fs::path cell = write_run("cell", R"({"stop": {"report_eps": [0.5]}})", "1,2,100,x");
  CHECK(compare_error_where(cell) == (cell / "rounds.csv").string() + ":3");
  const fs::path short_row = write_run("short", R"({"stop": {"report_eps": [0.5]}})", "1,2");
  CHECK(compare_error_where(short_row) == (short_row / "rounds.csv").string() + ":3");
}
