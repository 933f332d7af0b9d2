#include "analysis/results/run_summary_record.hpp"

#include "scenarios/scenario_file.hpp"
#include "sim/kernel/errors.hpp"
#include "sim/kernel/input_file.hpp"

namespace commsim::analysis {
namespace fs = std::filesystem;
using sim::Json;
using sim::JsonReader;

namespace {

std::optional<double> real(JsonReader& r, const char* key) {
  if (!r.has(key)) return std::nullopt;  // absent or null (JSON's NaN)
  return r.number(key, std::nullopt);
}

std::optional<std::int64_t> integer(JsonReader& r, const char* key) {
  if (!r.has(key)) return std::nullopt;
  return r.integer(key, std::nullopt);
}

std::vector<EpsCrossingRecord> read_crossings(JsonReader& summary) {
  std::vector<EpsCrossingRecord> out;
  const Json& crossings = summary.array("time_to_eps");
  for (std::size_t i = 0; i < crossings.size(); ++i) {
    JsonReader c(crossings[i], summary.element_path("time_to_eps", i));
    out.push_back({c.number("eps", std::nullopt), integer(c, "round"), real(c, "time_s"),
                   real(c, "bits_up_per_worker")});
  }
  return out;
}

}  // namespace

Json read_result_json(const fs::path& file) {
  return scenario::parse_json(sim::read_input_file(file, "result file"), file.string());
}

void in_result_file(const fs::path& file, const std::function<void()>& read) {
  try {
    read();
  } catch (const ConfigError& e) {
    // `file: path: what`, so a hand-edited result names both the file and the bad value.
    std::string what = e.what();
    const std::string prefix = e.where() + ": ";
    if (what.rfind(prefix, 0) == 0) what = what.substr(prefix.size());
    throw ConfigError(file.string() + ": " + e.where(), what);
  }
}

std::optional<RunSummaryRecord> read_summary(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return std::nullopt;
  const Json j = read_result_json(file);
  RunSummaryRecord r;
  in_result_file(file, [&] {
    JsonReader s(j, "");
    r.status = s.string("status", std::nullopt);
    r.rounds = integer(s, "rounds");
    r.bits_up = integer(s, "bits_up");
    r.bits_down = integer(s, "bits_down");
    r.grad_evals = integer(s, "grad_evals");
    r.time_s = real(s, "time_s");
    r.bits_up_per_worker = real(s, "bits_up_per_worker");
    JsonReader final_values = s.object("final");
    r.final_grad_norm_sq = real(final_values, "grad_norm_sq");
    r.final_loss = real(final_values, "loss");
    r.wall_seconds = real(s, "wall_seconds");
    r.time_to_eps = read_crossings(s);
  });
  return r;
}

}  // namespace commsim::analysis
