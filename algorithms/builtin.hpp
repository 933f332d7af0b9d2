#pragma once
/// \file
/// The explicit registry of methods (one line per method in builtin.cpp).

#include <memory>
#include <vector>

#include "algorithms/problems/problem.hpp"
#include "algorithms/problems/problem_shape.hpp"
#include "algorithms/roles.hpp"
#include "sim/kernel/registry.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::algo {

/// What a method's factory may look at.
struct AlgorithmContext {
  const Problem& problem;
  const sim::RngStreams& streams;
};

/// The d-vectors a method holds while it runs, what the memory guard counts (× d × 8 B): its
/// roles' state, the runtime's uplink and broadcast payloads, compressor output and the
/// observer's full-gradient evaluation. Counted from the roles' members and checked against
/// peak RSS (least squares, d = 10⁶, n = 4 and 8, randk/topk k = 10).
struct StateVectors {
  double per_worker = 0.0;  ///< vectors each worker adds
  double server = 0.0;      ///< vectors held once (server role, runtime, evaluation)
};

/// How a registered method is checked and built from its spec (read by its declaration).
struct AlgorithmFactory {
  /// Builds the method (running `check` first).
  std::unique_ptr<Algorithm> (*build)(const sim::PartSpec& spec, const AlgorithmContext& ctx);
  /// Checks what needs the problem's shape (k <= d, batch <= m, r <= n, unbiased compressor),
  /// returning the keys whose defaults the shape fixed (for the resolved scenario); null when
  /// nothing depends on the shape.
  sim::Json (*check)(const sim::PartSpec& spec, const ProblemShape& shape) = nullptr;
  /// Its memory, declared with the method.
  StateVectors state = {};
};
using AlgorithmRegistry = sim::Registry<AlgorithmFactory>;

/// Every method, in the order `commsim list` prints them (kind "algorithms", name key "name",
/// required).
const AlgorithmRegistry& algorithm_registry();
/// Names and descriptions of every method.
std::vector<sim::RegistryEntry> algorithm_names();

/// Checks a method spec against the problem's shape without building it; returns the values
/// of shape-dependent defaults (e.g. {"batch": 3}) to record under the method's object.
sim::Json check_algorithm(const sim::PartSpec& spec, const ProblemShape& shape);

/// The d-vectors the method of `spec` holds (its registry entry's figure).
StateVectors state_vectors(const sim::PartSpec& spec);

/// Builds the method of `spec` (read by `algorithm_registry().read`) for the problem.
std::unique_ptr<Algorithm> build_algorithm(const sim::PartSpec& spec, const AlgorithmContext& ctx);

/// Bits of a dense vector of `dim` floats of `float_bits` each.
inline sim::Bits dense_bits(Eigen::Index dim, int float_bits) {
  return static_cast<sim::Bits>(dim) * static_cast<sim::Bits>(float_bits);
}

}  // namespace commsim::algo
