#include "algorithms/problems/problem_shape.hpp"

#include <algorithm>

namespace commsim::algo {

ProblemShape shape_of(const Problem& problem) {
  Eigen::Index min_samples = problem.local(0).num_samples();
  for (int i = 1; i < problem.num_workers(); ++i)
    min_samples = std::min(min_samples, problem.local(i).num_samples());
  return ProblemShape{problem.dim(), problem.num_workers(), min_samples};
}

}  // namespace commsim::algo
