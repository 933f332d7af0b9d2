#pragma once
/// \file
/// A labelled data set held as a row-major sparse matrix (one row per sample), and its split
/// over workers.

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Dense>
#include <Eigen/Sparse>

namespace commsim::algo {

using Vector = Eigen::VectorXd;
using SparseRows = Eigen::SparseMatrix<double, Eigen::RowMajor, std::int64_t>;

/// Samples (rows of `features`) with one label each.
struct Dataset {
  std::string name;     ///< where it came from (file name or "synthetic")
  SparseRows features;  ///< N × d, row-major
  Vector labels;        ///< N labels (±1 for classification, real targets for regression)

  Dataset() = default;
  Dataset(const Dataset&) = default;
  Dataset& operator=(const Dataset&) = default;
  // Eigen 3.4's SparseMatrix has no move constructor: std::move of one is a deep copy. Data sets
  // are handed from reader to split to oracle by value, so moves swap the storage instead (O(1)).
  Dataset(Dataset&& other) noexcept : name(std::move(other.name)), labels(std::move(other.labels)) {
    features.swap(other.features);
  }
  Dataset& operator=(Dataset&& other) noexcept {
    name = std::move(other.name);
    features.swap(other.features);
    labels = std::move(other.labels);
    return *this;
  }

  Eigen::Index num_samples() const { return features.rows(); }
  Eigen::Index dim() const { return features.cols(); }
};

}  // namespace commsim::algo
