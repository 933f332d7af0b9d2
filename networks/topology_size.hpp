#pragma once
/// \file
/// What a platform will take in memory, known before it is built, so that the memory guard
/// can refuse a topology whose links or routes would not fit (full_mesh has n(n+1)/2 links,
/// ring routes hold O(n) links each) instead of failing in the middle of building it.

#include <string>

namespace commsim::net {

/// Bytes the platform of `num_workers` workers under the topology `kind` takes: hosts and
/// per-worker state (about 1.5 kB a worker), plus 540 B per full_mesh link pair (both
/// directions, its name and the route search's arcs) or 5 B per ring route entry ((n + 1)²
/// in all). Calibrated on peak RSS of `commsim validate` (star and two_level_tree at 2·10⁵
/// workers, full_mesh at 2000, ring at 8000), rounded up. custom and GraphML topologies count as
/// a star: their links are listed in a document already read.
double estimate_platform_bytes(const std::string& kind, int num_workers);

}  // namespace commsim::net
