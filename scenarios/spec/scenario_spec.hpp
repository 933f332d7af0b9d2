#pragma once
/// \file
/// A scenario as plain data: every section read into its declared params, every default filled,
/// nothing built and no file opened. `read_scenario` is the one reader of the scenario format;
/// builders (scenario_builder) and sweep validation take the spec it returns.

#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/problems/problem_spec.hpp"
#include "networks/network_spec.hpp"
#include "networks/workers_spec.hpp"
#include "scenarios/spec/run_specs.hpp"
#include "sim/kernel/params.hpp"
#include "sim/kernel/registry.hpp"

namespace commsim::scenario {

/// `workers`: the count n plus the hosts' declared keys.
struct WorkersSection {
  int count = 5;
  net::WorkersSpec hosts;
};

/// The whole scenario.
struct ScenarioSpec {
  std::string name = "scenario";
  std::uint64_t seed = 1;
  LimitsSpec limits;
  WorkersSection workers;
  algo::ProblemSpec problem;
  sim::PartSpec algorithm;
  net::NetworkSpec network;
  StopSpec stop;
  RecordSpec record;
  /// The scenario as read, every default filled in (shape-dependent defaults, such as batch
  /// sizes, are added when the spec is checked against its data).
  sim::Json resolved;
};

/// The top-level declaration (what `commsim schema` and `commsim list` walk).
const sim::ParamsDecl<ScenarioSpec>& scenario_decl();

/// Reads and validates `doc` without building anything or opening any file. Throws ConfigError
/// naming the JSON path of the first bad value.
ScenarioSpec read_scenario(const sim::Json& doc);

/// Every error `read_scenario` finds in one pass (empty: the document reads), ordered as their
/// paths appear in the document (`key_order`: every key's path in document order, from
/// parse_json; errors at paths not in it keep reading order after their enclosing key).
std::vector<ConfigError> scenario_errors(const sim::Json& doc,
                                         const std::vector<std::string>& key_order);

}  // namespace commsim::scenario
