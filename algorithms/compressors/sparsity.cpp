#include "algorithms/compressors/sparsity.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"

namespace commsim::algo {
void check_k_or_fraction(const SparsityParams& p, const std::string& path) {
  if (p.fraction && p.k)
    throw ConfigError(sim::join_path(path, "fraction"), "give either k or fraction, not both");
}

sim::Json default_k(SparsityParams& p) {
  if (p.k || p.fraction) return sim::Json::object();
  p.k = 1;
  return sim::Json{{"k", 1}};
}

Eigen::Index resolve_k(const SparsityParams& params, Eigen::Index dim) {
  if (params.fraction) {
    const auto k =
        static_cast<Eigen::Index>(std::llround(*params.fraction * static_cast<double>(dim)));
    return std::max<Eigen::Index>(1, k);
  }
  const std::int64_t k = params.k.value_or(1);
  if (k > dim)
    throw ConfigError(sim::join_path(params.path, "k"),
                      fmt::format("{} exceeds the dimension d = {}; use 1 <= k <= d", k, dim));
  return static_cast<Eigen::Index>(k);
}

}  // namespace commsim::algo
