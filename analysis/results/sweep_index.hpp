#pragma once
/// \file
/// A sweep output directory: `sweep.json` (the definition), `runs/<id>/` (one run each:
/// scenario.json, rounds.csv, summary.json), `index.csv` (one row per finished run, sorted by
/// id, deterministic: byte-identical whatever the job count or sharding), `timing.csv`
/// (`id,wall_seconds`: the one non-deterministic figure, kept out of index.csv on purpose) and
/// `sweep.lock` (locked by the invocation writing the directory: sweep_lock.hpp).
///
/// Resume rule: a run is finished iff `runs/<id>/summary.json` exists, its status is not
/// `interrupted` and every other file the run writes is there too (scenario.json,
/// platform.csv, rounds.csv, messages.csv when its scenario records messages). A run is computed in
/// `runs/<id>.tmp/` and that directory is renamed to `runs/<id>` only once summary.json is in
/// place, so after a crash at any moment a run is either finished or absent; leftovers (`<id>.tmp`,
/// an `<id>` without a summary) are deleted and the run redone.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analysis/results/run_summary_record.hpp"
#include "scenarios/sweep/sweep_plan.hpp"

namespace commsim::analysis {
using scenario::SweepPlan;
using scenario::SweepRun;

/// `runs/<id>` under a sweep directory.
std::filesystem::path run_dir(const std::filesystem::path& sweep_dir, const std::string& id);

/// The summary of a finished run in `dir`, or nothing (no summary, unreadable, interrupted, an
/// output missing).
std::optional<RunSummaryRecord> finished_summary(const std::filesystem::path& dir);

/// The first output a finished run in `dir` should hold but does not, or nothing when all are
/// there.
std::optional<std::string> missing_output(const std::filesystem::path& dir);

/// Throws ConfigError unless `dir` is absent, empty, or holds this very sweep (changes nothing).
void check_sweep_dir(const std::filesystem::path& dir, const SweepPlan& plan);

/// Makes `dir` a sweep directory for `plan`: creates it and writes sweep.json, or checks that
/// the sweep.json already there holds the same definition. A non-empty directory without
/// sweep.json, or one holding a different sweep, is refused ("refuse, don't mix").
void prepare_sweep_dir(const std::filesystem::path& dir, const SweepPlan& plan);

/// Reads the plan stored in a sweep directory's sweep.json.
SweepPlan load_sweep_dir(const std::filesystem::path& dir);

/// index.csv header: id, one column per axis path, seed (unless an axis sets it), status,
/// rounds, time_s, bits_up, bits_down, bits_up_per_worker, grad_evals, final_grad_norm_sq,
/// final_loss, then per ε of the base `stop.report_eps`: rounds_to_eps_<ε>, time_to_eps_<ε>,
/// bits_to_eps_<ε> (uplink bits per worker at the first recorded ‖∇f‖² ≤ ε; empty if never).
std::vector<std::string> index_columns(const SweepPlan& plan);

/// One index.csv line (no newline) for a run and its summary.
std::string index_row(const SweepPlan& plan, const SweepRun& run, const RunSummaryRecord& summary);

/// Quotes a CSV cell when it holds a comma, quote or newline.
std::string csv_cell(const std::string& text);

/// Rows of every finished run of the plan found in `dir` (index → (index row, wall seconds)).
struct IndexRows {
  std::vector<std::size_t> indices;
  std::vector<std::string> rows;
  std::vector<double> wall_seconds;
};

/// Scans `dir/runs/` for the plan's finished runs.
IndexRows scan_finished(const std::filesystem::path& dir, const SweepPlan& plan);

/// Writes index.csv and timing.csv (atomically) from rows sorted by run index.
void write_index(const std::filesystem::path& dir, const SweepPlan& plan, const IndexRows& rows);

/// `commsim sweep merge`: copies every finished run of the input sweep directories (which must
/// hold the same sweep) into `out` and writes one index. Returns the number of finished runs.
std::size_t merge_sweeps(const std::vector<std::filesystem::path>& inputs,
                         const std::filesystem::path& out);

}  // namespace commsim::analysis
