#include "algorithms/participation_sampler.hpp"

#include <algorithm>
#include <numeric>

namespace commsim::algo {
namespace {

class Everyone final : public ParticipationSampler {
 public:
  void draw(std::vector<std::uint32_t>& uploads) override {
    std::fill(uploads.begin(), uploads.end(), 1u);
  }
};

/// Draws r clients from a candidate list, which is 0..n-1 unless a subclass narrows it.
class UniformClients : public ParticipationSampler {
 public:
  UniformClients(const sim::RngStreams& streams, int n, int r, bool with_replacement)
      : participation_(streams.stream("participation")),
        with_replacement_(with_replacement),
        r_(r),
        drawn_(static_cast<std::size_t>(r)),
        candidates_(static_cast<std::size_t>(n)) {
    std::iota(candidates_.begin(), candidates_.end(), 0u);
  }

  void draw(std::vector<std::uint32_t>& uploads) override {
    std::fill(uploads.begin(), uploads.end(), 0u);
    // Draws index the candidate list; when it is 0..n-1 they are exactly those of a plain
    // uniform choice among all n clients.
    const auto n = static_cast<std::uint64_t>(candidates_.size());
    if (with_replacement_) {
      for (int j = 0; j < r_; ++j) ++uploads[candidates_[participation_.below(n)]];
      return;
    }
    const std::size_t r = std::min<std::size_t>(drawn_.size(), candidates_.size());
    participation_.sample_without_replacement(n, std::span<std::uint32_t>(drawn_.data(), r),
                                              scratch_);
    for (std::size_t j = 0; j < r; ++j) uploads[candidates_[drawn_[j]]] = 1;
  }

 protected:
  sim::Rng participation_;
  bool with_replacement_;
  int r_;
  std::vector<std::uint32_t> drawn_, scratch_;
  std::vector<std::uint32_t> candidates_;  ///< workers eligible for the next draw
};

class AvailableClients final : public UniformClients {
 public:
  using UniformClients::UniformClients;
  bool uses_availability() const override { return true; }
  void observe_availability(std::span<const std::uint8_t> online) override {
    candidates_.clear();
    for (std::size_t i = 0; i < online.size(); ++i) {
      if (online[i]) candidates_.push_back(static_cast<std::uint32_t>(i));
    }
    // Nobody online: fall back to every worker (the server will simply wait).
    if (candidates_.empty()) {
      for (std::size_t i = 0; i < online.size(); ++i)
        candidates_.push_back(static_cast<std::uint32_t>(i));
    }
  }
};

}  // namespace

SamplerFactory everyone() {
  return [](const sim::RngStreams&, int) { return std::make_unique<Everyone>(); };
}

SamplerFactory uniform_clients(int r, bool with_replacement) {
  return [r, with_replacement](const sim::RngStreams& streams, int n) {
    return std::make_unique<UniformClients>(streams, n, r, with_replacement);
  };
}

SamplerFactory available_clients(int r, bool with_replacement) {
  return [r, with_replacement](const sim::RngStreams& streams, int n) {
    return std::make_unique<AvailableClients>(streams, n, r, with_replacement);
  };
}

}  // namespace commsim::algo
