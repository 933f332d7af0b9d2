#pragma once
/// \file
/// Pieces every compressed method shares: reading the compressor and the coin probability,
/// checking that the compressor suits the method, batch sizes, and the per-worker compression
/// state (its own compressor copy, its RNG stream and its `CompressionContext`).

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "algorithms/builtin.hpp"
#include "algorithms/compressors/compressor.hpp"

namespace commsim::algo {

/// Reads `algorithm.compressor` (an object; absent = identity) and builds it for the problem.
std::unique_ptr<Compressor> read_compressor(sim::JsonReader& cfg, const Problem& problem,
                                            int float_bits);

/// Throws ConfigError at `algorithm.compressor.name` when `q` is biased: `method` needs E[Q(x)] =
/// x.
void require_unbiased(const Compressor& q, const sim::JsonReader& cfg, const std::string& method);

/// Reads a probability `key`: "theory" (default; uses `theory`) or a number in (0, 1].
double read_probability(sim::JsonReader& cfg, const std::string& key, double theory);

/// min_i m_i: the smallest local sample count (batch sizes must fit every worker).
Eigen::Index min_local_samples(const Problem& problem);

/// Reads an integer batch size `key` (default `def`), 1 ≤ b ≤ `max` (error names the bound).
std::uint32_t read_batch(sim::JsonReader& cfg, const std::string& key, std::int64_t def,
                         std::int64_t max, const std::string& what);

/// ⌈0.01 m⌉, the paper's b' (at least 1).
std::int64_t one_percent(Eigen::Index m);

/// The uplink mean (1/|U|) Σ u.payload into `out`.
void mean_payload(std::span<const Uplink* const> uplinks, Vector& out);

/// One worker's compression state: an own copy of the compressor, its RNG stream and context.
class WorkerCompression {
 public:
  /// `shared_stream`: every worker draws from the same stream (the authors' code, where all
  /// processes seed numpy alike and so pick the same RandK mask each round).
  WorkerCompression(const Compressor& q, const sim::RngStreams& streams, int worker,
                    int num_workers, bool shared_stream = false);
  /// Compresses `x` into `out` and returns its bits.
  sim::Bits compress(const Vector& x, Vector& out) { return q_->compress(x, rng_, ctx_, out); }
  /// Advances the round counter seen by correlated compressors (call once per round).
  void next_round() { ++ctx_.round; }

 private:
  std::unique_ptr<Compressor> q_;
  sim::Rng rng_;
  CompressionContext ctx_;
};

}  // namespace commsim::algo
