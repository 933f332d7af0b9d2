#pragma once
/// \file
/// Strict reader of LIBSVM (svmlight) text files: `label index:value index:value ...`, one sample
/// per line, 1-based strictly increasing indices. Every malformed line is an `InputError` at
/// `file:line`; nothing is guessed or skipped. The matrix is built directly in CSR form (no
/// per-token streams), so the largest benchmark files load in a few tens of milliseconds.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "algorithms/problems/dataset.hpp"

namespace commsim::algo {

/// Largest feature index accepted: a larger one is treated as a malformed line rather than a
/// request to allocate a gigantic dimension.
inline constexpr std::int64_t kMaxLibsvmIndex = 100'000'000;

/// How a LIBSVM file becomes a `Dataset`.
struct LibsvmOptions {
  /// Number of LIBSVM features (largest allowed index); when absent, the largest index seen.
  /// A line with a larger index is an error.
  std::optional<std::int64_t> dim;
  /// Prepend a constant-1 bias column, as the paper's code does: column 0 is the bias and LIBSVM
  /// feature j goes to column j, so d = features + 1. Without it feature j goes to column j − 1.
  bool bias = true;
  /// Map the two label values to ±1 (smaller → −1, larger → +1). More than two distinct values
  /// is then an error. When false, labels are kept as read (regression targets).
  bool map_labels = true;
};

/// Parses LIBSVM text already in memory; `source` names it in error messages (`source:line`).
Dataset parse_libsvm(std::string_view text, const std::string& source,
                     const LibsvmOptions& options = {});

/// Reads and parses the file at `path`; a missing or unreadable file is an `InputError` at `path`.
/// The data set's name is the file name without directories.
Dataset read_libsvm(const std::string& path, const LibsvmOptions& options = {});

}  // namespace commsim::algo
