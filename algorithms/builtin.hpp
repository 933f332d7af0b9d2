#pragma once
/// \file
/// The explicit registry of methods (one line per method in builtin.cpp).

#include <memory>
#include <vector>

#include "algorithms/problems/problem.hpp"
#include "algorithms/roles.hpp"
#include "sim/kernel/json_reader.hpp"
#include "sim/kernel/registry.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::algo {

/// What a method's factory may look at.
struct AlgorithmContext {
  const Problem& problem;
  const sim::RngStreams& streams;
};

/// Reads the method's own keys from `cfg` (the `algorithm` object, `name` already read),
/// validates them against the problem, and returns the configured method.
using AlgorithmFactory = std::unique_ptr<Algorithm> (*)(sim::JsonReader& cfg,
                                                        const AlgorithmContext& ctx);

/// One registered method.
struct AlgorithmEntry {
  sim::RegistryEntry info;
  AlgorithmFactory make;
};

/// Every method, in the order `commsim list` prints them.
const std::vector<AlgorithmEntry>& algorithm_registry();
/// Names and descriptions of every method.
std::vector<sim::RegistryEntry> algorithm_names();

/// Reads `algorithm.name` and builds that method (unknown names list the valid ones).
std::unique_ptr<Algorithm> build_algorithm(sim::JsonReader& cfg, const AlgorithmContext& ctx);

/// Bits of a dense vector of `dim` floats of `float_bits` each.
inline sim::Bits dense_bits(Eigen::Index dim, int float_bits) {
  return static_cast<sim::Bits>(dim) * static_cast<sim::Bits>(float_bits);
}
/// Reads `float_bits` (32 or 64, default 32): the width of every transmitted float.
int read_float_bits(sim::JsonReader& cfg);

}  // namespace commsim::algo
