#include "algorithms/problems/problem_shape.hpp"

#include <algorithm>

#include "algorithms/problems/data_source.hpp"
#include "algorithms/problems/problem_factory.hpp"
#include "algorithms/problems/split.hpp"

namespace commsim::algo {

ProblemShape shape_of(const Problem& problem) {
  Eigen::Index min_samples = problem.local(0).num_samples();
  for (int i = 1; i < problem.num_workers(); ++i)
    min_samples = std::min(min_samples, problem.local(i).num_samples());
  return ProblemShape{problem.dim(), problem.num_workers(), min_samples};
}

ProblemShape shape_of(const ProblemSpec& spec, int num_workers, const sim::RngStreams& streams,
                      DataStore* store) {
  if (!spec.uses_data()) {
    // The quadratic problem: one "sample" per worker, no data set to load.
    return ProblemShape{static_cast<Eigen::Index>(spec.quadratic->dim), num_workers, 1};
  }
  const std::shared_ptr<const Dataset> data = load_data(spec, streams, "problem", store);
  check_split_size(data->num_samples(), num_workers, "problem.data");
  check_batch_size(spec, data->num_samples() / num_workers);
  return ProblemShape{data->dim(), num_workers, data->num_samples() / num_workers};
}

}  // namespace commsim::algo
