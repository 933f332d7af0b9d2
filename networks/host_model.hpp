#pragma once
/// \file
/// Hosts: how long a worker's local work takes and when the worker is online. Base duration is
/// work.flops / speed (or a fixed time per call), multiplied by a per-round jitter factor and,
/// for stragglers, a slowdown. Every random draw is a pure function of (scenario seed, purpose,
/// worker, round), taken from the platform's own streams ("jitter", "stragglers",
/// "availability"), so it does not depend on the order of calls and never touches the
/// optimizer's streams.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/kernel/rng.hpp"
#include "sim/kernel/time.hpp"
#include "sim/kernel/types.hpp"

namespace commsim::net {

/// How long an oracle call takes on a host.
struct HostSpec {
  double speed_flops = 1e9;  ///< flop/s
  /// When set (zero included): fixed seconds per uplink's oracle work, speed ignored.
  std::optional<double> time_per_call_s;
};

/// Per-round multiplicative compute noise.
struct JitterSpec {
  enum class Kind : std::uint8_t { none, lognormal, exponential };
  Kind kind = Kind::none;
  double sigma = 0.1;  ///< lognormal: factor = exp(sigma z - sigma²/2), z ~ N(0,1) (mean 1)
  double mean = 0.1;   ///< exponential: factor = 1 + X, X ~ Exp with this mean
};

/// A fraction of the workers is slower by a constant factor.
struct StragglerSpec {
  double fraction = 0.0;     ///< round(fraction · n) workers straggle
  double slowdown = 1.0;     ///< their compute time is multiplied by this (≥ 1)
  bool every_round = false;  ///< redraw the set every round (else drawn once, "fixed")
};

/// Offline periods of the workers.
struct AvailabilitySpec {
  enum class Kind : std::uint8_t { always, periodic, trace };
  Kind kind = Kind::always;
  sim::Time on,
      off;  ///< periodic: online for `on`, then offline for `off`, with a random phase per worker
  /// periodic, per worker (when not empty, instead of `on`/`off`): (on, off) of each worker.
  std::vector<std::pair<sim::Time, sim::Time>> periods;
  /// trace: per worker, sorted disjoint offline intervals [start, end).
  std::vector<std::vector<std::pair<sim::Time, sim::Time>>> offline;
};

/// Reads an availability trace: CSV lines `worker,start_s,end_s` (offline intervals in seconds;
/// an optional header line; blank lines and `#` comments skipped). Overlapping intervals are
/// merged. Throws InputError("file:line", ...) on a malformed line or a worker outside
/// [0, num_workers).
std::vector<std::vector<std::pair<sim::Time, sim::Time>>> read_availability_trace(
    const std::string& file, int num_workers);

/// Compute speeds, jitter, stragglers and availability of every worker.
class HostModel {
 public:
  /// Deterministic hosts: no jitter, no stragglers, always online.
  explicit HostModel(std::vector<HostSpec> hosts);
  /// Hosts with noise and availability drawn from `streams`.
  HostModel(std::vector<HostSpec> hosts, JitterSpec jitter, StragglerSpec stragglers,
            AvailabilitySpec availability, const sim::RngStreams& streams);

  /// Number of workers.
  int size() const { return static_cast<int>(hosts_.size()); }
  /// Worker `w`'s host parameters.
  const HostSpec& spec(int w) const { return hosts_[static_cast<std::size_t>(w)]; }
  /// Duration of `work` on worker `w` in `round` (jitter and straggling included).
  sim::Time compute_time(int w, const sim::Work& work, std::uint64_t round) const;
  /// The jitter factor of worker `w` in `round` (1 without jitter).
  double jitter_factor(int w, std::uint64_t round) const;
  /// Whether worker `w` straggles in `round`.
  bool is_straggler(int w, std::uint64_t round) const;
  /// Earliest time ≥ t at which worker `w` is online.
  sim::Time available_from(int w, sim::Time t) const;
  /// Periodic availability: worker `w`'s phase offset in [0, on + off).
  sim::Time phase(int w) const {
    return phase_.empty() ? sim::Time::zero() : phase_[static_cast<std::size_t>(w)];
  }

 private:
  void draw_stragglers(sim::Rng& rng, std::vector<char>& out) const;
  // Periodic availability: worker `w`'s (on, off).
  std::pair<sim::Time, sim::Time> period(int w) const {
    return availability_.periods.empty() ? std::pair{availability_.on, availability_.off}
                                         : availability_.periods[static_cast<std::size_t>(w)];
  }

  std::vector<HostSpec> hosts_;
  JitterSpec jitter_;
  StragglerSpec stragglers_;
  AvailabilitySpec availability_;
  sim::RngStreams streams_{0};
  std::vector<char> fixed_stragglers_;
  std::vector<sim::Time> phase_;
  // every_round: the set for the last round asked about (compute_time is called round by round).
  mutable std::uint64_t cached_round_ = ~std::uint64_t{0};
  mutable std::vector<char> round_stragglers_;
};

}  // namespace commsim::net
