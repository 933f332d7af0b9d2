#include "analysis/results/sweep_index.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "analysis/atomic_file.hpp"
#include "analysis/number_format.hpp"
#include "analysis/results/sweep_lock.hpp"
#include "scenarios/run_command.hpp"
#include "scenarios/scenario_file.hpp"
#include "sim/kernel/errors.hpp"
#include "sim/kernel/input_file.hpp"

namespace commsim::analysis {
namespace fs = std::filesystem;
using OJson = nlohmann::ordered_json;

namespace {

std::string read_text(const fs::path& p) {
  return sim::read_input_file(p, "sweep definition");
}

// A summary figure as a CSV cell: integers exactly, reals in the shortest round-trip form,
// nothing when the summary has no value.
std::string number_cell(const std::optional<std::int64_t>& v) {
  return v ? fmt::format("{}", *v) : std::string();
}
std::string number_cell(const std::optional<double>& v) {
  return v ? format_double(*v) : std::string();
}

std::string definition_text(const OJson& def) {
  return def.dump(2) + "\n";
}

// What a sweep leaves when killed (or stopped by a full disk) before sweep.json is in place:
// the lock file, an empty runs/ and the temporary sweep.json. Such a directory is taken as
// empty, so a resume proceeds.
bool only_setup_leftovers(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    const bool empty_runs = name == "runs" && entry.is_directory(ec) && fs::is_empty(entry, ec);
    if (!empty_runs && name != "sweep.json.tmp" && name != kSweepLockFile) return false;
  }
  return !ec;
}

}  // namespace

// Every output a finished run writes is there (each is renamed into place only when complete):
// a run that lost one (deleted by hand, or by a tool) is redone rather than indexed.
std::optional<std::string> missing_output(const fs::path& dir) {
  std::error_code ec;
  // Checked before it is read: read_text refuses a missing file, and a missing file here only
  // means the run is to be redone (one that is there but not a regular file is still refused).
  if (!fs::exists(dir / "scenario.json", ec)) return "scenario.json";
  const sim::Json resolved = sim::Json::parse(read_text(dir / "scenario.json"), nullptr,
                                              /*allow_exceptions=*/false);
  // A scenario.json that does not parse is there; reading it strictly later says what is wrong.
  bool messages = false;
  if (resolved.is_object()) {
    const auto record = resolved.find("record");
    messages = record != resolved.end() && record->is_object() && record->contains("messages") &&
               record->at("messages") == true;
  }
  for (const std::string& name : scenario::run_output_files(messages)) {
    if (!fs::is_regular_file(dir / name, ec)) return name;
  }
  return std::nullopt;
}

std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

fs::path run_dir(const fs::path& sweep_dir, const std::string& id) {
  return sweep_dir / "runs" / id;
}

std::optional<RunSummaryRecord> finished_summary(const fs::path& dir) {
  std::optional<RunSummaryRecord> summary = read_summary(dir / "summary.json");
  if (summary && (!summary->finished() || missing_output(dir))) summary.reset();
  return summary;
}

void check_sweep_dir(const fs::path& dir, const SweepPlan& plan) {
  const std::string where = "--out " + dir.string();
  const std::string wanted = definition_text(plan.definition());
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) throw ConfigError(where, "exists and is not a directory");
    const fs::path stored = dir / "sweep.json";
    if (fs::exists(stored, ec)) {
      const OJson existing = OJson::parse(read_text(stored), nullptr, /*allow_exceptions=*/false);
      if (existing.is_discarded() || definition_text(existing) != wanted) {
        throw ConfigError(where,
                          "already holds a different sweep (its sweep.json differs); refusing to "
                          "mix results, use a new --out directory");
      }
      return;
    }
    if (!only_setup_leftovers(dir)) {
      throw ConfigError(where,
                        "is not empty and holds no sweep.json; refusing to mix a sweep with other "
                        "files, use a new --out directory");
    }
  }
}

void prepare_sweep_dir(const fs::path& dir, const SweepPlan& plan) {
  check_sweep_dir(dir, plan);
  const std::string where = "--out " + dir.string();
  std::error_code ec;
  const bool has_definition = fs::exists(dir / "sweep.json", ec);
  fs::create_directories(dir / "runs", ec);
  if (ec) throw EnvironmentError(where + ": cannot create the directory: " + ec.message());
  if (!has_definition) write_file_atomic(dir / "sweep.json", definition_text(plan.definition()));
}

SweepPlan load_sweep_dir(const fs::path& dir) {
  const fs::path file = dir / "sweep.json";
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    throw ConfigError(dir.string(), "is not a sweep directory (no sweep.json)");
  const std::string text = read_text(file);
  scenario::parse_json(text, file.string());
  return SweepPlan(OJson::parse(text), dir);
}

std::vector<std::string> index_columns(const SweepPlan& plan) {
  std::vector<std::string> cols{"id"};
  for (const auto& p : plan.axis_paths()) cols.push_back(p);
  if (!plan.has_seed_axis()) cols.push_back("seed");
  for (const char* c : {"status", "rounds", "time_s", "bits_up", "bits_down", "bits_up_per_worker",
                        "grad_evals", "final_grad_norm_sq", "final_loss"}) {
    cols.push_back(c);
  }
  for (double eps : plan.report_eps()) {
    const std::string e = format_double(eps);
    cols.push_back("rounds_to_eps_" + e);
    cols.push_back("time_to_eps_" + e);
    cols.push_back("bits_to_eps_" + e);
  }
  return cols;
}

std::string index_row(const SweepPlan& plan, const SweepRun& run, const RunSummaryRecord& summary) {
  std::vector<std::string> cells{run.id};
  for (const auto& v : run.values) cells.push_back(csv_cell(scenario::axis_value_text(v)));
  if (!plan.has_seed_axis()) cells.push_back(fmt::format("{}", run.seed));
  cells.push_back(csv_cell(summary.status));
  cells.push_back(number_cell(summary.rounds));
  cells.push_back(number_cell(summary.time_s));
  cells.push_back(number_cell(summary.bits_up));
  cells.push_back(number_cell(summary.bits_down));
  cells.push_back(number_cell(summary.bits_up_per_worker));
  cells.push_back(number_cell(summary.grad_evals));
  cells.push_back(number_cell(summary.final_grad_norm_sq));
  cells.push_back(number_cell(summary.final_loss));
  for (double eps : plan.report_eps()) {
    const EpsCrossingRecord* hit = nullptr;  // the last entry for eps, as the file lists them
    for (const auto& c : summary.time_to_eps) {
      if (c.eps == eps) hit = &c;
    }
    cells.push_back(number_cell(hit ? hit->round : std::nullopt));
    cells.push_back(number_cell(hit ? hit->time_s : std::nullopt));
    cells.push_back(number_cell(hit ? hit->bits_up_per_worker : std::nullopt));
  }
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) line += ',';
    line += cells[i];
  }
  return line;
}

IndexRows scan_finished(const fs::path& dir, const SweepPlan& plan) {
  IndexRows rows;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const std::string id = plan.id(i);
    const auto summary = finished_summary(run_dir(dir, id));
    if (!summary) continue;
    rows.indices.push_back(i);
    rows.rows.push_back(index_row(plan, plan.run(i), *summary));
    rows.wall_seconds.push_back(summary->wall_seconds.value_or(0.0));
  }
  return rows;
}

void write_index(const fs::path& dir, const SweepPlan& plan, const IndexRows& rows) {
  std::string index, timing = "id,wall_seconds\n";
  const auto cols = index_columns(plan);
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (i) index += ',';
    index += csv_cell(cols[i]);
  }
  index += '\n';
  // Rows arrive sorted by index from scan_finished; sort defensively for callers that collect.
  std::vector<std::size_t> order(rows.indices.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return rows.indices[a] < rows.indices[b]; });
  for (std::size_t k : order) {
    index += rows.rows[k] + '\n';
    timing += fmt::format("{},{}\n", plan.id(rows.indices[k]), format_double(rows.wall_seconds[k]));
  }
  write_file_atomic(dir / "index.csv", index);
  write_file_atomic(dir / "timing.csv", timing);
}

std::size_t merge_sweeps(const std::vector<fs::path>& inputs, const fs::path& out) {
  if (inputs.empty())
    throw ConfigError("sweep merge", "give at least one sweep directory to merge");
  const SweepPlan plan = load_sweep_dir(inputs.front());
  const std::string wanted = definition_text(plan.definition());
  for (std::size_t k = 1; k < inputs.size(); ++k) {
    if (definition_text(load_sweep_dir(inputs[k]).definition()) != wanted) {
      throw ConfigError(inputs[k].string(),
                        fmt::format("holds a different sweep than {}; refusing to merge",
                                    inputs.front().string()));
    }
  }
  check_sweep_dir(out, plan);
  const SweepDirLock lock(out);
  prepare_sweep_dir(out, plan);
  const fs::path out_abs = fs::weakly_canonical(out);
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const std::string id = plan.id(i);
    const fs::path target = run_dir(out, id);
    if (finished_summary(target)) continue;
    for (const auto& in : inputs) {
      const fs::path source = run_dir(in, id);
      if (fs::weakly_canonical(in) == out_abs || !finished_summary(source)) continue;
      // Same atomic protocol as a run: copy under a temporary name, then rename into place.
      const fs::path tmp = target.string() + ".tmp";
      fs::remove_all(tmp);
      fs::remove_all(target);
      fs::copy(source, tmp, fs::copy_options::recursive);
      fs::rename(tmp, target);
      break;
    }
  }
  const IndexRows rows = scan_finished(out, plan);
  write_index(out, plan, rows);
  return rows.indices.size();
}

}  // namespace commsim::analysis
