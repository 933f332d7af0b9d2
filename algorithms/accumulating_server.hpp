#pragma once
/// \file
/// The server shared, as a named strategy, by MARINA (all variants), EF21 and DASHA: each round
/// it broadcasts the estimator g^k densely, steps x^{k+1} = x^k − γ g^k, and on the uplinks sets
/// g^{k+1} = g^k + mean(uplinks). These methods differ only in what their workers upload (a
/// compressed gradient difference, an error-feedback correction, a momentum message), never in
/// this bookkeeping, so one server serves all three.
///
/// Options: a counted setup exchange in which every worker sends its g⁰ densely (else the server
/// computes g⁰ = ∇f(x⁰) and nothing is counted: the authors' MARINA code); MARINA's sync coin
/// c_k ~ Bernoulli(p) (stream "server_coin", broadcast as `full_sync`: everyone uploads densely
/// and g^{k+1} = mean(uplinks)); and who uploads on the other rounds (a ParticipationSampler;
/// with r draws the mean is (1/r) Σ over them, which is PP-MARINA's estimator).

#include <memory>
#include <optional>

#include "algorithms/builtin.hpp"
#include "algorithms/participation_sampler.hpp"
#include "algorithms/shared_iterates.hpp"

namespace commsim::algo {

/// How an AccumulatingServer runs.
struct AccumulatingConfig {
  double stepsize = 0.0;                ///< γ
  int float_bits = 32;                  ///< width of a dense float
  bool initial_exchange = true;         ///< g⁰ by a counted setup exchange (else by the server)
  std::optional<double> sync_coin;      ///< MARINA's p; nullopt: never sync (EF21, DASHA)
  SamplerFactory sampler = everyone();  ///< who uploads on compressed rounds
};

/// The g ← g + mean(uplinks) server. It publishes its x^k and x^{k+1} in `published` (owned by
/// the algorithm, read by the workers) and withdraws them when destroyed.
class AccumulatingServer final : public ServerRole {
 public:
  AccumulatingServer(const Problem& problem, const sim::RngStreams& streams,
                     const AccumulatingConfig& config, SharedIterates& published);
  ~AccumulatingServer() override;
  AccumulatingServer(const AccumulatingServer&) = delete;
  AccumulatingServer& operator=(const AccumulatingServer&) = delete;
  const Downlink& start() override;
  const Downlink& on_uplinks(std::span<const Uplink* const> uplinks) override;
  const Vector& iterate() const override { return x_; }
  bool uses_availability() const override { return sampler_->uses_availability(); }
  void observe_availability(std::span<const std::uint8_t> online) override {
    sampler_->observe_availability(online);
  }
  /// The current estimator g^k (tests).
  const Vector& estimator() const { return g_; }

 private:
  const Downlink& next_round();

  const Problem& problem_;
  double stepsize_;
  bool initial_exchange_;
  std::optional<double> sync_coin_;
  sim::Rng coin_;
  std::unique_ptr<ParticipationSampler> sampler_;
  SharedIterates& published_;
  Vector x_;
  Vector x_next_;  ///< x^{k+1} = x^k − γ g^k, formed with the broadcast of g^k
  Vector g_, mean_;
  Downlink downlink_;
};

}  // namespace commsim::algo
