#pragma once
/// \file
/// The scenario's `problem` section as plain values: `{type, data:{libsvm|path|synthetic},
/// split, lambda, bias, map_labels, dim}`. Reading it (`problem_spec_decl().read(reader)`) is
/// pure: no file is located or read and no data is generated; `build_problem` does that.

#include <cstdint>
#include <optional>
#include <string>

#include "algorithms/problems/split.hpp"
#include "sim/kernel/params.hpp"
#include "sim/kernel/registry.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::algo {

/// `data.synthetic`: the shape and randomness of a generated data set.
struct SyntheticSpec {
  std::int64_t samples = 1000;
  std::int64_t features = 20;
  double density = 1.0;
  double label_noise = 0.0;
  /// Absent: derived from the run's streams (see `resolve_problem_spec`).
  std::optional<std::uint64_t> seed;
};

/// `data`: exactly one source is set (the declaration enforces it).
struct DataSpec {
  std::optional<std::string> libsvm;  ///< a data set name looked up in COMMSIM_DATA_PATH
  std::optional<std::string> path;    ///< a file path
  std::optional<SyntheticSpec> synthetic;
};

/// `noise`: every stochastic gradient of a worker is the exact one plus ξ ~ N(0, (σ²/d) I),
/// so that E‖ξ‖² = σ² (the σ² of the time-complexity theory).
struct NoiseSpec {
  double variance = 0.0;  ///< σ² ≥ 0
};

/// `batch`: a worker's gradient is the mean of `size` sample gradients drawn uniformly from
/// its local samples on every call.
struct BatchSpec {
  std::int64_t size = 1;
  bool replacement = true;
};

/// `quadratic.matrix`: which A the quadratic problem uses.
enum class QuadraticMatrix { tridiagonal, random };

/// `quadratic`: f(x) = ½ xᵀAx − bᵀx, the same f on every worker.
struct QuadraticSpec {
  std::int64_t dim = 1;  ///< d
  QuadraticMatrix matrix = QuadraticMatrix::tridiagonal;
  std::optional<double> L;   ///< random: the largest eigenvalue
  std::optional<double> mu;  ///< random: the smallest eigenvalue
};

/// The name of the problem type that needs no data (`problem.quadratic` describes it).
inline constexpr const char* kQuadraticType = "quadratic";

/// The whole `problem` section.
struct ProblemSpec {
  sim::PartSpec type;  ///< an entry of `problem_registry()`
  DataSpec data;       ///< no source set for the quadratic type (which has no data)
  SplitKind split = SplitKind::contiguous;
  std::optional<double> lambda;  ///< absent: "default", the problem type's own rule
  bool bias = true;
  bool map_labels = true;
  std::optional<std::int64_t> dim;         ///< LIBSVM files only
  std::optional<NoiseSpec> noise;          ///< absent: exact gradients
  std::optional<BatchSpec> batch;          ///< absent: full local gradients
  std::optional<QuadraticSpec> quadratic;  ///< the quadratic type's keys (that type only)

  /// Whether the problem reads a data set (every type but the quadratic).
  bool uses_data() const { return type.name != kQuadraticType; }
};

/// The one declaration of the `problem` keys.
const sim::ParamsDecl<ProblemSpec>& problem_spec_decl();
/// The one declaration of the `data` keys.
const sim::ParamsDecl<DataSpec>& data_spec_decl();
/// The one declaration of the `noise` keys.
const sim::ParamsDecl<NoiseSpec>& noise_spec_decl();
/// The one declaration of the `batch` keys.
const sim::ParamsDecl<BatchSpec>& batch_spec_decl();
/// The one declaration of the `quadratic` keys.
const sim::ParamsDecl<QuadraticSpec>& quadratic_spec_decl();
/// The one declaration of the `data.synthetic` keys.
const sim::ParamsDecl<SyntheticSpec>& synthetic_spec_decl();

/// The seed of synthetic data: the given one, or one derived from `streams` ("data") so that
/// sweeps over the run seed also redraw the data. 53 bits, so the resolved scenario's seed is an
/// exact JSON number that reads back.
std::uint64_t synthetic_seed(const SyntheticSpec& synthetic, const sim::RngStreams& streams);

/// Fills the values derived from the run (the synthetic seed) and records them in
/// `resolved_problem` (the resolved `problem` object; may be null).
void resolve_problem_spec(ProblemSpec& spec, const sim::RngStreams& streams,
                          sim::Json* resolved_problem);

}  // namespace commsim::algo
