#pragma once
/// \file
/// How a MARINA-family worker forms its gradients (paper_spec.md §3): the strategy a method's
/// factory picks from its Params, so the worker never switches on the variant.
/// - full_gradient_estimator(): MARINA, ∇f_i with the previous one cached (one full gradient
///   per compressed round; two after an idle round, when the cache is stale),
/// - finite_sum_estimator(b'): VR-MARINA, b' local samples without replacement, the same at
///   x^{k+1} and x^k; dense uploads send the full local gradient,
/// - online_estimator(b', b): online VR-MARINA, every sample drawn with replacement from the
///   local data; dense uploads send a fresh batch of b.
/// Samples come from the worker's stream ("sampling", worker).

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "algorithms/problems/local_oracle.hpp"
#include "algorithms/roles.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::algo {

/// Buffers a worker needs only during its own on_downlink call. The workers of one run are
/// called one at a time (a run is single-threaded; parallel sweeps build separate runs), so they
/// share one set: at 10,000 workers this saves three d-vectors per worker.
struct MarinaScratch {
  Vector grad_new;    ///< ∇f_i(x^{k+1}) or its minibatch estimate
  Vector batch_prev;  ///< the minibatch estimate at x^k
  Vector diff;        ///< the difference that gets compressed
};

/// One worker's gradient estimator.
class GradientEstimator {
 public:
  virtual ~GradientEstimator() = default;
  /// The dense upload at x (setup exchange and sync rounds) into `out`; returns the work.
  virtual sim::Work dense(const Vector& x, Vector& out) = 0;
  /// The estimate of ∇f_i(x) − ∇f_i(x_prev) for the j-th uplink of this round into `diff`;
  /// returns the work. An estimator may leave `diff` as it was for j > 0 (one difference per
  /// round: a client drawn twice sends two compressions of it).
  virtual sim::Work difference(const Vector& x_prev, const Vector& x, std::size_t j,
                               Vector& diff) = 0;
  /// Called after the uplinks of a compressed round.
  virtual void end_round() {}
  /// Called on a round in which the worker uploads nothing (it still steps x).
  virtual void skip() {}
};

/// Builds worker `worker`'s estimator on its oracle; `scratch` is shared by all workers.
using EstimatorFactory = std::function<std::unique_ptr<GradientEstimator>(
    const LocalOracle& oracle, const sim::RngStreams& streams, int worker, MarinaScratch& scratch)>;

/// MARINA's estimator: full local gradients, the previous one cached.
EstimatorFactory full_gradient_estimator();
/// VR-MARINA's: b' = `batch` samples without replacement at both points.
EstimatorFactory finite_sum_estimator(std::uint32_t batch);
/// Online VR-MARINA's: b' = `batch` samples with replacement at both points, b = `large_batch`
/// samples with replacement for dense uploads.
EstimatorFactory online_estimator(std::uint32_t batch, std::uint32_t large_batch);

}  // namespace commsim::algo
