#pragma once
/// \file
/// Time to ε: when ‖∇f‖² first drops to each ε of `stop.report_eps`, i.e. the round, simulated
/// time and bits at the first recorded row at or below it (resolution: `record.every`). The one
/// crossing rule serves both the live recorder (summary.json's `time_to_eps`) and readers of a
/// finished run's rounds.csv (`commsim compare --eps`).

#include <filesystem>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/records/recorder.hpp"

namespace commsim::analysis {

/// The first crossing of one ‖∇f‖² threshold, fed the recorded values in order.
class FirstCrossing {
 public:
  explicit FirstCrossing(double eps) : eps_(eps) {}
  /// True exactly once: for the first value at or below ε (NaN never crosses).
  bool offer(double grad_norm_sq) {
    if (reached_ || !(grad_norm_sq <= eps_)) return false;
    reached_ = true;
    return true;
  }
  double eps() const { return eps_; }
  bool reached() const { return reached_; }

 private:
  double eps_;
  bool reached_ = false;
};

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
    FirstCrossing first;
    sim::RoundRecord at;
  };
  std::vector<Crossing> crossings_;
};

/// Where a finished run's trace first reached ε.
struct CsvCrossing {
  double bits_up_per_worker;
  double time_s;
};

/// The first row of `rounds_csv` with grad_norm_sq ≤ `eps` (as written, so as the recorder saw
/// it); nullopt if none. Throws ConfigError when the file is unreadable or lacks a column.
std::optional<CsvCrossing> first_crossing_in_rounds_csv(const std::filesystem::path& rounds_csv,
                                                        double eps);

}  // namespace commsim::analysis
