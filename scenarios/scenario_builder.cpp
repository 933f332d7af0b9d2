#include "scenarios/scenario_builder.hpp"

#include "algorithms/builtin.hpp"
#include "algorithms/problems/data_source.hpp"
#include "algorithms/problems/problem_factory.hpp"
#include "networks/platform_builder.hpp"
#include "scenarios/resource_guard.hpp"

namespace commsim::scenario {
namespace {

// The shape checks of the method (k <= d, batch <= m, r <= n, …), recording the defaults the
// shape fixed (batch sizes) under `algorithm` in `resolved`.
void check_method(const ScenarioSpec& spec, const algo::ProblemShape& shape, sim::Json& resolved) {
  const sim::Json shaped = algo::check_algorithm(spec.algorithm, shape);
  for (const auto& [key, value] : shaped.items()) resolved["algorithm"][key] = value;
}

struct Checked {
  sim::Json resolved;
  std::unique_ptr<net::Platform> platform;
};

// Every check that is cheap, in the order of their cost, before the costly problem analysis
// (smoothness constants): the synthetic data's size before it is generated, the run's memory
// once d is known, the method's shape checks, then the platform (whose size the memory guard
// has already bounded). The data set is loaded through `store`, which the build then reuses.
Checked check_all(const ScenarioSpec& spec, algo::DataStore& store) {
  const double memory_limit = memory_limit_bytes(spec.limits);
  check_synthetic_size(spec.problem, memory_limit);
  if (const auto& synthetic = spec.problem.data.synthetic) {
    // d is known before generating: the whole run is checked first (d = 1e7 was refused only
    // after its data had been generated).
    const double bytes =
        estimate_synthetic_rows_bytes(static_cast<double>(synthetic->samples),
                                      static_cast<double>(synthetic->features), synthetic->density);
    check_memory(estimate_memory(spec, synthetic->features + 1, bytes), memory_limit);
  }
  const int n = spec.workers.count;
  const sim::RngStreams streams(spec.seed);
  const algo::ProblemShape shape = algo::shape_of(spec.problem, n, streams, &store);
  const double data_bytes =
      spec.problem.uses_data()
          ? static_cast<double>(algo::DataStore::bytes_of(
                *algo::load_data(spec.problem, streams, "problem", &store)))
          : 0.0;  // the quadratic problem has no data set (its matrix is estimated instead)
  check_memory(estimate_memory(spec, shape.dim, data_bytes, shape.min_local_samples), memory_limit);
  Checked c;
  c.resolved = spec.resolved;
  check_method(spec, shape, c.resolved);
  c.platform = net::build_platform(spec.workers.hosts, spec.network, n, streams);
  return c;
}

}  // namespace

sim::Json check_scenario(const ScenarioSpec& spec, algo::DataStore* data_store) {
  algo::DataStore local;
  return check_all(spec, data_store ? *data_store : local).resolved;
}

Scenario build_scenario(const ScenarioSpec& spec, algo::DataStore* data_store) {
  // A store of our own, so that the data set the checks loaded is not read or generated again;
  // it is freed on return, as the full data set always was.
  algo::DataStore local;
  algo::DataStore& store = data_store ? *data_store : local;
  Checked checked = check_all(spec, store);
  Scenario sc;
  sc.name = spec.name;
  sc.seed = spec.seed;
  sc.resolved = std::move(checked.resolved);
  sc.platform = std::move(checked.platform);
  const sim::RngStreams streams(spec.seed);
  sc.problem = algo::build_problem(spec.problem, spec.workers.count, streams, &store);
  sc.algorithm =
      algo::build_algorithm(spec.algorithm, algo::AlgorithmContext{*sc.problem, streams});
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
