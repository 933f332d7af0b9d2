#include "analysis/results/run_summary_record.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sim/kernel/errors.hpp"
#include "sim/kernel/input_file.hpp"

namespace commsim::analysis {
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

const Json* field(const Json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  const auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

std::optional<double> real(const Json* v) {
  if (!v || !v->is_number()) return std::nullopt;
  return v->get<double>();
}

std::optional<std::int64_t> integer(const Json* v) {
  if (!v || !v->is_number_integer()) return std::nullopt;
  return v->get<std::int64_t>();
}

std::vector<EpsCrossingRecord> read_crossings(const Json* crossings) {
  std::vector<EpsCrossingRecord> out;
  if (!crossings || !crossings->is_array()) return out;
  for (const auto& c : *crossings) {
    const std::optional<double> eps = real(field(c, "eps"));
    if (!eps) continue;
    out.push_back({*eps, integer(field(c, "round")), real(field(c, "time_s")),
                   real(field(c, "bits_up_per_worker"))});
  }
  return out;
}

}  // namespace

std::optional<RunSummaryRecord> read_summary(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return std::nullopt;
  std::string text;
  try {
    text = sim::read_input_file(file, "run summary");
  } catch (const UserError&) {
    return std::nullopt;  // not a summary this program wrote (replaced by a pipe, unreadable)
  }
  const Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  const Json* status = field(j, "status");
  if (!status || !status->is_string()) return std::nullopt;
  RunSummaryRecord r;
  r.status = status->get<std::string>();
  r.rounds = integer(field(j, "rounds"));
  r.bits_up = integer(field(j, "bits_up"));
  r.bits_down = integer(field(j, "bits_down"));
  r.grad_evals = integer(field(j, "grad_evals"));
  r.time_s = real(field(j, "time_s"));
  r.bits_up_per_worker = real(field(j, "bits_up_per_worker"));
  const Json* final_values = field(j, "final");
  r.final_grad_norm_sq = final_values ? real(field(*final_values, "grad_norm_sq")) : std::nullopt;
  r.final_loss = final_values ? real(field(*final_values, "loss")) : std::nullopt;
  r.wall_seconds = real(field(j, "wall_seconds"));
  r.time_to_eps = read_crossings(field(j, "time_to_eps"));
  return r;
}

}  // namespace commsim::analysis
