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

/// The whole `problem` section.
struct ProblemSpec {
  sim::PartSpec type;  ///< an entry of `problem_registry()`
  DataSpec data;
  SplitKind split = SplitKind::contiguous;
  std::optional<double> lambda;  ///< absent: "default", the problem type's own rule
  bool bias = true;
  bool map_labels = true;
  std::optional<std::int64_t> dim;  ///< LIBSVM files only
};

/// The one declaration of the `problem` keys.
const sim::ParamsDecl<ProblemSpec>& problem_spec_decl();
/// The one declaration of the `data` keys.
const sim::ParamsDecl<DataSpec>& data_spec_decl();
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
