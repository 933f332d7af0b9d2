#include "scenarios/sweep/sweep_progress.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace commsim::scenario {

std::string format_eta(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return "?";
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

SweepProgress::SweepProgress(std::FILE* out, bool bar, std::size_t total, std::size_t already)
    : out_(out),
      bar_(bar),
      total_(total),
      done_(already),
      already_(already),
      start_(Clock::now()) {}

void SweepProgress::on_run(const std::string& id, const std::string& status, double wall,
                           std::size_t failed) {
  if (!out_) return;
  if (status != "failed" && status != "interrupted") ++done_;
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  const std::size_t here = done_ - already_ + failed;
  const double eta = here ? elapsed / static_cast<double>(here) *
                                static_cast<double>(total_ - std::min(total_, done_ + failed))
                          : -1.0;
  if (bar_) {
    // Redrawn at most ten times a second (a sweep of many tiny runs would flood the terminal).
    const auto now = Clock::now();
    if (done_ + failed < total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    constexpr int kWidth = 30;
    const int filled = total_ ? static_cast<int>(kWidth * done_ / total_) : kWidth;
    fmt::print(out_, "\rsweep [{}{}] {}/{} runs, {} failed, ETA {}   ", std::string(filled, '#'),
               std::string(kWidth - filled, '.'), done_, total_, failed, format_eta(eta));
  } else {
    fmt::print(out_, "sweep: run {} {} in {:.2f} s ({}/{} done, {} failed, ETA {})\n", id, status,
               wall, done_, total_, failed, format_eta(eta));
  }
  std::fflush(out_);
}

void SweepProgress::finish() {
  if (out_ && bar_) fmt::print(out_, "\n");
}

}  // namespace commsim::scenario
