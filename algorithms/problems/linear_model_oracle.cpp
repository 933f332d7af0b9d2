#include "algorithms/problems/linear_model_oracle.hpp"

#include <algorithm>

namespace commsim::algo {

double max_row_norm_sq(const SparseRows& a) {
  double best = 0.0;
  for (Eigen::Index r = 0; r < a.outerSize(); ++r) {
    double norm_sq = 0.0;
    for (SparseRows::InnerIterator it(a, r); it; ++it) norm_sq += it.value() * it.value();
    best = std::max(best, norm_sq);
  }
  return best;
}

}  // namespace commsim::algo
