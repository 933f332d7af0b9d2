#include "algorithms/problems/sigmoid_squared.hpp"

#include <algorithm>

namespace commsim::algo {

template class LinearModelOracle<SigmoidSquaredModel>;

double sigmoid_squared_data_smoothness(const SparseRows& shard) {
  return kSigmoidSquaredCurvature * max_row_norm_sq(shard);
}

double sigmoid_squared_default_lambda(const std::vector<Dataset>& shards) {
  double largest = 0.0;
  for (const auto& s : shards)
    largest = std::max(largest, sigmoid_squared_data_smoothness(s.features));
  return 1e-6 * largest;
}

std::unique_ptr<LocalOracle> make_sigmoid_squared(Dataset shard, double lambda) {
  const double l = sigmoid_squared_data_smoothness(shard.features) + lambda;
  return std::make_unique<SigmoidSquaredOracle>(std::move(shard), SigmoidSquaredModel{lambda}, l);
}

}  // namespace commsim::algo
