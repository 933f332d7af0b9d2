#pragma once
/// \file
/// Limits of a run (kept apart from progress measurements).

#include <cstdint>
#include <limits>

#include "sim/kernel/time.hpp"
#include "sim/kernel/types.hpp"

namespace commsim::sim {

/// When to stop; StopEvaluator applies these (limits after each round, quality on recorded rows).
struct StopCriteria {
  std::uint64_t max_rounds = 1000;
  Time max_time = Time::infinity();
  Bits max_bits = std::numeric_limits<Bits>::max();  ///< cumulative uplink bits, all workers
  double grad_norm_sq = 0.0;  ///< converged when ‖∇f‖² ≤ this (checked on recorded rounds); 0: off
  /// diverged when ‖∇f‖² exceeds this factor × its initial value (or any value is non-finite)
  double divergence_factor = 1e12;
  /// stalled when the best ‖∇f‖² has not improved by `stall_tolerance` (relative) over this many
  /// rounds; 0: off
  std::uint64_t stall_rounds = 0;
  double stall_tolerance = 1e-6;
};

}  // namespace commsim::sim
