#pragma once
/// \file
/// The scenario's `workers` section as a plain spec (the keys, with defaults, are listed in
/// networks/README.md and by `commsim schema`). `count` is read by the scenario, which needs it
/// before the problem; build_platform takes it as `num_workers`.

#include <optional>
#include <string>
#include <vector>

#include "networks/host_model.hpp"
#include "networks/spec_values.hpp"
#include "sim/kernel/params.hpp"

namespace commsim::net {

/// One entry of `workers.overrides`: values for a selection of workers.
struct WorkerOverride {
  std::vector<WorkerRange> workers;
  std::optional<double> speed_flops, time_per_call_s;
  std::optional<LinkParams> uplink, downlink;
  std::string path;  ///< where the entry was read
};

/// `workers.availability`: always online, periodic {on, off}, or a trace file {trace}.
struct AvailabilityParams {
  AvailabilitySpec::Kind kind = AvailabilitySpec::Kind::always;
  double on_s = 0.0, off_s = 0.0;
  std::string trace;  ///< as written; read (relative to the scenario) when building
  /// An array of one {on, off} (or {} for always online) per worker: each worker's (on, off) in
  /// seconds, off = 0 when always online (length checked when building).
  std::optional<std::vector<std::pair<double, double>>> per_worker;
  std::string path = "workers.availability";
};

/// The `workers` section.
struct WorkersSpec {
  PerWorkerValue speed{1e9, std::nullopt, std::nullopt, std::nullopt, "workers.speed"};
  /// Fixed seconds per oracle call (one value, or one per worker); absent: flops / speed.
  std::optional<PerWorkerValue> time_per_call_s;
  /// Per-worker access-link values (drawn or listed); absent: the topology's uplink/downlink.
  std::optional<PerWorkerValue> uplink_bandwidth, downlink_bandwidth, uplink_latency,
      downlink_latency;
  std::vector<WorkerOverride> overrides;
  JitterSpec jitter;
  StragglerSpec stragglers;
  AvailabilityParams availability;
  std::string path = "workers";  ///< where the section was read (errors found when building)
};

/// The declaration of the `workers` keys other than `count`.
const sim::ParamsDecl<WorkersSpec>& workers_spec_decl();

}  // namespace commsim::net
