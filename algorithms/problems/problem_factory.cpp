#include "algorithms/problems/problem_factory.hpp"

#include <algorithm>
#include <cmath>

#include "algorithms/problems/split.hpp"

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

}  // namespace

std::unique_ptr<Problem> build_problem(const ProblemSpec& spec, int num_workers,
                                       const sim::RngStreams& streams, DataStore* data_store) {
  const auto& entry = problem_registry().at(spec.type);
  std::shared_ptr<const Dataset> data = load_data(spec, streams, kProblemPath, data_store);
  sim::Rng split_rng = streams.stream("split");
  std::vector<Dataset> shards = split_dataset(*data, num_workers, spec.split, split_rng,
                                              sim::join_path(kProblemPath, "data"));
  data.reset();  // the shards hold copies; free the full set (unless a store shares it)
  if (data_store) data_store->count_problem_build();

  ProblemParts parts = entry.make(spec.type.params, std::move(shards), spec.lambda);
  add_local_constants(parts.locals, parts.constants);
  auto result = std::make_unique<Problem>(spec.type.name, std::move(parts.locals),
                                          std::move(parts.constants), parts.convex);
  if (parts.optimum) {
    const double value = result->loss(*parts.optimum);
    result->set_optimum(std::move(*parts.optimum), value);
  }
  return result;
}

}  // namespace commsim::algo
