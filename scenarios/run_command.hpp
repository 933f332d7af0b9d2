#pragma once
/// \file
/// Runs one scenario into an output directory: `scenario.json` (resolved, re-runnable),
/// `platform.csv` (the per-worker values used), `rounds.csv`, `messages.csv` (when
/// `record.messages`), `summary.json`. Every file is written
/// under a temporary name and renamed into place.

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "scenarios/scenario_builder.hpp"
#include "sim/kernel/json_reader.hpp"
#include "sim/records/run_summary.hpp"

namespace commsim::scenario {

/// How to run.
struct RunOptions {
  std::filesystem::path out;      ///< output directory
  bool force = false;             ///< replace an existing non-empty output directory's files
  std::FILE* progress = nullptr;  ///< where to draw a progress line (null: none)
  const std::atomic<bool>* interrupt = nullptr;  ///< set asynchronously to stop the run
};

/// The files a run writes into its output directory, in the order written (messages.csv only
/// when the scenario records messages). A sweep indexes a run only when all are there.
std::vector<std::string> run_output_files(bool record_messages);

/// Checks that `out` may be written (absent, empty, or `force`) and creates it. With `force`,
/// the outputs of an earlier run there (run_output_files and their `.tmp`) are removed first;
/// other files are left alone.
void prepare_output_dir(const std::filesystem::path& out, bool force);

/// Runs a built scenario, writing its outputs; returns the summary (also in summary.json).
sim::RunSummary run_scenario(Scenario& scenario, const RunOptions& options);

/// The summary.json document for a finished run (summary + time-to-ε + run identity).
sim::Json summary_document(const Scenario& scenario, const sim::RunSummary& summary,
                           const sim::Json& time_to_eps);

}  // namespace commsim::scenario
