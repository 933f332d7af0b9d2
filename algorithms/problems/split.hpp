#pragma once
/// \file
/// How the N samples are dealt to n workers. Every kind gives each worker ⌊N/n⌋ rows and drops
/// the N mod n left over (the paper's code does this, so every worker has the same m).

#include <string>
#include <string_view>
#include <vector>

#include "algorithms/problems/dataset.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::algo {

/// The order in which rows are dealt before being cut into contiguous blocks.
enum class SplitKind {
  contiguous,    ///< file order (the paper's): worker i gets rows [i·m, (i+1)·m)
  shuffled,      ///< a seeded random permutation first (homogeneous workers)
  label_sorted,  ///< stable sort by label first (maximally heterogeneous workers)
};

/// All split names, in declaration order: "contiguous", "shuffled", "label_sorted".
const std::vector<std::string>& split_kind_names();
/// The kind called `name` (one of `split_kind_names()`); asserts otherwise.
SplitKind parse_split_kind(std::string_view name);

/// ConfigError at `where` when n > N ("more workers than samples"): every split needs N >= n.
void check_split_size(Eigen::Index samples, int num_workers, const std::string& where);

/// Row indices of each worker's shard (n lists of ⌊N/n⌋ indices). `rng` is used only by
/// `shuffled`. Throws ConfigError at `where` when n > N ("more workers than samples").
std::vector<std::vector<std::uint32_t>> split_indices(const Vector& labels, int num_workers,
                                                      SplitKind kind, sim::Rng& rng,
                                                      const std::string& where);

/// The data set restricted to `rows` (in that order).
Dataset select_rows(const Dataset& data, const std::vector<std::uint32_t>& rows);

/// `select_rows` for every shard of `split_indices`.
std::vector<Dataset> split_dataset(const Dataset& data, int num_workers, SplitKind kind,
                                   sim::Rng& rng, const std::string& where);

}  // namespace commsim::algo
