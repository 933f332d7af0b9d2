#include "analysis/progress.hpp"

#include <fmt/format.h>

namespace commsim::analysis {

ProgressRecorder::ProgressRecorder(std::FILE* out, std::uint64_t max_rounds)
    : out_(out),
      max_rounds_(max_rounds),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void ProgressRecorder::on_round(const sim::RoundRecord& r) {
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  std::string eta = "?";
  if (r.round > 0 && max_rounds_ > r.round) {
    eta = fmt::format("{:.0f}s", elapsed / static_cast<double>(r.round) *
                                     static_cast<double>(max_rounds_ - r.round));
  }
  fmt::print(out_, "\rround {:>8}/{}  t_sim={:<10.4g}s  ||grad f||^2={:<11.4e}  ETA {:<8}", r.round,
             max_rounds_, r.time.to_seconds(), r.grad_norm_sq, eta);
  std::fflush(out_);
}

void ProgressRecorder::on_finish(const sim::RunSummary&) {
  if (drawn_) {
    fmt::print(out_, "\r{:<90}\r", "");
    std::fflush(out_);
  }
}

}  // namespace commsim::analysis
