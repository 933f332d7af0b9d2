#include "scenarios/sweep/sweep_runner.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "algorithms/problems/data_store.hpp"
#include "analysis/results/sweep_index.hpp"
#include "analysis/results/sweep_lock.hpp"
#include "scenarios/run_command.hpp"
#include "scenarios/scenario_builder.hpp"
#include "scenarios/sweep/sweep_progress.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::scenario {
namespace fs = std::filesystem;
using analysis::finished_summary;
using analysis::IndexRows;
using analysis::run_dir;
using analysis::scan_finished;
using analysis::write_index;
using Clock = std::chrono::steady_clock;

namespace {

// index.csv is rewritten while a sweep runs at most this often; resume never depends on it.
constexpr double kIndexRewriteSeconds = 2.0;
constexpr std::size_t kIdsListed = 8;
// A plan has at most 10⁹ runs (sweep_plan.cpp); more shards than that select nothing, and a
// bound keeps `i += N` in select_runs far from wrapping around.
constexpr std::size_t kMaxShards = 1'000'000'000;

bool parse_size(std::string_view s, std::size_t& out) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

std::string id_list(const std::vector<std::string>& ids) {
  std::string s;
  for (std::size_t i = 0; i < ids.size() && i < kIdsListed; ++i) {
    if (i) s += ", ";
    s += ids[i];
  }
  if (ids.size() > kIdsListed) s += fmt::format(" and {} more", ids.size() - kIdsListed);
  return s;
}

}  // namespace

ShardSpec parse_shard(std::string_view text) {
  const std::string where = fmt::format("--shard {}", text);
  const auto slash = text.find('/');
  ShardSpec s;
  if (slash == std::string_view::npos || !parse_size(text.substr(0, slash), s.index) ||
      !parse_size(text.substr(slash + 1), s.count)) {
    throw ConfigError(where, "expected i/N with integers 0 <= i < N, e.g. --shard 3/8");
  }
  if (s.count < 1) throw ConfigError(where, "N must be >= 1 (the number of shards)");
  if (s.count > kMaxShards)
    throw ConfigError(where, fmt::format("N must be <= {} (the number of shards)", kMaxShards));
  if (s.index >= s.count)
    throw ConfigError(
        where, fmt::format("i must be in [0, {}] (shards are numbered from 0)", s.count - 1));
  return s;
}

/// Data sets a sweep keeps for reuse: the LIBSVM files of the paper are 1 to 10 MB in memory.
constexpr std::size_t kSweepDataCacheBytes = std::size_t{256} << 20;

void parallel_for(std::size_t n, std::size_t jobs, const std::function<void(std::size_t)>& fn) {
  if (jobs <= 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < std::min(jobs, n); ++t) {
    threads.emplace_back([&] {
      for (std::size_t i; (i = next.fetch_add(1)) < n;) fn(i);
    });
  }
  for (auto& t : threads) t.join();
}

std::vector<std::size_t> select_runs(const SweepPlan& plan, ShardSpec shard) {
  std::vector<std::size_t> out;
  for (std::size_t i = shard.index; i < plan.size(); i += shard.count) {
    out.push_back(i);
    if (shard.count > plan.size() - i) break;  // i + N would pass the end (or wrap around)
  }
  return out;
}

bool validate_runs(const SweepPlan& plan, const std::vector<std::size_t>& indices, std::size_t jobs,
                   algo::DataStore* data_store, const std::atomic<bool>* interrupt) {
  auto interrupted = [interrupt] { return interrupt && interrupt->load(); };
  sim::Json base_resolved;
  try {
    base_resolved = check_scenario(read_scenario(plan.base()), data_store);
  } catch (const UserError& e) {
    throw ConfigError("", fmt::format("sweep base scenario: {}", e.what()));
  }
  plan.check_axis_paths(base_resolved);
  std::vector<std::string> errors(indices.size());
  parallel_for(indices.size(), jobs, [&](std::size_t k) {
    if (interrupted()) return;
    try {
      check_scenario(read_scenario(plan.run(indices[k]).scenario), data_store);
    } catch (const std::exception& e) {
      errors[k] = e.what();
    }
  });
  if (interrupted()) return false;
  // Group identical messages (in order of first appearance) with every run they affect.
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  std::size_t bad = 0;
  for (std::size_t k = 0; k < indices.size(); ++k) {
    if (errors[k].empty()) continue;
    ++bad;
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const auto& g) { return g.first == errors[k]; });
    if (it == groups.end()) it = groups.insert(groups.end(), {errors[k], {}});
    it->second.push_back(plan.id(indices[k]));
  }
  if (groups.empty()) return true;
  std::string what =
      fmt::format("{} of {} runs are invalid, nothing was run: ", bad, indices.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    what += fmt::format("{}{} (run{} {})", g ? "; " : "", groups[g].first,
                        groups[g].second.size() > 1 ? "s" : "", id_list(groups[g].second));
  }
  throw ConfigError("", what);
}

namespace {

// index.csv kept up to date while a sweep runs: every finished run's row, rewritten at most
// every kIndexRewriteSeconds (resume never depends on it; the final rewrite rescans).
class LiveIndex {
 public:
  LiveIndex(const SweepPlan& plan, const fs::path& dir)
      : plan_(plan), dir_(dir), last_write_(Clock::now()) {
    const IndexRows initial = scan_finished(dir, plan);
    for (std::size_t k = 0; k < initial.indices.size(); ++k)
      rows_[initial.indices[k]] = {initial.rows[k], initial.wall_seconds[k]};
    write();  // a stale index (a crash between a run and the next rewrite) is fixed at once
  }

  void add(const SweepRun& run, const analysis::RunSummaryRecord& summary, double wall) {
    rows_[run.index] = {analysis::index_row(plan_, run, summary), wall};
    if (std::chrono::duration<double>(Clock::now() - last_write_).count() >= kIndexRewriteSeconds) {
      write();
      last_write_ = Clock::now();
    }
  }

 private:
  void write() const {
    IndexRows r;
    for (const auto& [i, row] : rows_) {
      r.indices.push_back(i);
      r.rows.push_back(row.first);
      r.wall_seconds.push_back(row.second);
    }
    write_index(dir_, plan_, r);
  }

  const SweepPlan& plan_;
  fs::path dir_;
  std::map<std::size_t, std::pair<std::string, double>> rows_;
  Clock::time_point last_write_;
};

// How one run ended: its termination (or "failed" / "environment" / "interrupted") and wall
// seconds.
struct RunEnd {
  std::string status;
  double wall = 0.0;
  std::string error;
};

// Runs one run in runs/<id>.tmp and renames it into place once summary.json is written.
RunEnd run_one(const SweepRun& run, const SweepOptions& options, algo::DataStore& data_store) {
  const fs::path final_dir = run_dir(options.out, run.id);
  const fs::path tmp_dir = final_dir.string() + ".tmp";
  RunEnd end;
  try {
    fs::remove_all(tmp_dir);
    fs::remove_all(final_dir);  // an unfinished leftover (no summary, or interrupted)
    Scenario sc = build_scenario(run.scenario, &data_store);
    RunOptions ro;
    ro.out = tmp_dir;
    ro.force = true;
    ro.interrupt = options.interrupt;
    const sim::RunSummary summary = run_scenario(sc, ro);
    end.wall = summary.wall_seconds;
    if (summary.termination == sim::Termination::interrupted) {
      end.status = "interrupted";
      fs::remove_all(tmp_dir);
    } else {
      end.status = sim::to_string(summary.termination);
      fs::rename(tmp_dir, final_dir);
    }
  } catch (const std::exception& e) {
    // The machine failing (disk full, read-only directory) is not this run's fault: it stops
    // the sweep, where a bad run only fails itself.
    const bool machine =
        dynamic_cast<const EnvironmentError*>(&e) || dynamic_cast<const fs::filesystem_error*>(&e);
    end.status = machine ? "environment" : "failed";
    end.error = e.what();
    std::error_code ec;
    fs::remove_all(tmp_dir, ec);
  }
  return end;
}

// The shard's runs without a finished summary in the sweep directory.
std::vector<std::size_t> pending_runs(const SweepPlan& plan,
                                      const std::vector<std::size_t>& selected,
                                      const fs::path& out) {
  std::vector<std::size_t> pending;
  for (std::size_t i : selected) {
    if (!finished_summary(run_dir(out, plan.id(i)))) pending.push_back(i);
  }
  return pending;
}

void log_start(const SweepPlan& plan, const SweepOptions& options, std::size_t selected,
               std::size_t skipped, std::size_t pending) {
  if (!options.log) return;
  fmt::print(options.log, "sweep: {} runs{}, {} finished earlier, {} to run with {} job{} -> {}\n",
             plan.size(),
             options.shard.count > 1 ? fmt::format(" (shard {}/{}: {})", options.shard.index,
                                                   options.shard.count, selected)
                                     : "",
             skipped, pending, options.jobs, options.jobs == 1 ? "" : "s", options.out.string());
}

// Under the directory's lock: the directory is checked again (another invocation may have
// written it since), the pending runs recomputed (and any not validated yet validated), then
// sweep.json is written and this shard's leftover temporary run directories are removed.
std::vector<std::size_t> claim_sweep_dir(const SweepPlan& plan,
                                         const std::vector<std::size_t>& selected,
                                         const std::vector<std::size_t>& validated,
                                         const SweepOptions& options, algo::DataStore& data) {
  analysis::check_sweep_dir(options.out, plan);
  const std::vector<std::size_t> pending = pending_runs(plan, selected, options.out);
  std::vector<std::size_t> unchecked;
  std::set_difference(pending.begin(), pending.end(), validated.begin(), validated.end(),
                      std::back_inserter(unchecked));
  if (!unchecked.empty()) validate_runs(plan, unchecked, options.jobs, &data, options.interrupt);
  analysis::prepare_sweep_dir(options.out, plan);
  for (std::size_t i : selected) {
    std::error_code ec;
    fs::remove_all(run_dir(options.out, plan.id(i)).string() + ".tmp", ec);
  }
  return pending;
}

// What the threads of a sweep share: the outcome, the live index and the first failure of the
// machine (after which no further run starts).
struct SweepState {
  const SweepPlan& plan;
  const SweepOptions& options;
  SweepOutcome& outcome;
  LiveIndex& index;
  SweepProgress& progress;
  std::mutex mutex;
  std::atomic<bool> machine_failed{false};
  std::string machine_error;

  SweepState(const SweepPlan& p, const SweepOptions& o, SweepOutcome& out, LiveIndex& i,
             SweepProgress& pr)
      : plan(p), options(o), outcome(out), index(i), progress(pr) {}

  bool stopped() const {
    return machine_failed.load() || (options.interrupt && options.interrupt->load());
  }

  void record(const SweepRun& run, const RunEnd& end) {
    const std::lock_guard<std::mutex> lock(mutex);
    try {
      record_locked(run, end);
    } catch (const std::exception& e) {  // index.csv could not be written
      machine_failure(e.what());
    }
  }

  void machine_failure(const std::string& what) {
    if (machine_error.empty()) machine_error = what;
    machine_failed.store(true);
  }

 private:
  void record_locked(const SweepRun& run, const RunEnd& end) {
    if (end.status == "environment")
      return machine_failure(fmt::format("run {}: {}", run.id, end.error));
    if (end.status == "failed") {
      ++outcome.failed;
      outcome.errors.push_back(fmt::format("run {}: {}", run.id, end.error));
      if (options.log)
        fmt::print(options.log, "{}sweep: run {} failed: {}\n", options.progress_bar ? "\n" : "",
                   run.id, end.error);
    } else if (end.status == "interrupted") {
      ++outcome.interrupted;
    } else if (const auto summary = finished_summary(run_dir(options.out, run.id))) {
      ++outcome.finished;
      index.add(run, *summary, end.wall);
    }
    progress.on_run(run.id, end.status, end.wall, outcome.failed);
  }
};

}  // namespace

SweepOutcome run_sweep(const SweepPlan& plan, const SweepOptions& options) {
  analysis::check_sweep_dir(options.out, plan);
  // Every run is built twice (validation, then the run) and runs often share their data set.
  algo::DataStore data_store(kSweepDataCacheBytes);
  SweepOutcome outcome;
  outcome.total = plan.size();
  const std::vector<std::size_t> selected = select_runs(plan, options.shard);
  outcome.selected = selected.size();
  // Validation reads only, so an invalid sweep leaves nothing behind; every write happens
  // under the directory's lock, held until the sweep ends.
  // Interrupted while validating, the sweep directory and its index are still set up (as for an
  // interrupt at any later point); no run starts below.
  const std::vector<std::size_t> validated = pending_runs(plan, selected, options.out);
  validate_runs(plan, validated, options.jobs, &data_store, options.interrupt);
  const analysis::SweepDirLock lock(options.out);
  const std::vector<std::size_t> pending =
      claim_sweep_dir(plan, selected, validated, options, data_store);
  outcome.skipped = selected.size() - pending.size();
  LiveIndex index(plan, options.out);
  log_start(plan, options, selected.size(), outcome.skipped, pending.size());
  SweepProgress progress(options.log, options.progress_bar, selected.size(), outcome.skipped);
  SweepState state(plan, options, outcome, index, progress);
  parallel_for(pending.size(), options.jobs, [&](std::size_t k) {
    if (state.stopped()) return;
    const SweepRun run = plan.run(pending[k]);
    state.record(run, run_one(run, options, data_store));
  });
  progress.finish();
  if (state.machine_failed.load()) {
    try {  // keep the index of what finished, if the disk lets us
      write_index(options.out, plan, scan_finished(options.out, plan));
    } catch (const std::exception&) {
    }
    throw EnvironmentError(state.machine_error);
  }
  write_index(options.out, plan, scan_finished(options.out, plan));
  outcome.data_loads = data_store.loads();
  outcome.problem_builds = data_store.problem_builds();
  return outcome;
}

std::string describe_plan(const SweepPlan& plan, ShardSpec shard, const fs::path& out) {
  const std::vector<std::size_t> selected = select_runs(plan, shard);
  std::vector<std::string> header{"id"};
  if (!out.empty()) header.push_back("status");
  for (const auto& p : plan.axis_paths()) header.push_back(p);
  if (!plan.has_seed_axis()) header.push_back("seed");
  std::vector<std::vector<std::string>> table{header};
  for (std::size_t i : selected) {
    const SweepRun run = plan.run(i);
    std::vector<std::string> row{run.id};
    if (!out.empty())
      row.push_back(finished_summary(run_dir(out, run.id)) ? "finished" : "pending");
    for (const auto& v : run.values) row.push_back(axis_value_text(v));
    if (!plan.has_seed_axis()) row.push_back(fmt::format("{}", run.seed));
    table.push_back(std::move(row));
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& row : table) {
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  std::string text = fmt::format("sweep: {} runs", plan.size());
  if (shard.count > 1)
    text += fmt::format(", shard {}/{}: {} runs", shard.index, shard.count, selected.size());
  text += "\n";
  for (const auto& row : table) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c)
      line += fmt::format("{:<{}}", row[c], c + 1 < row.size() ? width[c] + 2 : 0);
    text += line + "\n";
  }
  return text;
}

}  // namespace commsim::scenario
