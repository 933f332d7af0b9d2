#pragma once
/// \file
/// How a sparsifier (randk, topk) states its size: `k` (an integer, 1 ≤ k ≤ d, default 1) or
/// `fraction` (in (0, 1]: k = max(1, round(fraction·d))). k ≤ d needs d: `resolve_k` checks it.
///
/// ParamsDecl has no optional key without a default, and a custom key reads as "anything" in the
/// recorded schema, so `k` is a plain integer (default 1, recorded even beside a fraction) and
/// "not both" can only see a k other than 1.

#include <cstdint>
#include <optional>
#include <string>

#include "algorithms/compressors/compressor.hpp"

namespace commsim::algo {

/// The keys of a sparsifier: the common ones plus the size.
struct SparsityParams : CompressorCommon {
  std::int64_t k = 1;
  std::optional<double> fraction;
};

/// How listing and the schema show `fraction`.
sim::KeyDecl fraction_key();
/// The parser of `fraction` (absent: none).
sim::Json parse_fraction(const sim::Json* value, const std::string& path,
                         std::optional<double>& out);
/// Rejects a fraction given with a k other than the default, at `<path>.fraction`.
void check_k_or_fraction(const SparsityParams& params, const std::string& path);

/// Adds the common keys, `k`, `fraction` and the "not both" rule to `decl` (`P` derives from
/// SparsityParams).
template <class P>
void declare_sparsity(sim::ParamsDecl<P>& decl) {
  declare_compressor_common(decl);
  decl.integer("k", &SparsityParams::k, 1, "coordinates kept, 1 <= k <= d (or give fraction)", 1);
  decl.template custom<std::optional<double>>(fraction_key(), &SparsityParams::fraction,
                                              parse_fraction);
  decl.rule([](P& p, const std::string& path) { check_k_or_fraction(p, path); });
}

/// K for dimension `dim`; ConfigError at `<path>.k` when k > d.
Eigen::Index resolve_k(const SparsityParams& params, Eigen::Index dim);

}  // namespace commsim::algo
