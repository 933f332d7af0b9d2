#include "scenarios/resource_guard.hpp"

#include <algorithm>
#include <array>
#include <string>

#include <fmt/format.h>

#include "algorithms/builtin.hpp"
#include "algorithms/problems/quadratic.hpp"
#include "networks/topology_size.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::scenario {
namespace {

// While the shards are cut, the full data set and its copy in shards are both alive, plus the
// builder's buffers: peak RSS measured 2.2x the data set's bytes (10⁵ x 101 dense rows).
constexpr double kDataCopies = 2.25;
// A worker's bit counters (up, down) and the per-worker CSV row; a crossing of report_eps.
constexpr double kRecorderBytesPerWorker = 32.0;
constexpr double kRecorderBytesPerEps = 64.0;
// One oracle decorator per worker: the object, its stream and the worker's handle on it.
constexpr double kOracleDecoratorBytes = 128.0;

double gb(double bytes) {
  return bytes / 1e9;
}

}  // namespace

double estimate_synthetic_rows_bytes(double samples, double features, double density) {
  // A stored entry is a value and an index (16 B); every row holds at least one entry plus
  // the bias, and costs a row pointer and a label.
  const double per_row = std::max(1.0, features * density) + 1.0;
  return samples * (per_row * 16.0 + 16.0);
}

double estimate_synthetic_bytes(double samples, double features, double density) {
  // While generating, the true model is a dense d-vector too.
  return estimate_synthetic_rows_bytes(samples, features, density) + features * 16.0;
}

double estimate_method_bytes(const sim::PartSpec& algorithm, std::int64_t num_workers,
                             std::int64_t dim) {
  const algo::StateVectors state = algo::state_vectors(algorithm);
  const double vectors = state.per_worker * static_cast<double>(num_workers) + state.server;
  return vectors * static_cast<double>(dim) * 8.0;
}

double estimate_oracle_bytes(const algo::ProblemSpec& spec, std::int64_t num_workers,
                             std::int64_t local_samples) {
  double per_worker = 0.0;
  if (spec.noise) per_worker += kOracleDecoratorBytes;
  if (spec.batch) {
    per_worker += kOracleDecoratorBytes + 4.0 * static_cast<double>(spec.batch->size);
    if (!spec.batch->replacement) per_worker += 4.0 * static_cast<double>(local_samples);
  }
  return per_worker * static_cast<double>(num_workers);
}

MemoryEstimate estimate_memory(const ScenarioSpec& spec, std::int64_t dim, double data_bytes,
                               std::int64_t local_samples) {
  const int n = spec.workers.count;
  MemoryEstimate e;
  if (spec.problem.uses_data()) {
    e.data = kDataCopies * data_bytes;
  } else {
    e.data = algo::quadratic_bytes(*spec.problem.quadratic);
    e.data_path = "problem.quadratic.dim";
  }
  e.data += estimate_oracle_bytes(spec.problem, n, local_samples);
  e.method = estimate_method_bytes(spec.algorithm, n, dim);
  e.platform = net::estimate_platform_bytes(spec.network.topology.name, n);
  e.recorder = kRecorderBytesPerWorker * n +
               kRecorderBytesPerEps * static_cast<double>(spec.stop.report_eps.size());
  return e;
}

void check_memory(const MemoryEstimate& e, double limit) {
  if (!(e.total() > limit)) return;
  const std::array<std::pair<double, const char*>, 4> parts{{{e.data, e.data_path},
                                                             {e.method, "algorithm"},
                                                             {e.platform, "network.topology"},
                                                             {e.recorder, "stop.report_eps"}}};
  const auto largest = std::max_element(parts.begin(), parts.end(),
                                        [](auto& a, auto& b) { return a.first < b.first; });
  throw ResourceError(
      largest->second,
      fmt::format("the run needs about {:.3g} GB (data and shards {:.3g}, method state {:.3g}, "
                  "platform {:.3g}, recorders {:.3g}), over the limit of {:.3g} GB "
                  "(limits.memory)",
                  gb(e.total()), gb(e.data), gb(e.method), gb(e.platform), gb(e.recorder),
                  gb(limit)));
}

void check_synthetic_size(const algo::ProblemSpec& spec, double limit) {
  if (!spec.data.synthetic) return;
  const double samples = static_cast<double>(spec.data.synthetic->samples);
  const double features = static_cast<double>(spec.data.synthetic->features);
  const double density = spec.data.synthetic->density;
  const double bytes = estimate_synthetic_bytes(samples, features, density);
  if (bytes > limit) {
    throw ResourceError(
        "problem.data.synthetic",
        fmt::format(
            "{:g} samples x {:g} features x density {:g} need about {:.3g} GB of data, over "
            "the limit of {:.3g} GB (limits.memory)",
            samples, features, density, gb(bytes), gb(limit)));
  }
}

}  // namespace commsim::scenario
