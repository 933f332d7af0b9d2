#pragma once
/// \file
/// Runs a sweep plan into a sweep directory (see sweep_index.hpp for the layout and the resume
/// rule): checks the directory, validates every pending run before any runs, then runs them on
/// a pool of threads (each builds its own Scenario, so nothing is shared and results do not
/// depend on the job count), keeping index.csv up to date.

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "algorithms/problems/data_store.hpp"
#include "scenarios/sweep/sweep_plan.hpp"

namespace commsim::scenario {

/// `--shard i/N`: this invocation runs the runs whose index ≡ i (mod N).
struct ShardSpec {
  std::size_t index = 0;
  std::size_t count = 1;
};

/// Parses "i/N": decimal digits only, 1 ≤ N ≤ 10⁹ and 0 ≤ i < N (ConfigError otherwise).
ShardSpec parse_shard(std::string_view text);

/// How to run a sweep.
struct SweepOptions {
  std::filesystem::path out;  ///< the sweep directory
  std::size_t jobs = 1;       ///< simulations run at once (threads)
  ShardSpec shard;
  std::FILE* log = nullptr;   ///< progress and per-run lines (null: quiet)
  bool progress_bar = false;  ///< `log` is a terminal: one redrawn bar instead of log lines
  const std::atomic<bool>* interrupt = nullptr;  ///< set asynchronously to stop every run
};

/// What an invocation did.
struct SweepOutcome {
  std::size_t total = 0;            ///< runs in the plan
  std::size_t selected = 0;         ///< runs in this shard
  std::size_t skipped = 0;          ///< already finished before this invocation
  std::size_t finished = 0;         ///< finished by this invocation
  std::size_t failed = 0;           ///< ended with an error (not finished; redone next time)
  std::size_t interrupted = 0;      ///< stopped by a signal (not finished; redone next time)
  std::vector<std::string> errors;  ///< "run <id>: <error>" per failure
  std::size_t data_loads = 0;       ///< data sets read or generated (validation and runs)
  std::size_t problem_builds = 0;   ///< problems built (validation builds none)
};

/// Indices of the plan's runs in `shard`, ascending.
std::vector<std::size_t> select_runs(const SweepPlan& plan, ShardSpec shard);

/// Reads and checks the base scenario (axis paths are checked against its resolved document)
/// and every listed run, `jobs` at a time, without building any (read_scenario +
/// check_scenario: each distinct data set is loaded once, through `data_store`). Throws one
/// ConfigError that groups identical errors with the ids of every run they affect. The one place a
/// sweep checks its runs before running any (used by run_sweep and `--dry-run`). Returns false,
/// having checked no further run, when `interrupt` is set meanwhile.
bool validate_runs(const SweepPlan& plan, const std::vector<std::size_t>& indices, std::size_t jobs,
                   algo::DataStore* data_store = nullptr,
                   const std::atomic<bool>* interrupt = nullptr);

/// Runs the plan's unfinished runs of the shard into `options.out`.
SweepOutcome run_sweep(const SweepPlan& plan, const SweepOptions& options);

/// The numbered plan (`--dry-run`): one line per run of the shard with its axis values and seed,
/// and its status in `out` when `out` is not empty.
std::string describe_plan(const SweepPlan& plan, ShardSpec shard, const std::filesystem::path& out);

/// Calls `fn(i)` for i in [0, n) on `jobs` threads (inline when jobs ≤ 1); `fn` must not throw.
void parallel_for(std::size_t n, std::size_t jobs, const std::function<void(std::size_t)>& fn);

}  // namespace commsim::scenario
