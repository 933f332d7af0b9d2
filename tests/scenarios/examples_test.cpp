// Every committed scenario file (scenarios/examples/ and scenarios/paper/) must build, so a broken
// example fails CI; the paper scenarios must also carry the parameters of paper_spec.md §5.1.

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "scenarios/scenario_builder.hpp"
#include "scenarios/scenario_file.hpp"
#include "sim/kernel/errors.hpp"

using namespace commsim;

namespace {

std::filesystem::path source_dir() {
  return std::filesystem::path(COMMSIM_SOURCE_DIR);
}

std::vector<std::filesystem::path> json_files(const std::filesystem::path& dir,
                                              const std::string& prefix = "") {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto& p = entry.path();
    if (p.extension() == ".json" && p.filename().string().rfind(prefix, 0) == 0) files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// Loads a scenario file exactly as `commsim run` does and builds it (no run).
scenario::Scenario build_file(const std::filesystem::path& file) {
  sim::Json doc = scenario::load_json_file(file);
  scenario::resolve_relative_paths(doc, file.parent_path());
  return scenario::build_scenario(doc);
}

struct PaperRow {
  const char* dataset;
  std::array<double, 3> marina_p, marina_gl, diana_gl, vr_marina_p, vr_marina_gl, vr_diana_gl;
  double vr_diana_refresh;
};

// paper_spec.md §5.1, "Stepsizes as γ·L_task, with p", for K = 1, 5, 10 (3–4 significant digits).
constexpr std::array<PaperRow, 4> kPaperTable{{
    {"mushrooms",
     {.00885, .04425, .0885},
     {.01957, .09381, .17837},
     {1.81e-4, 1.84e-3, 4.65e-3},
     {.00885, .01036, .01036},
     {.01903, .04560, .06463},
     {1.54e-4, 9.97e-4, 1.78e-3},
     .0105},
    {"w8a",
     {.00332, .01661, .03322},
     {.00740, .03640, .07136},
     {4.24e-5, 4.56e-4, 1.23e-3},
     {.00332, .00995, .00995},
     {.00736, .02817, .03970},
     {3.97e-5, 3.42e-4, 7.43e-4},
     .0101},
    {"a9a",
     {.00806, .04032, .08065},
     {.01785, .08588, .16398},
     {1.58e-4, 1.62e-3, 4.12e-3},
     {.00806, .01003, .01003},
     {.01772, .04378, .06203},
     {1.36e-4, 9.03e-4, 1.64e-3},
     .0101},
    {"phishing",
     {.01449, .07246, .14493},
     {.03184, .14871, .27483},
     {3.74e-4, 3.58e-3, 8.57e-3},
     {.01030, .01030, .01030},
     {.02635, .05865, .08391},
     {2.91e-4, 1.52e-3, 2.43e-3},
     .0104},
}};
// The table's 3-digit entries carry up to 0.5 % rounding (e.g. .0101).
constexpr double kTableTolerance = 0.006;

void check_paper_dataset(const PaperRow& row) {
  const auto files =
      json_files(source_dir() / "scenarios" / "paper", std::string(row.dataset) + "_");
  REQUIRE(files.size() == 13);  // gd + 4 methods x K in {1, 5, 10}
  const std::array<int, 3> ks{1, 5, 10};
  for (const auto& file : files) {
    CAPTURE(file.string());
    scenario::Scenario sc = build_file(file);
    CHECK(sc.name == file.stem().string());
    CHECK(sc.problem->num_workers() == 5);
    CHECK(sc.options.stop.max_rounds == 40000);
    const auto& resolved = sc.resolved;
    CHECK(resolved["problem"]["split"].get<std::string>() == "contiguous");
    CHECK(resolved["problem"]["bias"].get<bool>());
    CHECK(resolved["algorithm"]["stepsize"].get<std::string>() == "theory");
    const auto c = sc.algorithm->constants();
    const double L = c.contains("L") ? c["L"].get<double>() : 0.0;
    const double gl = c["stepsize"].get<double>() * L;
    const auto method = resolved["algorithm"]["name"].get<std::string>();
    if (method == "gd") {
      CHECK(gl == doctest::Approx(1.0).epsilon(1e-12));
      continue;
    }
    const int k = resolved["algorithm"]["compressor"]["k"].get<int>();
    const auto at = static_cast<std::size_t>(std::find(ks.begin(), ks.end(), k) - ks.begin());
    REQUIRE(at < ks.size());
    CHECK(file.stem().string() == fmt::format("{}_{}_k{}", row.dataset, method, k));
    if (method == "marina") {
      CHECK(c["p"].get<double>() == doctest::Approx(row.marina_p[at]).epsilon(kTableTolerance));
      CHECK(gl == doctest::Approx(row.marina_gl[at]).epsilon(kTableTolerance));
    } else if (method == "diana") {
      CHECK(gl == doctest::Approx(row.diana_gl[at]).epsilon(kTableTolerance));
    } else if (method == "vr_marina") {
      CHECK(c["p"].get<double>() == doctest::Approx(row.vr_marina_p[at]).epsilon(kTableTolerance));
      CHECK(gl == doctest::Approx(row.vr_marina_gl[at]).epsilon(kTableTolerance));
    } else if (method == "vr_diana") {
      CHECK(gl == doctest::Approx(row.vr_diana_gl[at]).epsilon(kTableTolerance));
      CHECK(c["refresh_probability"].get<double>() ==
            doctest::Approx(row.vr_diana_refresh).epsilon(kTableTolerance));
    } else {
      FAIL("unexpected method in scenarios/paper: ", method);
    }
  }
}

}  // namespace

TEST_CASE("examples: every scenarios/examples/*.json builds, and its name matches its file") {
  const auto files = json_files(source_dir() / "scenarios" / "examples");
  REQUIRE(files.size() >= 8);
  for (const auto& file : files) {
    CAPTURE(file.string());
    try {
      scenario::Scenario sc = build_file(file);
      CHECK(sc.name == file.stem().string());
      CHECK(sc.options.stop.max_rounds <= 20000);  // examples are meant to run in seconds
    } catch (const UserError& e) {
      FAIL_CHECK(e.what());
    }
  }
}

TEST_CASE(
    "examples: the paper's mushrooms scenarios build with the p and gamma*L of paper_spec.md 5.1") {
  check_paper_dataset(kPaperTable[0]);
}
TEST_CASE("examples: the paper's w8a scenarios build with the p and gamma*L of paper_spec.md 5.1") {
  check_paper_dataset(kPaperTable[1]);
}
TEST_CASE("examples: the paper's a9a scenarios build with the p and gamma*L of paper_spec.md 5.1") {
  check_paper_dataset(kPaperTable[2]);
}
TEST_CASE(
    "examples: the paper's phishing scenarios build with the p and gamma*L of paper_spec.md 5.1") {
  check_paper_dataset(kPaperTable[3]);
}

TEST_CASE("examples: scenarios/paper holds exactly the 52 generated files") {
  CHECK(json_files(source_dir() / "scenarios" / "paper").size() == 52);
}
