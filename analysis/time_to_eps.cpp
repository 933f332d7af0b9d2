#include "analysis/time_to_eps.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"
#include "sim/kernel/input_file.hpp"

namespace commsim::analysis {

namespace fs = std::filesystem;

TimeToEpsRecorder::TimeToEpsRecorder(std::vector<double> eps) {
  for (double e : eps) crossings_.push_back(Crossing{FirstCrossing(e), {}});
}

void TimeToEpsRecorder::on_round(const sim::RoundRecord& r) {
  for (auto& c : crossings_) {
    if (c.first.offer(r.grad_norm_sq)) {
      c.at = r;
      // The per-worker spans point into the runtime's live counters: not ours to keep.
      c.at.bits_up_by_worker = {};
      c.at.bits_down_by_worker = {};
    }
  }
}

nlohmann::json TimeToEpsRecorder::to_json() const {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : crossings_) {
    nlohmann::json j;
    j["eps"] = c.first.eps();
    j["reached"] = c.first.reached();
    if (c.first.reached()) {
      j["round"] = c.at.round;
      j["time_s"] = c.at.time.to_seconds();
      j["bits_up"] = c.at.bits_up;
      j["bits_up_per_worker"] = c.at.bits_up_per_worker;
      j["grad_evals"] = c.at.grad_evals;
    } else {
      for (const char* key : {"round", "time_s", "bits_up", "bits_up_per_worker", "grad_evals"})
        j[key] = nullptr;
    }
    out.push_back(std::move(j));
  }
  return out;
}

namespace {

std::vector<std::string> split_csv_line(const std::string& s) {
  std::vector<std::string> cells;
  std::stringstream ss(s);
  for (std::string cell; std::getline(ss, cell, ',');) cells.push_back(cell);
  return cells;
}

std::size_t column(const std::vector<std::string>& header, const fs::path& file, const char* name) {
  const auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end())
    throw ConfigError(file.string() + ":1", fmt::format("no column \"{}\"", name));
  return static_cast<std::size_t>(it - header.begin());
}

// A cell of a recorded column: a number ("nan"/"inf" included); empty reads as no value.
double number_cell(const std::string& cell, const fs::path& file, std::size_t line,
                   const std::string& name) {
  if (cell.empty()) return std::numeric_limits<double>::quiet_NaN();
  char* end = nullptr;
  const double x = std::strtod(cell.c_str(), &end);
  if (end != cell.c_str() + cell.size()) {
    throw InputError(fmt::format("{}:{}", file.string(), line),
                     fmt::format("column {}: \"{}\" is not a number", name, cell));
  }
  return x;
}

}  // namespace

std::optional<CsvCrossing> first_crossing_in_rounds_csv(const fs::path& rounds_csv, double eps) {
  std::istringstream in(sim::read_input_file(rounds_csv, "rounds file"));
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  const auto header = split_csv_line(line);
  const std::size_t g = column(header, rounds_csv, "grad_norm_sq"),
                    t = column(header, rounds_csv, "time_s"),
                    b = column(header, rounds_csv, "bits_up_per_worker");
  FirstCrossing first(eps);
  for (std::size_t n = 2; std::getline(in, line); ++n) {
    const auto cells = split_csv_line(line);
    if (cells.size() != header.size()) {
      throw InputError(fmt::format("{}:{}", rounds_csv.string(), n),
                       fmt::format("{} cells, the header has {}", cells.size(), header.size()));
    }
    if (first.offer(number_cell(cells[g], rounds_csv, n, "grad_norm_sq"))) {
      return CsvCrossing{number_cell(cells[b], rounds_csv, n, "bits_up_per_worker"),
                         number_cell(cells[t], rounds_csv, n, "time_s")};
    }
  }
  return std::nullopt;
}

}  // namespace commsim::analysis
