#include "algorithms/problems/split.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "sim/errors.hpp"

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

std::vector<std::vector<std::uint32_t>> split_indices(const Vector& labels, int num_workers, SplitKind kind,
                                                      sim::Rng& rng, const std::string& where) {
  COMMSIM_ASSERT(num_workers >= 1, "at least one worker");
  const auto total = static_cast<std::size_t>(labels.size());
  const auto n = static_cast<std::size_t>(num_workers);
  if (n > total)
    throw ConfigError(where, fmt::format("{} samples cannot be split over {} workers (more workers than samples)",
                                         total, num_workers));
  COMMSIM_ASSERT(total <= std::size_t{0xFFFFFFFFu}, "more than 2^32 samples");
  std::vector<std::uint32_t> order;
  switch (kind) {
    case SplitKind::contiguous:
      order.resize(total);
      std::iota(order.begin(), order.end(), 0u);
      break;
    case SplitKind::shuffled:
      rng.permutation(static_cast<std::uint32_t>(total), order);
      break;
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
  std::vector<std::int64_t> outer{0};
  outer.reserve(rows.size() + 1);
  std::int64_t nnz = 0;
  for (std::uint32_t r : rows) {
    COMMSIM_ASSERT(r < a.rows(), "row index out of range");
    nnz += a.outerIndexPtr()[r + 1] - a.outerIndexPtr()[r];
    outer.push_back(nnz);
  }
  std::vector<std::int64_t> inner(static_cast<std::size_t>(nnz));
  std::vector<double> values(static_cast<std::size_t>(nnz));
  Vector labels(static_cast<Eigen::Index>(rows.size()));
  std::size_t k = 0;
  for (std::size_t s = 0; s < rows.size(); ++s) {
    const std::uint32_t r = rows[s];
    for (std::int64_t p = a.outerIndexPtr()[r]; p < a.outerIndexPtr()[r + 1]; ++p, ++k) {
      inner[k] = a.innerIndexPtr()[p];
      values[k] = a.valuePtr()[p];
    }
    labels[static_cast<Eigen::Index>(s)] = data.labels[r];
  }
  Dataset shard;
  shard.name = data.name;
  shard.features = Eigen::Map<const SparseRows>(static_cast<std::int64_t>(rows.size()), a.cols(), nnz, outer.data(),
                                                inner.data(), values.data());
  shard.labels = std::move(labels);
  return shard;
}

std::vector<Dataset> split_dataset(const Dataset& data, int num_workers, SplitKind kind, sim::Rng& rng,
                                   const std::string& where) {
  std::vector<Dataset> shards;
  for (const auto& rows : split_indices(data.labels, num_workers, kind, rng, where))
    shards.push_back(select_rows(data, rows));
  return shards;
}

}  // namespace commsim::algo
