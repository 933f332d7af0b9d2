#include "analysis/time_to_eps.hpp"

namespace commsim::analysis {

TimeToEpsRecorder::TimeToEpsRecorder(std::vector<double> eps) {
  for (double e : eps) crossings_.push_back(Crossing{e, false, {}});
}

void TimeToEpsRecorder::on_round(const sim::RoundRecord& r) {
  for (auto& c : crossings_) {
    if (!c.reached && r.grad_norm_sq <= c.eps) {
      c.reached = true;
      c.at = r;
      c.at.bits_up_by_worker = {};
      c.at.bits_down_by_worker = {};
    }
  }
}

nlohmann::json TimeToEpsRecorder::to_json() const {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : crossings_) {
    nlohmann::json j;
    j["eps"] = c.eps;
    j["reached"] = c.reached;
    if (c.reached) {
      j["round"] = c.at.round;
      j["time_s"] = c.at.time.to_seconds();
      j["bits_up"] = c.at.bits_up;
      j["bits_up_per_worker"] = c.at.bits_up_per_worker;
      j["grad_evals"] = c.at.grad_evals;
    } else {
      j["round"] = nullptr;
      j["time_s"] = nullptr;
      j["bits_up"] = nullptr;
      j["bits_up_per_worker"] = nullptr;
      j["grad_evals"] = nullptr;
    }
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace commsim::analysis
