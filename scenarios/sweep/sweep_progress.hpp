#pragma once
/// \file
/// A sweep's progress on stderr: runs done / total, failures and ETA, as one redrawn bar on a
/// terminal or one log line per run otherwise.

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace commsim::scenario {

class SweepProgress {
 public:
  /// `already`: runs finished before this invocation (counted as done, not in the ETA).
  SweepProgress(std::FILE* out, bool bar, std::size_t total, std::size_t already);

  /// One run ended with `status` after `wall` seconds; `failed` runs so far.
  void on_run(const std::string& id, const std::string& status, double wall, std::size_t failed);

  /// Ends the bar's line.
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  std::FILE* out_;
  bool bar_;
  std::size_t total_, done_, already_;
  Clock::time_point start_, last_draw_{};
};

/// Seconds as `7s`, `3m05s`, `2h10m` (`?` when unknown or absurd).
std::string format_eta(double seconds);

}  // namespace commsim::scenario
