#include "algorithms/problems/logistic_nonconvex.hpp"

namespace commsim::algo {

template class LinearModelOracle<LogisticNonconvexModel>;

std::unique_ptr<LocalOracle> make_logistic_nonconvex(Dataset shard, double lambda) {
  const double l = 0.25 * max_row_norm_sq(shard.features) + 2.0 * lambda;
  return std::make_unique<LogisticNonconvexOracle>(std::move(shard), LogisticNonconvexModel{lambda},
                                                   l);
}

}  // namespace commsim::algo
