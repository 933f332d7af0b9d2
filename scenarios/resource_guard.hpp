#pragma once
/// \file
/// The memory guard: what a scenario will take, estimated from its spec and its data's shape
/// before anything big is allocated, and refused with a ResourceError (the estimate in the
/// message) when it exceeds `limits.memory`. It counts the data set (before a synthetic one is
/// generated, and again with its shards), the method's state (`state_vectors` of its registry
/// entry), the platform (links and routes: full_mesh is quadratic in n) and the recorders.

#include <cstdint>

#include "scenarios/spec/scenario_spec.hpp"

namespace commsim::scenario {

/// Bytes one run takes, by part.
struct MemoryEstimate {
  double data = 0.0;      ///< the full data set and its shards (copies) while they are cut, or
                          ///< the quadratic problem's matrix; plus the stochastic oracles' buffers
  double method = 0.0;    ///< (per_worker · n + server) d-vectors of 8 B · d
  double platform = 0.0;  ///< hosts, links, routes (net::estimate_platform_bytes)
  double recorder = 0.0;  ///< per-worker counters and report_eps crossings
  double total() const { return data + method + platform + recorder; }
  const char* data_path = "problem.data";  ///< the key the data part is charged to
};

/// The estimate for `spec` over a data set of dimension `dim` taking `data_bytes` in memory
/// (algo::DataStore::bytes_of), `local_samples` per worker (what `problem.batch` buffers; 0:
/// unknown). For the quadratic type, `data_bytes` is ignored and its matrix counted instead.
MemoryEstimate estimate_memory(const ScenarioSpec& spec, std::int64_t dim, double data_bytes,
                               std::int64_t local_samples = 0);

/// Bytes the stochastic oracles of `problem.noise` / `problem.batch` hold over n workers with
/// m local samples each: each decorator and its stream, plus the batch's b indices (and, without
/// replacement, the sampler's m-index scratch).
double estimate_oracle_bytes(const algo::ProblemSpec& spec, std::int64_t num_workers,
                             std::int64_t local_samples);

/// Throws ResourceError at the JSON path of the largest part when `estimate.total()` exceeds
/// `limit` bytes.
void check_memory(const MemoryEstimate& estimate, double limit);

/// Refuses a synthetic data set larger than `limit` bytes before it is generated.
void check_synthetic_size(const algo::ProblemSpec& spec, double limit);

/// Bytes a synthetic data set of this size takes (about samples · features · density · 16, plus
/// per-row and per-feature overhead), the figure compared with `limits.memory` before the data
/// is generated.
double estimate_synthetic_bytes(double samples, double features, double density);

/// The part of it the data set keeps once generated (its rows, without the true model).
double estimate_synthetic_rows_bytes(double samples, double features, double density);

/// Bytes the method of `spec` holds over n workers in dimension d (its registry entry's
/// `state_vectors` × d × 8).
double estimate_method_bytes(const sim::PartSpec& algorithm, std::int64_t num_workers,
                             std::int64_t dim);

}  // namespace commsim::scenario
