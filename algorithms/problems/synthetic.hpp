#pragma once
/// \file
/// Synthetic binary-classification data with a known ground truth: a random sparsity pattern
/// with N(0,1) values, labels sign(aᵀx_true) for x_true ~ N(0, I), optionally flipped. The
/// least-squares problem uses the same ±1 labels as regression targets.

#include <cstdint>

#include "algorithms/problems/dataset.hpp"

namespace commsim::algo {

/// Shape and randomness of a synthetic data set.
struct SyntheticOptions {
  std::int64_t samples = 1000;  ///< N rows, ≥ 1
  std::int64_t features = 20;   ///< raw features (before the optional bias column), ≥ 1
  double density = 1.0;  ///< fraction of nonzero features per row, in (0, 1]; at least one per row
  std::uint64_t seed = 1;    ///< seeds the single `sim::Rng` that draws everything
  double label_noise = 0.0;  ///< probability of flipping each label, in [0, 1]
  bool bias = true;  ///< prepend a constant-1 column 0 (the label ignores it), as for LIBSVM data

  /// Throws ConfigError at `path.<field>` for an out-of-range field.
  void validate(const std::string& path) const;
};

/// Generates the data set. Draw order (fixed, so results are reproducible): x_true first, then
/// per row its pattern (skipped when density = 1), its values and its noise coin (always drawn,
/// so changing `label_noise` keeps the features and flips labels only). A row's label is
/// sign(aᵀx_true) with sign(0) = +1, computed on the raw features. `truth`, when given,
/// receives x_true (length `features`).
Dataset make_synthetic(const SyntheticOptions& options, Vector* truth = nullptr);

}  // namespace commsim::algo
