#include "scenarios/sweep/sweep_runner.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "algorithms/problems/data_store.hpp"
#include "analysis/results/sweep_index.hpp"
#include "scenarios/run_command.hpp"
#include "scenarios/scenario_builder.hpp"
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

bool parse_size(std::string_view s, std::size_t& out) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

std::string format_eta(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return "?";
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

// Runs done / total, ETA and failures: a redrawn bar on a terminal, else one line per run.
class SweepProgress {
 public:
  SweepProgress(std::FILE* out, bool bar, std::size_t total, std::size_t already)
      : out_(out),
        bar_(bar),
        total_(total),
        done_(already),
        already_(already),
        start_(Clock::now()) {}

  void on_run(const std::string& id, const std::string& status, double wall, std::size_t failed) {
    if (!out_) return;
    if (status != "failed" && status != "interrupted") ++done_;
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    const std::size_t here = done_ - already_ + failed;
    const double eta = here ? elapsed / static_cast<double>(here) *
                                  static_cast<double>(total_ - std::min(total_, done_ + failed))
                            : -1.0;
    if (bar_) {
      // Redrawn at most ten times a second (a sweep of many tiny runs would flood the terminal).
      const auto now = Clock::now();
      if (done_ + failed < total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
      last_draw_ = now;
      constexpr int kWidth = 30;
      const int filled = total_ ? static_cast<int>(kWidth * done_ / total_) : kWidth;
      fmt::print(out_, "\rsweep [{}{}] {}/{} runs, {} failed, ETA {}   ", std::string(filled, '#'),
                 std::string(kWidth - filled, '.'), done_, total_, failed, format_eta(eta));
    } else {
      fmt::print(out_, "sweep: run {} {} in {:.2f} s ({}/{} done, {} failed, ETA {})\n", id, status,
                 wall, done_, total_, failed, format_eta(eta));
    }
    std::fflush(out_);
  }

  void finish() {
    if (out_ && bar_) fmt::print(out_, "\n");
  }

 private:
  std::FILE* out_;
  bool bar_;
  std::size_t total_, done_, already_;
  Clock::time_point start_, last_draw_{};
};

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
  for (std::size_t i = shard.index; i < plan.size(); i += shard.count) out.push_back(i);
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

// How one run ended: its termination (or "failed" / "interrupted") and wall seconds.
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
    end.status = "failed";
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

}  // namespace

SweepOutcome run_sweep(const SweepPlan& plan, const SweepOptions& options) {
  analysis::check_sweep_dir(options.out, plan);
  // Every run is built twice (validation, then the run) and runs often share their data set.
  algo::DataStore data_store(kSweepDataCacheBytes);
  SweepOutcome outcome;
  outcome.total = plan.size();
  const std::vector<std::size_t> selected = select_runs(plan, options.shard);
  outcome.selected = selected.size();
  const std::vector<std::size_t> pending = pending_runs(plan, selected, options.out);
  outcome.skipped = selected.size() - pending.size();
  // Interrupted while validating, the sweep directory and its index are still set up (as for an
  // interrupt at any later point); no run starts below.
  validate_runs(plan, pending, options.jobs, &data_store, options.interrupt);
  analysis::prepare_sweep_dir(options.out, plan);
  // Leftovers of a crash: temporary run directories of this shard (finished runs keep theirs out).
  for (std::size_t i : selected) {
    std::error_code ec;
    fs::remove_all(run_dir(options.out, plan.id(i)).string() + ".tmp", ec);
  }
  LiveIndex index(plan, options.out);
  log_start(plan, options, selected.size(), outcome.skipped, pending.size());
  SweepProgress progress(options.log, options.progress_bar, selected.size(), outcome.skipped);
  std::mutex mutex;
  parallel_for(pending.size(), options.jobs, [&](std::size_t k) {
    if (options.interrupt && options.interrupt->load()) return;
    const SweepRun run = plan.run(pending[k]);
    const RunEnd end = run_one(run, options, data_store);
    std::optional<analysis::RunSummaryRecord> summary;
    if (end.status != "failed" && end.status != "interrupted")
      summary = finished_summary(run_dir(options.out, run.id));
    const std::lock_guard<std::mutex> lock(mutex);
    if (end.status == "failed") {
      ++outcome.failed;
      outcome.errors.push_back(fmt::format("run {}: {}", run.id, end.error));
      if (options.log)
        fmt::print(options.log, "{}sweep: run {} failed: {}\n", options.progress_bar ? "\n" : "",
                   run.id, end.error);
    } else if (end.status == "interrupted") {
      ++outcome.interrupted;
    } else if (summary) {
      ++outcome.finished;
      index.add(run, *summary, end.wall);
    }
    progress.on_run(run.id, end.status, end.wall, outcome.failed);
  });
  progress.finish();
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
