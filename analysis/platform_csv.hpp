#pragma once
/// \file
/// `platform.csv`: the per-worker values a run actually used, after distributions, per-worker
/// arrays and overrides were drawn, so a run's platform can be inspected and re-run. Columns (a
/// contract; new columns are only ever appended):
/// worker,speed_flops,time_per_call_s,uplink_bandwidth_bps,uplink_latency_s,
/// downlink_bandwidth_bps,downlink_latency_s,uplink_link,downlink_link
/// The uplink is the first link of the worker's route to the server (its access link), the
/// downlink the last link of the server's route to it; `uplink_link`/`downlink_link` name them,
/// so on a topology where that link is shared (a rack link, a custom switch) the row says so.
/// A worker with an empty route (no link) gets `inf` bandwidth, zero latency and an empty name.

#include <string>

#include "networks/platform.hpp"

namespace commsim::analysis {

/// The whole platform.csv text (header included) of `platform`.
std::string platform_csv(const net::Platform& platform);

}  // namespace commsim::analysis
