#pragma once
/// \file
/// The compressor interface (paper_spec.md §2). A compressor turns a vector into the vector the
/// receiver reconstructs *and* the simulated size of the message, returned together (nothing is
/// kept in side fields). Unbiased compressors satisfy E[Q(x)] = x and E‖Q(x) − x‖² ≤ ω‖x‖²;
/// biased ones (TopK) report ω = +inf and a contraction factor instead.
///
/// How bits are counted is a named policy (`algorithm.compressor.bits`):
/// - `paper`: `float_bits` per transmitted value, indices free (the authors' code; default);
/// - `explicit_indices`: values plus min(⌈log₂ d⌉ per index, a d-bit mask);
/// - `shared_seed`: RandK/PermK indices derived from a seed both sides know: values plus 64 bits
///   of seed (compressors whose support is not random, e.g. TopK, fall back to explicit indices).
/// Dense quantisers (identity, natural, dithering) are not affected by the policy except where
/// their own header says so.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "sim/kernel/params.hpp"
#include "sim/kernel/registry.hpp"
#include "sim/kernel/rng.hpp"
#include "sim/kernel/types.hpp"

namespace commsim::algo {

using Vector = Eigen::VectorXd;

/// What a compressor may know about the call besides the vector: who compresses, when, and a
/// seed shared by every worker (for correlated compressors such as PermK).
struct CompressionContext {
  int worker = 0;                 ///< index of the compressing worker
  int num_workers = 1;            ///< n
  std::uint64_t round = 0;        ///< round counter (the same on every worker in a round)
  std::uint64_t shared_seed = 0;  ///< a seed every worker and the server know
};

/// How message sizes are counted (see the file comment).
enum class BitPolicy : std::uint8_t { paper, explicit_indices, shared_seed };

/// `paper` / `explicit_indices` / `shared_seed`.
const char* to_string(BitPolicy policy);

/// ⌈log₂ d⌉ (0 for d ≤ 1): the width of one coordinate index.
std::uint64_t index_bits(Eigen::Index dim);

/// Size of a sparse message of `nonzeros` values out of `dim` under `policy`.
sim::Bits sparse_bits(std::uint64_t nonzeros, Eigen::Index dim, int float_bits, BitPolicy policy);

/// A (possibly random) compression operator. `compress` is const; scratch buffers are mutable,
/// so every worker gets its own instance through `clone()` (never share one between threads).
class Compressor {
 public:
  virtual ~Compressor() = default;
  /// Writes the reconstructed vector into `out` (resized to x.size() if needed) and returns the
  /// message size in bits. Randomness only from `rng`.
  virtual sim::Bits compress(const Vector& x, sim::Rng& rng, const CompressionContext& ctx,
                             Vector& out) const = 0;
  /// The variance parameter ω(d); +inf for biased compressors.
  virtual double omega(Eigen::Index dim) const = 0;
  /// True when E[Q(x)] = x.
  virtual bool is_unbiased() const { return true; }
  /// ζ_Q: the expected number of nonzeros of Q(x) (upper bound over x), used to pick p.
  virtual double expected_nonzeros(Eigen::Index dim) const { return static_cast<double>(dim); }
  /// α with ‖C(x) − x‖² ≤ (1 − α)‖x‖² for every x, when the compressor is contractive as used
  /// (EF21's assumption); nullopt otherwise.
  virtual std::optional<double> contraction(Eigen::Index /*dim*/) const { return std::nullopt; }
  /// True when workers' draws are correlated through `CompressionContext::shared_seed` (PermK).
  virtual bool is_correlated() const { return false; }
  /// The registry name.
  virtual std::string name() const = 0;
  /// An independent copy (own scratch buffers) for one worker.
  virtual std::unique_ptr<Compressor> clone() const = 0;
};

/// What a compressor factory may look at besides its own keys.
struct CompressorSettings {
  Eigen::Index dim = 0;                 ///< d
  int float_bits = 32;                  ///< width of a transmitted float (algorithm.float_bits)
  BitPolicy policy = BitPolicy::paper;  ///< algorithm.compressor.bits (set from the params)
  int num_workers = 1;                  ///< n (PermK's ω and ζ depend on it)
};

/// The keys every compressor has besides its registry name: the bit policy, and where the object
/// was read (so checks that need d, run when the compressor is built, name their key's path).
struct CompressorCommon {
  BitPolicy bits = BitPolicy::paper;
  std::string path;  ///< the compressor object's JSON path (filled while reading)
};

/// Adds the common keys (`bits`) to a compressor's declaration; `P` derives from
/// CompressorCommon.
template <class P>
sim::ParamsDecl<P>& declare_compressor_common(sim::ParamsDecl<P>& decl) {
  decl.choice("bits", &CompressorCommon::bits,
              {{"paper", BitPolicy::paper},
               {"explicit_indices", BitPolicy::explicit_indices},
               {"shared_seed", BitPolicy::shared_seed}},
              "paper",
              "how message sizes are counted: paper (values only), explicit_indices, "
              "shared_seed");
  return decl.rule([](P& p, const std::string& path) { p.path = path; });
}

/// The declaration of a compressor with only the common keys (one static per `P`).
template <class P>
const sim::ParamsDecl<P>& common_only_params() {
  static const sim::ParamsDecl<P> decl = [] {
    sim::ParamsDecl<P> d;
    declare_compressor_common(d);
    return d;
  }();
  return decl;
}

/// `settings` with the policy of `common`.
inline CompressorSettings with_bits(CompressorSettings settings, const CompressorCommon& common) {
  settings.policy = common.bits;
  return settings;
}

/// Builds a compressor from its read params (checking what needs d, e.g. k ≤ d).
using CompressorFactory = std::unique_ptr<Compressor> (*)(const sim::PartSpec& spec,
                                                          const CompressorSettings& settings);
using CompressorRegistry = sim::Registry<CompressorFactory>;

/// Every compressor, in the order `commsim list` prints them (kind "compressors", name key
/// "name", default "identity").
const CompressorRegistry& compressor_registry();
/// Names and descriptions of every compressor.
std::vector<sim::RegistryEntry> compressor_names();

/// Builds the compressor of `spec` (read by `compressor_registry().read`); `settings.policy` is
/// taken from the spec's `bits`. Checks needing d throw ConfigError under the spec's path. Cheap
/// (no data), so validation may build one to check a spec against a shape.
std::unique_ptr<Compressor> build_compressor(const sim::PartSpec& spec,
                                             const CompressorSettings& settings);

}  // namespace commsim::algo
