#pragma once
/// \file
/// How a sparsifier (randk, topk) states its size: `k` (an integer, 1 ≤ k ≤ d, default 1) or
/// `fraction` (in (0, 1]: k = max(1, round(fraction·d))). k ≤ d needs d: `resolve_k` checks it.
/// Both keys are optional; giving both is an error, and giving neither means k = 1 (recorded).

#include <cstdint>
#include <optional>
#include <string>

#include "algorithms/compressors/compressor.hpp"

namespace commsim::algo {

/// The keys of a sparsifier: the common ones plus the size.
struct SparsityParams : CompressorCommon {
  std::optional<std::int64_t> k;  ///< after reading: set unless `fraction` is
  std::optional<double> fraction;
};

/// Rejects k and fraction given together, at `<path>.fraction`.
void check_k_or_fraction(const SparsityParams& params, const std::string& path);
/// k = 1 when neither is given; returns {"k": 1} then (for the resolved scenario), else {}.
sim::Json default_k(SparsityParams& params);

/// Adds the common keys, `k`, `fraction` and the "not both" rule to `decl` (`P` derives from
/// SparsityParams).
template <class P>
void declare_sparsity(sim::ParamsDecl<P>& decl) {
  declare_compressor_common(decl);
  decl.optional_integer("k", &SparsityParams::k,
                        "coordinates kept, 1 <= k <= d (default 1; or give fraction)", 1);
  decl.optional_number("fraction", &SparsityParams::fraction,
                       "K as a fraction of d, in (0, 1] (instead of k)",
                       sim::Range::above_to(0.0, 1.0));
  decl.rule([](P& p, const std::string& path) { check_k_or_fraction(p, path); });
  decl.derive([](P& p) { return default_k(p); });
}

/// K for dimension `dim`; ConfigError at `<path>.k` when k > d.
Eigen::Index resolve_k(const SparsityParams& params, Eigen::Index dim);

}  // namespace commsim::algo
