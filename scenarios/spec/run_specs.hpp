#pragma once
/// \file
/// The scenario's run-level parts: `limits`, `stop` and `record`, each a plain struct with its
/// defaults and one declaration of its keys (what reading, `commsim list run` and the schema
/// derive from).

#include <cstdint>
#include <vector>

#include "sim/kernel/params.hpp"
#include "sim/records/stop_criteria.hpp"

namespace commsim::scenario {

/// `limits`: resources a run may take before it is refused.
struct LimitsSpec {
  /// `memory` in bytes; 0 = "auto" (80 % of the machine's RAM, decided when the run is built,
  /// so that the resolved scenario stays machine-independent).
  double memory_bytes = 0.0;
};

/// `stop`: when a run ends, plus the thresholds whose first crossing the summary reports.
struct StopSpec {
  std::uint64_t max_rounds = 1000;
  double max_time_s = 0.0;  ///< simulated seconds (+inf: off)
  double max_bits = 0.0;    ///< cumulative uplink bits (+inf: off)
  double grad_norm_sq = 0.0;
  double divergence_factor = 1e12;
  std::uint64_t stall_rounds = 0;
  double stall_tolerance = 1e-6;
  std::vector<double> report_eps;
  /// The runtime's limits.
  sim::StopCriteria criteria() const;
};

/// `record`: what a run writes.
struct RecordSpec {
  std::uint64_t every = 1;
  bool messages = false;
  bool per_worker_bits = false;
};

const sim::ParamsDecl<LimitsSpec>& limits_decl();
const sim::ParamsDecl<StopSpec>& stop_decl();
const sim::ParamsDecl<RecordSpec>& record_decl();

/// The memory limit in bytes: `limits.memory`, or 80 % of physical memory for "auto".
double memory_limit_bytes(const LimitsSpec& limits);

}  // namespace commsim::scenario
