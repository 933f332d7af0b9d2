#include "analysis/results/sweep_compare.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "analysis/number_format.hpp"
#include "analysis/results/sweep_index.hpp"
#include "analysis/time_to_eps.hpp"
#include "sim/kernel/errors.hpp"
#include "sim/kernel/input_file.hpp"

namespace commsim::analysis {
using scenario::SweepPlan;
using scenario::SweepRun;
namespace fs = std::filesystem;
using analysis::first_crossing_in_rounds_csv;

namespace {

struct RunResult {
  fs::path dir;  ///< the run directory (summary.json, scenario.json, rounds.csv)
  std::string source, setting, method, status;
  std::size_t order = 0;
  double final_grad_norm_sq = 0.0;
  std::optional<double> bits_to_eps, time_to_eps;
  std::vector<double> report_eps;
};

std::string value_text(const sim::Json& v) {
  if (v.is_number_float()) return format_double(v.get<double>());
  return scenario::axis_value_text(v);
}

// `marina+randk(k=5)`: the algorithm's name and its compressor with its size parameter.
std::string method_label(sim::JsonReader& scenario) {
  sim::JsonReader alg = scenario.object("algorithm");
  std::string label = alg.string("name", std::string("?"));
  if (!alg.has("compressor")) return label;
  sim::JsonReader c = alg.object("compressor");
  const std::string name = c.string("name", std::string("identity"));
  if (name == "identity") return label;
  label += '+';
  label += name;
  for (const char* key : {"k", "fraction", "levels"}) {
    if (const sim::Json* v = c.raw(key)) label += fmt::format("({}={})", key, value_text(*v));
  }
  return label;
}

// The resolved scenario.json of a run, read back like an input: a hand-edited value of the
// wrong type is a ConfigError naming the file and its JSON path, not an internal error.
RunResult read_run(const fs::path& dir, const RunSummaryRecord& summary) {
  RunResult r;
  r.dir = dir;
  r.status = summary.status;
  r.final_grad_norm_sq = summary.final_grad_norm_sq.value_or(0.0);
  const fs::path file = dir / "scenario.json";
  const sim::Json doc = read_result_json(file);
  in_result_file(file, [&] {
    sim::JsonReader scenario(doc, "");
    r.method = method_label(scenario);
    sim::JsonReader stop = scenario.object("stop");
    const sim::Json& eps = stop.array("report_eps");
    for (std::size_t i = 0; i < eps.size(); ++i) {
      if (!eps[i].is_number()) {
        throw ConfigError(stop.element_path("report_eps", i),
                          "expected a number, got " + sim::json_type_name(eps[i]));
      }
      r.report_eps.push_back(eps[i].get<double>());
    }
  });
  return r;
}

// Sweep axes other than the seed and the algorithm's name and compressor (the method label
// shows those): algorithm axes extend the method, the others make the setting.
void label_axes(const SweepPlan& plan, const SweepRun& run, RunResult& r) {
  std::string extras;
  for (std::size_t k = 0; k < run.values.size(); ++k) {
    const std::string& path = plan.axis_paths()[k];
    if (path == "seed" || path == "algorithm" || path == "algorithm.name" ||
        path.rfind("algorithm.compressor", 0) == 0) {
      continue;
    }
    const std::string cell = fmt::format("{}={}", path, value_text(run.values[k]));
    if (path.rfind("algorithm", 0) == 0) {
      extras += ' ';
      extras += cell;
    } else {
      if (!r.setting.empty()) r.setting += ' ';
      r.setting += cell;
    }
  }
  r.method += extras;
}

// Every finished run of the sweep directory `dir` (the `d`-th DIR given).
void read_sweep_runs(const fs::path& dir, std::size_t d, std::vector<RunResult>& results) {
  const SweepPlan plan = load_sweep_dir(dir);
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const SweepRun run = plan.run(i);
    const fs::path rd = run_dir(dir, run.id);
    const auto summary = finished_summary(rd);
    if (!summary) continue;
    RunResult r = read_run(rd, *summary);
    r.source = dir.string();
    r.order = (d << 32) + i;
    label_axes(plan, run, r);
    results.push_back(std::move(r));
  }
}

std::vector<RunResult> read_all_runs(const std::vector<fs::path>& dirs) {
  if (dirs.empty()) throw ConfigError("compare", "give at least one run or sweep directory");
  std::vector<RunResult> results;
  for (std::size_t d = 0; d < dirs.size(); ++d) {
    const fs::path& dir = dirs[d];
    std::error_code ec;
    if (fs::exists(dir / "sweep.json", ec)) {
      read_sweep_runs(dir, d, results);
    } else if (fs::exists(dir / "summary.json", ec)) {
      const auto summary = finished_summary(dir);
      if (!summary) {
        const auto missing = missing_output(dir);
        throw ConfigError(dir.string(),
                          missing ? fmt::format("holds an incomplete run: {} is missing", *missing)
                                  : "holds an interrupted or unreadable run (summary.json)");
      }
      RunResult r = read_run(dir, *summary);
      r.source = dir.string();
      r.order = d << 32;
      results.push_back(std::move(r));
    } else {
      throw ConfigError(
          dir.string(),
          "is neither a run directory (summary.json) nor a sweep directory (sweep.json)");
    }
  }
  return results;
}

// The smallest ε every run lists (else the smallest any run lists; none: no ε).
std::optional<double> default_eps(const std::vector<RunResult>& results) {
  std::vector<double> common, all;
  for (std::size_t k = 0; k < results.size(); ++k) {
    for (double e : results[k].report_eps) {
      all.push_back(e);
      if (k == 0 && std::all_of(results.begin(), results.end(), [&](const RunResult& r) {
            return std::find(r.report_eps.begin(), r.report_eps.end(), e) != r.report_eps.end();
          })) {
        common.push_back(e);
      }
    }
  }
  if (!common.empty()) return *std::min_element(common.begin(), common.end());
  if (!all.empty()) return *std::min_element(all.begin(), all.end());
  return std::nullopt;
}

// `converged`, or `mixed(2 converged, 1 max_rounds)`.
std::string status_text(const std::map<std::string, std::size_t>& statuses) {
  if (statuses.size() == 1) return statuses.begin()->first;
  std::string status = "mixed(";
  bool first = true;
  for (const auto& [s, n] : statuses) {
    status += fmt::format("{}{} {}", first ? "" : ", ", n, s);
    first = false;
  }
  return status + ")";
}

// One row from the runs of a (source, setting, method) group: means over the runs.
CompareRow summarize_group(const std::vector<const RunResult*>& members, bool have_eps) {
  CompareRow row;
  row.runs = members.size();
  row.order = members.front()->order;
  std::map<std::string, std::size_t> statuses;
  double log_sum = 0.0, bits = 0.0, time = 0.0;
  for (const RunResult* r : members) {
    ++statuses[r->status];
    log_sum += std::log(std::max(r->final_grad_norm_sq, std::numeric_limits<double>::min()));
    if (r->time_to_eps) {
      ++row.reached;
      bits += *r->bits_to_eps;
      time += *r->time_to_eps;
    }
  }
  row.final_grad_norm_sq = std::exp(log_sum / static_cast<double>(members.size()));
  if (row.reached == row.runs && have_eps) {
    row.bits_to_eps = bits / static_cast<double>(row.runs);
    row.time_to_eps = time / static_cast<double>(row.runs);
  }
  row.status = status_text(statuses);
  return row;
}

// Rows of one setting are kept together (in sweep order); within it the fastest method first.
void sort_rows(std::vector<CompareRow>& rows) {
  std::map<std::pair<std::string, std::string>, std::size_t> setting_order;
  for (const auto& row : rows) {
    auto& o = setting_order.try_emplace({row.source, row.setting}, row.order).first->second;
    o = std::min(o, row.order);
  }
  const double inf = std::numeric_limits<double>::infinity();
  auto key = [&](const CompareRow& r) {
    return std::make_tuple(setting_order[{r.source, r.setting}], r.time_to_eps.value_or(inf),
                           r.bits_to_eps.value_or(inf), r.final_grad_norm_sq, r.order);
  };
  std::sort(rows.begin(), rows.end(),
            [&](const CompareRow& a, const CompareRow& b) { return key(a) < key(b); });
}

}  // namespace

CompareTable compare_dirs(const std::vector<fs::path>& dirs, std::optional<double> eps) {
  std::vector<RunResult> results = read_all_runs(dirs);
  CompareTable table;
  table.eps = eps ? eps : default_eps(results);
  if (table.eps) {
    for (auto& r : results) {
      if (const auto hit = first_crossing_in_rounds_csv(r.dir / "rounds.csv", *table.eps)) {
        r.bits_to_eps = hit->bits_up_per_worker;
        r.time_to_eps = hit->time_s;
      }
    }
  }
  // Group (source, setting, method), keeping the order of first appearance.
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<const RunResult*>> groups;
  for (const auto& r : results) groups[{r.source, r.setting, r.method}].push_back(&r);
  for (const auto& [key, members] : groups) {
    CompareRow row = summarize_group(members, table.eps.has_value());
    std::tie(row.source, row.setting, row.method) = key;
    table.rows.push_back(std::move(row));
  }
  sort_rows(table.rows);
  return table;
}

std::string format_compare_table(const CompareTable& table) {
  bool many_sources = false, any_setting = false;
  for (const auto& r : table.rows) {
    many_sources |= r.source != table.rows.front().source;
    any_setting |= !r.setting.empty();
  }
  std::vector<std::string> header;
  if (many_sources) header.push_back("source");
  if (any_setting) header.push_back("setting");
  for (const char* h : {"method", "runs", "status", "reached", "bits/worker to eps",
                        "time to eps (s)", "final ||grad f||^2"}) {
    header.push_back(h);
  }
  std::vector<std::vector<std::string>> cells{header};
  auto opt = [](const std::optional<double>& v) {
    return v ? fmt::format("{:.4g}", *v) : std::string("-");
  };
  for (const auto& r : table.rows) {
    std::vector<std::string> row;
    if (many_sources) row.push_back(r.source);
    if (any_setting) row.push_back(r.setting);
    row.push_back(r.method);
    row.push_back(fmt::format("{}", r.runs));
    row.push_back(r.status);
    row.push_back(table.eps ? fmt::format("{}/{}", r.reached, r.runs) : "-");
    row.push_back(opt(r.bits_to_eps));
    row.push_back(opt(r.time_to_eps));
    row.push_back(fmt::format("{:.4g}", r.final_grad_norm_sq));
    cells.push_back(std::move(row));
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& row : cells) {
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  std::string out =
      table.eps ? fmt::format("eps = {} (first recorded ||grad f||^2 <= eps; means over seeds)\n",
                              format_double(*table.eps))
                : std::string("no eps (give --eps or stop.report_eps)\n");
  for (std::size_t r = 0; r < cells.size(); ++r) {
    std::string line;
    for (std::size_t c = 0; c < cells[r].size(); ++c) {
      line += fmt::format("{:<{}}", cells[r][c], c + 1 < cells[r].size() ? width[c] + 2 : 0);
    }
    out += line + "\n";
    if (r == 0) {
      std::size_t total = 0;
      for (std::size_t c = 0; c < width.size(); ++c)
        total += width[c] + (c + 1 < width.size() ? 2 : 0);
      out += std::string(total, '-') + "\n";
    }
  }
  return out;
}

std::string format_compare_csv(const CompareTable& table) {
  std::string out =
      "source,setting,method,runs,status,reached,eps,bits_to_eps,time_to_eps_s,final_grad_norm_"
      "sq\n";
  auto opt = [](const std::optional<double>& v) { return v ? format_double(*v) : std::string(); };
  for (const auto& r : table.rows) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", csv_cell(r.source), csv_cell(r.setting),
                       csv_cell(r.method), r.runs, csv_cell(r.status), r.reached, opt(table.eps),
                       opt(r.bits_to_eps), opt(r.time_to_eps), format_double(r.final_grad_norm_sq));
  }
  return out;
}

}  // namespace commsim::analysis
