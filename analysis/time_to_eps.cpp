#include "analysis/time_to_eps.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
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
  while (std::getline(in, line)) {
    const auto cells = split_csv_line(line);
    if (cells.size() <= std::max({g, t, b})) continue;
    if (first.offer(std::strtod(cells[g].c_str(), nullptr))) {
      return CsvCrossing{std::strtod(cells[b].c_str(), nullptr),
                         std::strtod(cells[t].c_str(), nullptr)};
    }
  }
  return std::nullopt;
}

}  // namespace commsim::analysis
