#pragma once
/// \file
/// A progress line on stderr while a run is going (only when stderr is a terminal): round,
/// simulated time, ‖∇f‖² and an ETA from the round limit. Redrawn at most ten times a second.

#include <chrono>
#include <cstdint>
#include <cstdio>

#include "sim/records/recorder.hpp"

namespace commsim::analysis {

/// Draws `\r`-updated progress to a terminal.
class ProgressRecorder final : public sim::Recorder {
 public:
  ProgressRecorder(std::FILE* out, std::uint64_t max_rounds);
  void on_round(const sim::RoundRecord& r) override;
  void on_finish(const sim::RunSummary&) override;

 private:
  std::FILE* out_;
  std::uint64_t max_rounds_;
  std::chrono::steady_clock::time_point start_, last_draw_;
  bool drawn_ = false;
};

}  // namespace commsim::analysis
