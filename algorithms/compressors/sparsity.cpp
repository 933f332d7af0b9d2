#include "algorithms/compressors/sparsity.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "algorithms/one_key.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::algo {
namespace {

struct OneFraction {
  double fraction = 1.0;
};

const sim::ParamsDecl<OneFraction>& fraction_alone() {
  static const sim::ParamsDecl<OneFraction> decl = sim::ParamsDecl<OneFraction>().number(
      "fraction", &OneFraction::fraction, std::nullopt, "", sim::Range::above_to(0.0, 1.0));
  return decl;
}

}  // namespace

sim::KeyDecl fraction_key() {
  sim::KeyDecl d;
  d.path = "fraction";
  d.kind = sim::KeyDecl::Kind::number;
  d.help = "K as a fraction of d, in (0, 1] (instead of k)";
  d.lo = 0.0, d.hi = 1.0, d.lo_exclusive = true;
  return d;
}

sim::Json parse_fraction(const sim::Json* v, const std::string& path, std::optional<double>& out) {
  if (!v) return nullptr;
  OneFraction one;
  sim::Json resolved = read_one_key(fraction_alone(), "fraction", *v, path, one);
  out = one.fraction;
  return resolved;
}

void check_k_or_fraction(const SparsityParams& p, const std::string& path) {
  if (p.fraction && p.k != 1)
    throw ConfigError(sim::join_path(path, "fraction"), "give either k or fraction, not both");
}

Eigen::Index resolve_k(const SparsityParams& params, Eigen::Index dim) {
  if (params.fraction) {
    const auto k =
        static_cast<Eigen::Index>(std::llround(*params.fraction * static_cast<double>(dim)));
    return std::max<Eigen::Index>(1, k);
  }
  if (params.k > dim)
    throw ConfigError(
        sim::join_path(params.path, "k"),
        fmt::format("{} exceeds the dimension d = {}; use 1 <= k <= d", params.k, dim));
  return static_cast<Eigen::Index>(params.k);
}

}  // namespace commsim::algo
