#include "scenarios/scenario_builder.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <unistd.h>

#include "algorithms/builtin.hpp"
#include "algorithms/problems/problem_factory.hpp"
#include "networks/platform_builder.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::scenario {
namespace {

// Per worker: iterate copy, cached gradient, shift or difference, uplink buffer, scratch, plus
// the server's copies amortised; a deliberately generous count so the guard errs on refusing.
constexpr double kVectorCopiesPerWorker = 6.0;

// Refuses a synthetic data set that would not fit before generating it: build_problem would
// otherwise allocate it all (and be killed by the OS) before the vector guard below ran.
void check_synthetic_size(const algo::ProblemSpec& spec, double memory_limit) {
  if (!spec.data.synthetic) return;
  const double samples = static_cast<double>(spec.data.synthetic->samples);
  const double features = static_cast<double>(spec.data.synthetic->features);
  const double density = spec.data.synthetic->density;
  const double bytes = estimate_synthetic_bytes(samples, features, density);
  if (bytes > memory_limit) {
    throw ResourceError(
        "problem.data.synthetic",
        fmt::format(
            "{:g} samples x {:g} features x density {:g} need about {:.3g} GB of data, over "
            "the limit of {:.3g} GB (limits.memory)",
            samples, features, density, bytes / 1e9, memory_limit / 1e9));
  }
}

// Refuses a run whose per-worker vectors would not fit, before building them.
void check_vector_memory(int n, Eigen::Index dim, double memory_limit) {
  const double bytes = estimate_vector_bytes(n, dim);
  if (bytes > memory_limit) {
    throw ResourceError(
        "workers.count",
        fmt::format(
            "{} workers x d = {} need about {:.3g} GB of vectors, over the limit of {:.3g} GB "
            "(limits.memory)",
            n, dim, bytes / 1e9, memory_limit / 1e9));
  }
}

// The shape checks of the method (k <= d, batch <= m, r <= n, …), recording the defaults the
// shape fixed (batch sizes) under `algorithm` in `resolved`.
void check_method(const ScenarioSpec& spec, const algo::ProblemShape& shape, sim::Json& resolved) {
  const sim::Json shaped = algo::check_algorithm(spec.algorithm, shape);
  for (const auto& [key, value] : shaped.items()) resolved["algorithm"][key] = value;
}

}  // namespace

double estimate_synthetic_bytes(double samples, double features, double density) {
  // A stored entry is a value and an index (16 B); every row holds at least one entry plus
  // the bias, and costs a row pointer and a label; the true model is a dense d-vector.
  const double per_row = std::max(1.0, features * density) + 1.0;
  return samples * (per_row * 16.0 + 16.0) + features * 16.0;
}

double estimate_vector_bytes(std::int64_t num_workers, std::int64_t dim) {
  return static_cast<double>(num_workers) * static_cast<double>(dim) * kVectorCopiesPerWorker * 8.0;
}

sim::Json check_scenario(const ScenarioSpec& spec, algo::DataStore* data_store) {
  const double memory_limit = memory_limit_bytes(spec.limits);
  check_synthetic_size(spec.problem, memory_limit);
  const int n = spec.workers.count;
  const algo::ProblemShape shape =
      algo::shape_of(spec.problem, n, sim::RngStreams(spec.seed), data_store);
  check_vector_memory(n, shape.dim, memory_limit);
  sim::Json resolved = spec.resolved;
  check_method(spec, shape, resolved);
  // The platform is cheap to build and some of its checks need n (worker ranges, custom
  // topologies, trace files): build it and throw it away.
  net::build_platform(spec.workers.hosts, spec.network, n, sim::RngStreams(spec.seed));
  return resolved;
}

Scenario build_scenario(const ScenarioSpec& spec, algo::DataStore* data_store) {
  Scenario sc;
  sc.name = spec.name;
  sc.seed = spec.seed;
  sc.resolved = spec.resolved;
  const sim::RngStreams streams(spec.seed);
  const double memory_limit = memory_limit_bytes(spec.limits);
  const int n = spec.workers.count;
  check_synthetic_size(spec.problem, memory_limit);
  sc.problem = algo::build_problem(spec.problem, n, streams, data_store);
  check_vector_memory(n, sc.problem->dim(), memory_limit);
  check_method(spec, algo::shape_of(*sc.problem), sc.resolved);
  sc.algorithm =
      algo::build_algorithm(spec.algorithm, algo::AlgorithmContext{*sc.problem, streams});
  sc.platform = net::build_platform(spec.workers.hosts, spec.network, n, streams);
  sc.options.stop = spec.stop.criteria();
  sc.options.record_every = spec.record.every;
  sc.options.record_messages = spec.record.messages;
  sc.per_worker_bits = spec.record.per_worker_bits;
  sc.report_eps = spec.stop.report_eps;
  return sc;
}

Scenario build_scenario(const sim::Json& doc, algo::DataStore* data_store) {
  return build_scenario(read_scenario(doc), data_store);
}

}  // namespace commsim::scenario
