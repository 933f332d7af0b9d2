#pragma once
/// \file
/// The problem types a scenario can name in `problem.type`: one registry entry each, whose
/// factory turns the workers' shards into local oracles and the theory constants.

#include <memory>
#include <optional>
#include <vector>

#include "algorithms/problems/dataset.hpp"
#include "algorithms/problems/problem.hpp"
#include "algorithms/problems/problem_spec.hpp"
#include "sim/kernel/registry.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::algo {

/// The keys of a problem type of its own (none yet: λ is common to every type).
struct ProblemTypeParams {};

/// What a problem type builds from: the spec (λ, the quadratic keys), one shard per worker
/// (none for the quadratic type, which has no data) and the run's random streams.
struct ProblemInputs {
  const ProblemSpec& spec;
  std::vector<Dataset> shards;
  int num_workers;
  const sim::RngStreams& streams;
};

/// What a problem type builds from the shards; `Problem` is assembled from it.
struct ProblemParts {
  std::vector<std::unique_ptr<LocalOracle>> locals;
  SmoothnessConstants constants;  ///< lambda, and L_−/L_± where known (local L_i are added later)
  bool convex = false;
  std::optional<Vector> optimum;  ///< the exact minimiser, when there is a closed form
  bool homogeneous = false;       ///< every local is the same function (see Problem)
};

/// Builds a type's parts from its inputs (λ = `spec.lambda`; nullopt: the type's default rule).
using ProblemFactory = ProblemParts (*)(ProblemInputs inputs);

/// Every problem type (kind "problems", noun "problem", name key "type", required).
const sim::Registry<ProblemFactory>& problem_registry();

/// Every problem type, with a one-line description.
const std::vector<sim::RegistryEntry>& problem_types();

}  // namespace commsim::algo
