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
  std::string name;   ///< where it came from (file name or "synthetic")
  SparseRows features;  ///< N × d, row-major
  Vector labels;      ///< N labels (±1 for classification, real targets for regression)

  Eigen::Index num_samples() const { return features.rows(); }
  Eigen::Index dim() const { return features.cols(); }
};

}  // namespace commsim::algo
