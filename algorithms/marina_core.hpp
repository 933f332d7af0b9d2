#pragma once
/// \file
/// The engine shared by MARINA, VR-MARINA (finite sum and online) and PP-MARINA
/// (paper_spec.md §3, Algorithm 1 and its variants); the per-method files only read their keys,
/// compute their theory constants and pick the two strategies: the workers' GradientEstimator
/// (gradient_estimator.hpp) and the server's ParticipationSampler (participation_sampler.hpp).
///
/// Server: the AccumulatingServer (accumulating_server.hpp) with MARINA's sync coin: optionally a
/// `Phase::setup` exchange in which every worker sends its g⁰ densely; then every round one coin
/// c_k ~ Bernoulli(p), g^k broadcast densely with c_k as `full_sync`, and the sampler says who
/// uploads; g^{k+1} is the mean of the uplinks on sync rounds, g^k + the mean of the compressed
/// differences otherwise. Workers step x^{k+1} = x^k − γ g^k on receiving g^k; since that step
/// is the server's, to the bit, they read the algorithm's SharedIterates (shared_iterates.hpp)
/// instead of keeping n replicas. They upload the estimator's dense gradient (setup, sync) or
/// Q(the estimator's difference at x^{k+1} and x^k).

#include <memory>

#include "algorithms/accumulating_algorithm.hpp"
#include "algorithms/builtin.hpp"
#include "algorithms/gradient_estimator.hpp"
#include "algorithms/marina.hpp"
#include "algorithms/method_common.hpp"

namespace commsim::algo {

/// Everything the MARINA engine needs, already validated.
struct MarinaConfig {
  AccumulatingConfig server;  ///< γ, float width, setup exchange, sync coin p, sampler
  EstimatorFactory estimator = full_gradient_estimator();
  bool shared_compressor_seed = false;  ///< all workers use one compressor stream (authors' code)
};

/// What every MARINA variant's factory resolves alike, in the order it needs them: the
/// compressor (checked unbiased) with ω, ζ and L = max_i L_i, then p, then the stepsize and the
/// constants every variant reports. The variant sets its own strategies on `config`.
class MarinaBuilder {
 public:
  MarinaBuilder(const MarinaCommon& params, const Problem& problem, const char* method);
  /// Resolves p ("theory" = `p_theory`) and makes it the sync coin; returns it.
  double sync_probability(double p_theory);
  /// Resolves the stepsize rule ("theory", "code") and returns the shared constants: stepsize,
  /// its rule and theory value, p, p_theory, ω, ζ, L, n, compressor, initial_exchange,
  /// float_bits.
  nlohmann::json constants(double theory, double code);
  /// The configured method.
  std::unique_ptr<Algorithm> build(const sim::RngStreams& streams, nlohmann::json constants);

  MarinaConfig config;
  std::unique_ptr<Compressor> q;
  double omega = 0.0, zeta = 0.0, L = 0.0;

 private:
  const MarinaCommon& params_;
  const Problem& problem_;
  double p_ = 1.0, p_theory_ = 1.0;
};

/// The MARINA-family method of `config`: an AccumulatingAlgorithm whose workers read its
/// SharedIterates and share one MarinaScratch.
std::unique_ptr<Algorithm> make_marina_algorithm(const Problem& problem,
                                                 const sim::RngStreams& streams,
                                                 std::unique_ptr<Compressor> q, MarinaConfig config,
                                                 nlohmann::json constants);

}  // namespace commsim::algo
