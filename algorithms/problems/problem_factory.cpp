#include "algorithms/problems/problem_factory.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "algorithms/problems/batch_oracle.hpp"
#include "algorithms/problems/forwarding_oracle.hpp"
#include "algorithms/problems/noisy_oracle.hpp"
#include "algorithms/problems/split.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::algo {
namespace {

// The JSON path of the problem section, which error messages name.
constexpr const char* kProblemPath = "problem";

// L_i of every worker, their maximum and their quadratic mean.
void add_local_constants(const std::vector<std::unique_ptr<LocalOracle>>& locals,
                         SmoothnessConstants& constants) {
  double sum_sq = 0.0;
  for (const auto& l : locals) {
    constants.local.push_back(l->smoothness());
    constants.max_local = std::max(constants.max_local, l->smoothness());
    sum_sq += l->smoothness() * l->smoothness();
  }
  constants.quadratic_mean = std::sqrt(sum_sq / static_cast<double>(locals.size()));
}

// The stochastic oracles of `problem.batch` and `problem.noise` around each worker's exact
// one (noise on top of the minibatch), each worker with its own streams.
void make_stochastic(const ProblemSpec& spec, const sim::RngStreams& streams,
                     std::vector<std::unique_ptr<LocalOracle>>& locals) {
  if (!spec.batch && !spec.noise) return;
  for (std::size_t i = 0; i < locals.size(); ++i) {
    std::shared_ptr<const LocalOracle> oracle = std::move(locals[i]);
    if (spec.batch)
      oracle = std::make_shared<BatchOracle>(oracle, spec.batch->size, spec.batch->replacement,
                                             streams.stream("oracle_batch", i));
    if (spec.noise)
      oracle = std::make_shared<NoisyOracle>(oracle, spec.noise->variance,
                                             streams.stream("oracle_noise", i));
    locals[i] = std::make_unique<ForwardingOracle>(std::move(oracle));
  }
}

}  // namespace

void check_batch_size(const ProblemSpec& spec, std::int64_t min_local_samples) {
  if (!spec.batch || spec.batch->replacement || spec.batch->size <= min_local_samples) return;
  throw ConfigError(
      "problem.batch.size",
      fmt::format("{} violates size <= m = {} (the fewest local samples of a worker) for a "
                  "minibatch without replacement; set replacement to true or lower the size",
                  spec.batch->size, min_local_samples));
}

std::unique_ptr<Problem> build_problem(const ProblemSpec& spec, int num_workers,
                                       const sim::RngStreams& streams, DataStore* data_store) {
  const auto& entry = problem_registry().at(spec.type);
  ProblemInputs inputs{spec, {}, num_workers, streams};
  if (spec.uses_data()) {
    std::shared_ptr<const Dataset> data = load_data(spec, streams, kProblemPath, data_store);
    sim::Rng split_rng = streams.stream("split");
    inputs.shards = split_dataset(*data, num_workers, spec.split, split_rng,
                                  sim::join_path(kProblemPath, "data"));
    data.reset();  // the shards hold copies; free the full set (unless a store shares it)
    if (data_store) data_store->count_problem_build();
    std::int64_t min_samples = inputs.shards.front().num_samples();
    for (const auto& s : inputs.shards) min_samples = std::min(min_samples, s.num_samples());
    check_batch_size(spec, min_samples);
  }

  ProblemParts parts = entry.make(std::move(inputs));
  add_local_constants(parts.locals, parts.constants);
  make_stochastic(spec, streams, parts.locals);
  auto result = std::make_unique<Problem>(spec.type.name, std::move(parts.locals),
                                          std::move(parts.constants), parts.convex);
  if (parts.homogeneous) result->set_homogeneous();
  if (spec.noise) result->set_noise_variance(spec.noise->variance);
  if (parts.optimum) {
    const double value = result->loss(*parts.optimum);
    result->set_optimum(std::move(*parts.optimum), value);
  }
  return result;
}

}  // namespace commsim::algo
