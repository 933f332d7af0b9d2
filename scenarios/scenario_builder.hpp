#pragma once
/// \file
/// Turns a scenario document into ready-to-run parts: Problem + Platform + Algorithm + runtime
/// options. Reading is strict (unknown keys are errors, every error names its JSON path) and
/// records every value used, defaults included, into `resolved`.
///
/// Shape: `{name, seed, problem:{type, data, split, lambda, bias}, workers:{count, speed,
/// overrides, ...}, network:{topology:{kind, uplink, downlink, ...}, model}, algorithm:{name,
/// stepsize, compressor, ...}, stop:{max_rounds, max_time, max_bits, grad_norm_sq, ...},
/// record:{every, messages, per_worker_bits}, limits:{memory}}`.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "algorithms/problems/data_store.hpp"
#include "algorithms/problems/problem.hpp"
#include "algorithms/roles.hpp"
#include "networks/platform.hpp"
#include "scenarios/resource_guard.hpp"
#include "scenarios/spec/scenario_spec.hpp"
#include "sim/kernel/json_reader.hpp"
#include "sim/runtime/runtime.hpp"

namespace commsim::scenario {

/// A validated, built scenario.
struct Scenario {
  std::string name;
  std::uint64_t seed = 0;
  sim::Json resolved;  ///< the scenario with every default filled in (re-runnable as is)
  std::unique_ptr<algo::Problem> problem;
  std::unique_ptr<algo::Algorithm> algorithm;
  std::unique_ptr<net::Platform> platform;
  sim::RuntimeOptions options;
  bool per_worker_bits = false;
  std::vector<double> report_eps;  ///< ‖∇f‖² thresholds whose first crossing summary.json reports
};

/// Builds a spec read by `read_scenario`: problem (its data through `data_store` when given, so
/// a sweep's runs share their data sets), method, platform and runtime options. Throws
/// UserError subclasses on bad input.
Scenario build_scenario(const ScenarioSpec& spec, algo::DataStore* data_store = nullptr);

/// `build_scenario(read_scenario(doc), data_store)`.
Scenario build_scenario(const sim::Json& doc, algo::DataStore* data_store = nullptr);

/// Every check of `spec` that needs its data's shape or the platform (memory guards, k <= d,
/// batch <= m, r <= n, worker ranges, topology files), without building the problem or the
/// method: the data set is loaded (through `data_store`, which a later build then reuses) only
/// to learn d and N. Returns the resolved scenario with the shape-dependent defaults filled in.
sim::Json check_scenario(const ScenarioSpec& spec, algo::DataStore* data_store = nullptr);

}  // namespace commsim::scenario
