#pragma once
/// \file
/// Seeded random streams. Every consumer draws from its own stream, keyed by
/// (seed, purpose, id), e.g. ("compressor", worker 3) or ("jitter", worker 3). Changing a
/// network parameter therefore never changes the optimizer's draws, and a bandwidth sweep is a
/// paired comparison. The generator and every distribution are written here (xoshiro256**,
/// seeded through splitmix64) because the standard library's distributions are
/// implementation-defined and would break byte-identical traces across toolchains.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace commsim::sim {

/// splitmix64 step: the standard 64-bit mixer, used for seeding and hashing keys.
std::uint64_t splitmix64(std::uint64_t& state);

/// FNV-1a hash of a purpose string: stable across platforms and releases.
std::uint64_t stable_hash(std::string_view text);

/// A xoshiro256** generator with portable distributions.
class Rng {
 public:
  /// A generator whose state is expanded from `seed` by splitmix64.
  explicit Rng(std::uint64_t seed = 0);

  /// Next raw 64-bit value.
  std::uint64_t next();
  /// Uniform double in [0, 1) with 53 random bits.
  double uniform();
  /// Uniform double in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Uniform integer in [0, n) without modulo bias (Lemire's method); n ≥ 1.
  std::uint64_t below(std::uint64_t n);
  /// True with probability p.
  bool bernoulli(double p) { return uniform() < p; }
  /// Standard normal draw (Marsaglia polar method; no cached second value, so draws are
  /// independent of call history beyond the generator state).
  double normal();
  /// Exponential draw with mean 1.
  double exponential();
  /// Writes k distinct indices drawn uniformly from [0, n) into `out` (size k), in the order
  /// drawn. Uses Floyd's algorithm for k ≪ n and a partial Fisher–Yates shuffle of `scratch`
  /// otherwise; `scratch` is reused between calls to avoid allocation.
  void sample_without_replacement(std::uint64_t n, std::span<std::uint32_t> out,
                                  std::vector<std::uint32_t>& scratch);
  /// A uniformly random permutation of [0, n) into `out` (resized to n).
  void permutation(std::uint32_t n, std::vector<std::uint32_t>& out);

 private:
  std::uint64_t s_[4];
};

/// The factory of independent streams for one run.
class RngStreams {
 public:
  explicit RngStreams(std::uint64_t seed) : seed_(seed) {}
  std::uint64_t seed() const { return seed_; }
  /// The stream for (purpose, id): the same key always gives the same sequence.
  Rng stream(std::string_view purpose, std::uint64_t id = 0) const;
  /// A 64-bit value derived from (seed, purpose, id), e.g. a child seed.
  std::uint64_t derive(std::string_view purpose, std::uint64_t id = 0) const;

 private:
  std::uint64_t seed_;
};

}  // namespace commsim::sim
