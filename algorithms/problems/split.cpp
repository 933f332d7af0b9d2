#include "algorithms/problems/split.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"

namespace commsim::algo {

const std::vector<std::string>& split_kind_names() {
  static const std::vector<std::string> names{"contiguous", "shuffled", "label_sorted"};
  return names;
}

SplitKind parse_split_kind(std::string_view name) {
  if (name == "contiguous") return SplitKind::contiguous;
  if (name == "shuffled") return SplitKind::shuffled;
  COMMSIM_ASSERT(name == "label_sorted", fmt::format("unknown split kind '{}'", name));
  return SplitKind::label_sorted;
}

void check_split_size(Eigen::Index samples, int num_workers, const std::string& where) {
  if (static_cast<Eigen::Index>(num_workers) > samples)
    throw ConfigError(
        where, fmt::format("{} samples cannot be split over {} workers (more workers than samples)",
                           samples, num_workers));
}

std::vector<std::vector<std::uint32_t>> split_indices(const Vector& labels, int num_workers,
                                                      SplitKind kind, sim::Rng& rng,
                                                      const std::string& where) {
  COMMSIM_ASSERT(num_workers >= 1, "at least one worker");
  const auto total = static_cast<std::size_t>(labels.size());
  const auto n = static_cast<std::size_t>(num_workers);
  check_split_size(labels.size(), num_workers, where);
  COMMSIM_ASSERT(total <= std::size_t{0xFFFFFFFFu}, "more than 2^32 samples");
  std::vector<std::uint32_t> order;
  switch (kind) {
    case SplitKind::contiguous:
      order.resize(total);
      std::iota(order.begin(), order.end(), 0u);
      break;
    case SplitKind::shuffled: rng.permutation(static_cast<std::uint32_t>(total), order); break;
    case SplitKind::label_sorted:
      order.resize(total);
      std::iota(order.begin(), order.end(), 0u);
      std::stable_sort(order.begin(), order.end(),
                       [&](std::uint32_t a, std::uint32_t b) { return labels[a] < labels[b]; });
      break;
  }
  const std::size_t m = total / n;
  std::vector<std::vector<std::uint32_t>> shards(n);
  for (std::size_t i = 0; i < n; ++i)
    shards[i].assign(order.begin() + static_cast<std::ptrdiff_t>(i * m),
                     order.begin() + static_cast<std::ptrdiff_t>((i + 1) * m));
  return shards;
}

Dataset select_rows(const Dataset& data, const std::vector<std::uint32_t>& rows) {
  const SparseRows& a = data.features;
  COMMSIM_ASSERT(a.isCompressed(), "select_rows needs a compressed matrix");
  const std::int64_t* from_outer = a.outerIndexPtr();
  std::int64_t nnz = 0;
  for (std::uint32_t r : rows) {
    COMMSIM_ASSERT(r < a.rows(), "row index out of range");
    nnz += from_outer[r + 1] - from_outer[r];
  }
  // Written straight into the shard's compressed storage: one copy of every nonzero.
  Dataset shard;
  shard.name = data.name;
  shard.features.resize(static_cast<Eigen::Index>(rows.size()), a.cols());
  shard.features.resizeNonZeros(nnz);
  shard.labels.resize(static_cast<Eigen::Index>(rows.size()));
  std::int64_t* outer = shard.features.outerIndexPtr();
  std::int64_t* inner = shard.features.innerIndexPtr();
  double* values = shard.features.valuePtr();
  std::int64_t k = 0;
  outer[0] = 0;
  for (std::size_t s = 0; s < rows.size(); ++s) {
    const std::uint32_t r = rows[s];
    const std::int64_t begin = from_outer[r], count = from_outer[r + 1] - begin;
    std::copy_n(a.innerIndexPtr() + begin, count, inner + k);
    std::copy_n(a.valuePtr() + begin, count, values + k);
    k += count;
    outer[s + 1] = k;
    shard.labels[static_cast<Eigen::Index>(s)] = data.labels[r];
  }
  return shard;
}

std::vector<Dataset> split_dataset(const Dataset& data, int num_workers, SplitKind kind,
                                   sim::Rng& rng, const std::string& where) {
  std::vector<Dataset> shards;
  shards.reserve(static_cast<std::size_t>(num_workers));
  for (const auto& rows : split_indices(data.labels, num_workers, kind, rng, where))
    shards.push_back(select_rows(data, rows));
  return shards;
}

}  // namespace commsim::algo
