#include "algorithms/compressors/sparsity.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"

namespace commsim::algo {
namespace {

// The custom parser sees one value and its path; a one-key declaration read on {key: value} at
// the parent path gives the reader's own messages and resolved value for it.
struct OneFraction {
  double fraction = 1.0;
};

std::string parent_path(const std::string& path, const std::string& key) {
  return path.size() > key.size() ? path.substr(0, path.size() - key.size() - 1) : std::string();
}

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
  sim::Json resolved = sim::Json::object();
  out = fraction_alone()
            .read_object(sim::Json{{"fraction", *v}}, parent_path(path, "fraction"), &resolved)
            .fraction;
  return resolved["fraction"];
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
