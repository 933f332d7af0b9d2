#include "algorithms/problems/synthetic.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"
#include "sim/kernel/json_reader.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::algo {

void SyntheticOptions::validate(const std::string& path) const {
  if (samples < 1)
    throw ConfigError(sim::join_path(path, "samples"),
                      fmt::format("{} < 1: need at least one sample", samples));
  if (features < 1)
    throw ConfigError(sim::join_path(path, "features"),
                      fmt::format("{} < 1: need at least one feature", features));
  if (!(density > 0.0 && density <= 1.0))
    throw ConfigError(sim::join_path(path, "density"), fmt::format("{} outside (0, 1]", density));
  if (!(label_noise >= 0.0 && label_noise <= 1.0))
    throw ConfigError(sim::join_path(path, "label_noise"),
                      fmt::format("{} outside [0, 1]", label_noise));
}

Dataset make_synthetic(const SyntheticOptions& options, Vector* truth) {
  options.validate("synthetic");
  sim::Rng rng(options.seed);
  const std::int64_t p = options.features;
  Vector x_true(p);
  for (std::int64_t t = 0; t < p; ++t) x_true[t] = rng.normal();

  const auto per_row =
      std::clamp<std::int64_t>(std::llround(options.density * static_cast<double>(p)), 1, p);
  const std::int64_t offset = options.bias ? 1 : 0;
  const std::int64_t rows = options.samples;
  std::vector<std::int64_t> outer(static_cast<std::size_t>(rows + 1), 0);
  std::vector<std::int64_t> inner;
  std::vector<double> values;
  inner.reserve(static_cast<std::size_t>(rows * (per_row + offset)));
  values.reserve(inner.capacity());
  Vector labels(rows);

  std::vector<std::uint32_t> pattern(static_cast<std::size_t>(per_row));
  std::vector<std::uint32_t> scratch;
  for (std::int64_t r = 0; r < rows; ++r) {
    if (per_row == p) {
      for (std::int64_t t = 0; t < p; ++t)
        pattern[static_cast<std::size_t>(t)] = static_cast<std::uint32_t>(t);
    } else {
      rng.sample_without_replacement(static_cast<std::uint64_t>(p), std::span(pattern), scratch);
      std::sort(pattern.begin(), pattern.end());
    }
    if (options.bias) {
      inner.push_back(0);
      values.push_back(1.0);
    }
    double margin = 0.0;
    for (std::uint32_t t : pattern) {
      const double v = rng.normal();
      margin += v * x_true[t];
      inner.push_back(static_cast<std::int64_t>(t) + offset);
      values.push_back(v);
    }
    double y = margin >= 0.0 ? 1.0 : -1.0;
    if (rng.bernoulli(options.label_noise)) y = -y;
    labels[r] = y;
    outer[static_cast<std::size_t>(r + 1)] = static_cast<std::int64_t>(inner.size());
  }

  Dataset data;
  data.name = "synthetic";
  data.features =
      Eigen::Map<const SparseRows>(rows, p + offset, static_cast<std::int64_t>(inner.size()),
                                   outer.data(), inner.data(), values.data());
  data.labels = std::move(labels);
  if (truth != nullptr) *truth = std::move(x_true);
  return data;
}

}  // namespace commsim::algo
