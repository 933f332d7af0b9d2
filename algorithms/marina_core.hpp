#pragma once
/// \file
/// The engine shared by MARINA, VR-MARINA (finite sum and online) and PP-MARINA
/// (paper_spec.md §3, Algorithm 1 and its variants); the per-method files only read their keys
/// and compute their theory constants.
///
/// Server: optionally a `Phase::setup` exchange in which every worker sends its g⁰ densely; then
/// every round it draws one coin c_k ~ Bernoulli(p) (stream "server_coin"), broadcasts g^k densely
/// with c_k as `full_sync`, and says who uploads (everyone, or PP-MARINA's r draws from stream
/// "participation"). On the uplinks it steps x^{k+1} = x^k − γ g^k and forms g^{k+1}: the mean of
/// the uplinks on sync rounds, g^k + the mean of the compressed differences otherwise.
/// Workers step x^{k+1} = x^k − γ g^k on receiving g^k; since that step is the server's, to the
/// bit, they read the server's published copies (Downlink::iterate and next_iterate) instead of
/// keeping n replicas. They upload the full local gradient (sync) or Q(difference of gradient
/// estimates at x^{k+1} and x^k).

#include <memory>

#include "algorithms/builtin.hpp"
#include "algorithms/method_common.hpp"

namespace commsim::algo {

/// Everything the MARINA engine needs, already validated.
struct MarinaConfig {
  /// How a worker forms its gradients.
  enum class Estimator {
    full_gradient,  ///< MARINA: ∇f_i, the previous one cached (one full gradient per round)
    finite_sum,     ///< VR-MARINA: b' local samples without replacement, same at both points
    online,         ///< online VR-MARINA: samples drawn with replacement from the local data
  };
  Estimator estimator = Estimator::full_gradient;
  double p = 1.0;                ///< coin probability
  double stepsize = 0.0;         ///< γ
  int float_bits = 32;           ///< width of a dense float
  bool initial_exchange = true;  ///< g⁰ by a counted setup exchange (else computed by the server)
  bool shared_compressor_seed = false;  ///< all workers use one compressor stream (authors' code)
  std::uint32_t batch = 1;              ///< b' (finite_sum, online)
  std::uint32_t large_batch = 1;        ///< b (online sync rounds and g⁰)
  int clients = 0;                      ///< r for PP-MARINA; 0 = every worker every round
  bool with_replacement = true;         ///< PP-MARINA client sampling
  bool sample_available_only = false;   ///< PP-MARINA: draw only among workers online now (biased)
};

/// Buffers a worker needs only during its own on_downlink call. The workers of one run are
/// called one at a time (a run is single-threaded; parallel sweeps build separate runs), so they
/// share one set: at 10,000 workers this saves three d-vectors per worker.
struct MarinaScratch {
  Vector grad_new;    ///< ∇f_i(x^{k+1}) or its minibatch estimate
  Vector batch_prev;  ///< VR-MARINA's minibatch estimate at x^k
  Vector diff;        ///< the difference that gets compressed
};

/// MARINA's server role (also used, with p = 0 and no participation, by EF21 and DASHA, whose
/// servers do the same g ← g + mean(uplinks) bookkeeping).
class MarinaServer final : public ServerRole {
 public:
  MarinaServer(const Problem& problem, const sim::RngStreams& streams, const MarinaConfig& config);
  const Downlink& start() override;
  const Downlink& on_uplinks(std::span<const Uplink* const> uplinks) override;
  const Vector& iterate() const override { return x_; }
  bool uses_availability() const override { return config_.sample_available_only; }
  void observe_availability(std::span<const std::uint8_t> online) override;
  /// The current estimator g^k (tests).
  const Vector& estimator() const { return g_; }

 private:
  const Downlink& next_round();

  const Problem& problem_;
  MarinaConfig config_;
  sim::Rng coin_, participation_;
  Vector x_, g_, mean_;
  Vector x_next_;  ///< x^{k+1} = x^k − γ g^k, formed with the broadcast of g^k
  Downlink downlink_;
  std::vector<std::uint32_t> drawn_, scratch_;
  std::vector<std::uint32_t> candidates_;  ///< workers eligible for the next draw
};

/// A configured MARINA-family method.
class MarinaAlgorithm final : public Algorithm {
 public:
  MarinaAlgorithm(const Problem& problem, const sim::RngStreams& streams,
                  std::unique_ptr<Compressor> q, MarinaConfig config, nlohmann::json constants);
  std::unique_ptr<ServerRole> make_server() const override;
  std::unique_ptr<WorkerRole> make_worker(int worker) const override;
  nlohmann::json constants() const override { return constants_; }

 private:
  const Problem& problem_;
  sim::RngStreams streams_;
  std::unique_ptr<Compressor> q_;
  MarinaConfig config_;
  nlohmann::json constants_;
  std::unique_ptr<MarinaScratch>
      scratch_;  ///< shared by this algorithm's workers (see MarinaScratch)
};

}  // namespace commsim::algo
