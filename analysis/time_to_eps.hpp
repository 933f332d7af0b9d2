#pragma once
/// \file
/// Records when ‖∇f‖² first drops to each ε of `stop.report_eps`: the round, simulated time and
/// bits at the first recorded row at or below it (resolution: `record.every`).

#include <vector>

#include <nlohmann/json.hpp>

#include "sim/records/recorder.hpp"

namespace commsim::analysis {

/// First crossings of a list of ‖∇f‖² thresholds.
class TimeToEpsRecorder final : public sim::Recorder {
 public:
  explicit TimeToEpsRecorder(std::vector<double> eps);
  void on_round(const sim::RoundRecord& r) override;
  /// `[{eps, reached, round, time_s, bits_up, bits_up_per_worker, grad_evals}, …]`; unreached
  /// thresholds have `reached: false` and null figures.
  nlohmann::json to_json() const;

 private:
  struct Crossing {
    double eps;
    bool reached = false;
    sim::RoundRecord at;
  };
  std::vector<Crossing> crossings_;
};

}  // namespace commsim::analysis
