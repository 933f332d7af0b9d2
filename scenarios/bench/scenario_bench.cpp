// Whole-simulation benchmarks through the real scenario builder, runtime and recorders.
//
// usage:
//   scenario_bench small_clients ROUNDS REPS
//     MARINA (RandK 10 %) on least squares, d = 20, 100 clients of synthetic data, every round
//     evaluated and written by the real RoundsCsvRecorder to a temporary file.
//     output: small_clients,rounds,ms_per_round (median of REPS)
//   scenario_bench scale WORKERS ROUNDS CLIENTS
//     PP-MARINA (r = CLIENTS, RandK 10 %) on sigmoid_squared, synthetic d = 1000 (2 samples per
//     worker, density 0.01), record every 100 rounds. Run it in its own process: the peak RSS
//     (getrusage) is the process's.
//     output: scale,workers,rounds,build_s,run_s,peak_rss_bytes,budget_bytes (3 n d 8)

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analysis/csv_recorder.hpp"
#include "scenarios/scenario_builder.hpp"
#include "sim/runtime/runtime.hpp"

using namespace commsim;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int small_clients(std::uint64_t rounds, int reps) {
  sim::Json doc = sim::Json::parse(R"({
    "problem": {"type": "least_squares", "data": {"synthetic": {"samples": 10000, "features": 19}}},
    "workers": {"count": 100},
    "network": {"model": "ideal"},
    "algorithm": {"name": "marina", "compressor": {"name": "randk", "fraction": 0.1}},
    "record": {"every": 1}
  })");
  doc["stop"]["max_rounds"] = rounds;
  const auto dir =
      std::filesystem::temp_directory_path() / fmt::format("commsim_bench_{}", ::getpid());
  std::filesystem::create_directories(dir);
  std::vector<double> per_round;
  for (int r = 0; r < reps; ++r) {
    scenario::Scenario sc = scenario::build_scenario(doc);
    sim::Runtime runtime(*sc.problem, *sc.algorithm, *sc.platform, sc.options);
    analysis::RoundsCsvRecorder csv(dir / "rounds.csv", sc.problem->num_workers(), false);
    runtime.add_recorder(csv);
    const auto t0 = std::chrono::steady_clock::now();
    const sim::RunSummary s = runtime.run();
    per_round.push_back(seconds_since(t0) /
                        static_cast<double>(std::max<std::uint64_t>(s.rounds, 1)));
  }
  std::filesystem::remove_all(dir);
  std::sort(per_round.begin(), per_round.end());
  std::printf("small_clients,%llu,%.4f\n", static_cast<unsigned long long>(rounds),
              1e3 * per_round[per_round.size() / 2]);
  return 0;
}

int scale(int workers, std::uint64_t rounds, int clients) {
  sim::Json doc = sim::Json::parse(R"({
    "problem": {"type": "sigmoid_squared", "data": {"synthetic": {"features": 999, "density": 0.01}}},
    "network": {"model": "ideal"},
    "algorithm": {"name": "pp_marina", "compressor": {"name": "randk", "fraction": 0.1}},
    "record": {"every": 100}
  })");
  doc["problem"]["data"]["synthetic"]["samples"] = 2 * workers;
  doc["workers"]["count"] = workers;
  doc["algorithm"]["r"] = clients;
  doc["stop"]["max_rounds"] = rounds;
  const auto t0 = std::chrono::steady_clock::now();
  scenario::Scenario sc = scenario::build_scenario(doc);
  sim::Runtime runtime(*sc.problem, *sc.algorithm, *sc.platform, sc.options);
  const double build_s = seconds_since(t0);
  const auto t1 = std::chrono::steady_clock::now();
  runtime.run();
  const double run_s = seconds_since(t1);
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const double peak = static_cast<double>(ru.ru_maxrss) * 1024.0;
  const double budget = 3.0 * workers * static_cast<double>(sc.problem->dim()) * 8.0;
  std::printf("scale,%d,%llu,%.2f,%.2f,%.0f,%.0f\n", workers,
              static_cast<unsigned long long>(rounds), build_s, run_s, peak, budget);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "small_clients" && argc == 4)
      return small_clients(std::stoull(argv[2]), std::atoi(argv[3]));
    if (mode == "scale" && argc == 5)
      return scale(std::atoi(argv[2]), std::stoull(argv[3]), std::atoi(argv[4]));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "scenario_bench: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr,
               "usage: scenario_bench small_clients ROUNDS REPS | scale WORKERS ROUNDS CLIENTS\n");
  return 2;
}
