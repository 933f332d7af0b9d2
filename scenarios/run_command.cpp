#include "scenarios/run_command.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analysis/atomic_file.hpp"
#include "analysis/csv_recorder.hpp"
#include "analysis/platform_csv.hpp"
#include "analysis/progress.hpp"
#include "analysis/time_to_eps.hpp"
#include "sim/kernel/errors.hpp"
#include "sim/runtime/runtime.hpp"

namespace commsim::scenario {

namespace fs = std::filesystem;

std::vector<std::string> run_output_files(bool record_messages) {
  std::vector<std::string> files{"scenario.json", "platform.csv", "rounds.csv"};
  if (record_messages) files.emplace_back("messages.csv");
  files.emplace_back("summary.json");
  return files;
}

namespace {

// `--force`: an earlier run's outputs (and temporary files a killed run left) go, so the
// directory never mixes two runs (a 3-round run beside a 500-round messages.csv). Other files
// are the user's and stay.
void remove_earlier_outputs(const fs::path& out) {
  for (const std::string& name : run_output_files(/*record_messages=*/true)) {
    for (const fs::path& p : {out / name, out / (name + ".tmp")}) {
      std::error_code ec;
      fs::remove(p, ec);
      if (ec) throw EnvironmentError(fmt::format("cannot remove {}: {}", p.string(), ec.message()));
    }
  }
}

}  // namespace

void prepare_output_dir(const fs::path& out, bool force) {
  const std::string where = "--out " + out.string();
  std::error_code ec;
  if (fs::exists(out, ec)) {
    if (!fs::is_directory(out, ec)) throw ConfigError(where, "exists and is not a directory");
    if (!fs::is_empty(out, ec)) {
      if (!force)
        throw ConfigError(where,
                          "already exists and is not empty; use --force to overwrite its files");
      remove_earlier_outputs(out);
    }
  }
  fs::create_directories(out, ec);
  if (ec == std::errc::not_a_directory)
    throw ConfigError(where, "cannot create the directory: " + ec.message());
  if (ec) throw EnvironmentError(where + ": cannot create the directory: " + ec.message());
}

sim::Json summary_document(const Scenario& scenario, const sim::RunSummary& summary,
                           const sim::Json& time_to_eps) {
  sim::Json j = summary.to_json();
  j["name"] = scenario.name;
  j["seed"] = scenario.seed;
  j["workers"] = scenario.problem->num_workers();
  j["dim"] = scenario.problem->dim();
  j["problem"] = scenario.problem->type();
  j["convex"] = scenario.problem->is_convex();
  const auto& c = scenario.problem->constants();
  j["problem_constants"] = {{"L_max", c.max_local},
                            {"L_quadratic_mean", c.quadratic_mean},
                            {"lambda", c.lambda},
                            {"L_local", c.local}};
  if (c.l_minus) j["problem_constants"]["L_minus"] = *c.l_minus;
  if (c.l_plus_minus) j["problem_constants"]["L_plus_minus"] = *c.l_plus_minus;
  j["bits_up_per_worker"] = static_cast<double>(summary.bits_up) / scenario.problem->num_workers();
  j["time_to_eps"] = time_to_eps;
  return j;
}

sim::RunSummary run_scenario(Scenario& scenario, const RunOptions& options) {
  prepare_output_dir(options.out, options.force);
  analysis::write_file_atomic(options.out / "scenario.json", scenario.resolved.dump(2) + "\n");
  analysis::write_file_atomic(options.out / "platform.csv",
                              analysis::platform_csv(*scenario.platform));

  sim::Runtime runtime(*scenario.problem, *scenario.algorithm, *scenario.platform,
                       scenario.options);
  analysis::RoundsCsvRecorder rounds(
      options.out / "rounds.csv", scenario.problem->num_workers(), scenario.per_worker_bits,
      scenario.algorithm->protocol() == algo::Protocol::event_driven);
  runtime.add_recorder(rounds);
  std::optional<analysis::MessagesCsvRecorder> messages;
  if (scenario.options.record_messages) {
    messages.emplace(options.out / "messages.csv");
    runtime.add_recorder(*messages);
  }
  analysis::TimeToEpsRecorder eps(scenario.report_eps);
  runtime.add_recorder(eps);
  std::optional<analysis::ProgressRecorder> progress;
  if (options.progress) {
    progress.emplace(options.progress, scenario.options.stop.max_rounds);
    runtime.add_recorder(*progress);
  }
  runtime.set_interrupt_flag(options.interrupt);
  const sim::RunSummary summary = runtime.run();
  analysis::write_file_atomic(options.out / "summary.json",
                              summary_document(scenario, summary, eps.to_json()).dump(2) + "\n");
  return summary;
}

}  // namespace commsim::scenario
