#pragma once
/// \file
/// Pieces every method shares: the common keys (stepsize, float_bits, compressor) declared once
/// through base structs, the probability and batch grammars, the shape checks on the compressor,
/// and the per-worker compression state (its own compressor copy, RNG stream and context).

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "algorithms/builtin.hpp"
#include "algorithms/compressors/compressor.hpp"
#include "algorithms/stepsize.hpp"

namespace commsim::algo {

/// Keys every method has: the stepsize rule and the float width; `path` is where the method's
/// object was read (shape checks name their keys under it).
struct MethodCommon {
  StepsizeRule stepsize;
  int float_bits = 32;
  std::string path;
};

/// Keys every compressed method has besides the common ones.
struct CompressedCommon : MethodCommon {
  sim::PartSpec compressor;  ///< read by compressor_registry() (absent: identity)
};

/// Rejects float widths other than 32 and 64 at `<path>.float_bits`.
void check_float_bits(const MethodCommon& params, const std::string& path);

/// Adds `stepsize` and `float_bits` to a method's declaration (`P` derives from MethodCommon).
template <class P>
sim::ParamsDecl<P>& declare_method_common(sim::ParamsDecl<P>& decl) {
  decl.template custom<StepsizeRule>(stepsize_key(), &MethodCommon::stepsize, parse_stepsize);
  decl.integer("float_bits", &MethodCommon::float_bits, 32,
               "width of every transmitted float: 32 or 64", 1, 64);
  return decl.rule([](P& p, const std::string& path) {
    p.path = path;
    check_float_bits(p, path);
  });
}

/// Adds the common keys and `compressor` (`P` derives from CompressedCommon).
template <class P>
sim::ParamsDecl<P>& declare_compressed_common(sim::ParamsDecl<P>& decl) {
  declare_method_common(decl);
  return sim::add_part(decl, "compressor", &CompressedCommon::compressor, compressor_registry(),
                       "the compressor (absent: identity)", R"({"name": "randk", "k": 1})");
}

/// A probability key: "theory" (the method's value) or a number in (0, 1].
struct Probability {
  std::optional<double> value;  ///< nullopt: "theory"
  double resolve(double theory) const { return value.value_or(theory); }
};
sim::KeyDecl probability_key(const std::string& key, const std::string& help);
sim::Json parse_probability(const sim::Json* value, const std::string& path, Probability& out);

/// A batch-size key: an integer >= 1 whose default depends on the data (absent: nullopt; the
/// shape check records the default used).
sim::KeyDecl batch_key(const std::string& key, const std::string& help);
sim::Json parse_batch(const sim::Json* value, const std::string& path,
                      std::optional<std::int64_t>& out);
/// The batch `key` of the method read at `method_path`: `b` or `def`, at most `max` (the error
/// names `what`).
std::uint32_t resolve_batch(const std::optional<std::int64_t>& b, const std::string& method_path,
                            const std::string& key, std::int64_t def, std::int64_t max,
                            const std::string& what);

/// The compressor of `params` built for `shape` (k <= d checked). When `unbiased_for` names a
/// method, a biased compressor is a ConfigError at `<path>.compressor.name`.
std::unique_ptr<Compressor> shaped_compressor(const CompressedCommon& params,
                                              const ProblemShape& shape, int float_bits,
                                              const char* unbiased_for);
/// `<path>.compressor.name` of the method read at `method_path`.
std::string compressor_name_path(const std::string& method_path);

/// min_i m_i: the smallest local sample count (batch sizes must fit every worker).
Eigen::Index min_local_samples(const Problem& problem);

/// ⌈0.01 m⌉, the paper's b' (at least 1).
std::int64_t one_percent(Eigen::Index m);

/// The uplink mean (1/|U|) Σ u.payload into `out`.
void mean_payload(std::span<const Uplink* const> uplinks, Vector& out);

/// One worker's compression state: an own copy of the compressor, its RNG stream and context.
class WorkerCompression {
 public:
  /// `shared_stream`: every worker draws from the same stream (the authors' code, where all
  /// processes seed numpy alike and so pick the same RandK mask each round).
  WorkerCompression(const Compressor& q, const sim::RngStreams& streams, int worker,
                    int num_workers, bool shared_stream = false);
  /// Compresses `x` into `out` and returns its bits.
  sim::Bits compress(const Vector& x, Vector& out) { return q_->compress(x, rng_, ctx_, out); }
  /// Advances the round counter seen by correlated compressors (call once per round).
  void next_round() { ++ctx_.round; }

 private:
  std::unique_ptr<Compressor> q_;
  sim::Rng rng_;
  CompressionContext ctx_;
};

}  // namespace commsim::algo
