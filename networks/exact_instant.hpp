#pragma once
/// \file
/// The flow-level models' internal clock. A completion computed from a rate rarely falls on a
/// whole nanosecond; reporting it rounded up is right, but settling the other flows' progress at
/// the rounded instant would carry the rounding error (up to 1 ns per event, times the rate
/// change) into every later event. So the models keep each event at its exact instant: whole
/// nanoseconds plus a fraction, and round only what they report.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "sim/kernel/time.hpp"

namespace commsim::net {

/// A point in simulated time: `ns` whole nanoseconds plus `frac` ∈ [0, 1) of one.
struct Instant {
  std::int64_t ns = 0;
  double frac = 0.0;

  static constexpr Instant at(sim::Time t) { return Instant{t.ns(), 0.0}; }
  static constexpr Instant never() { return Instant{sim::Time::infinity().ns(), 0.0}; }
  constexpr bool is_never() const { return ns == sim::Time::infinity().ns(); }

  /// This instant plus `seconds` (≥ 0); past the range (or +inf) is `never()`.
  Instant plus_seconds(double seconds) const {
    if (is_never()) return never();
    const double total = frac + seconds * 1e9;
    if (!(total < 9.0e18) || static_cast<double>(ns) + total >= 9.0e18) return never();
    const double whole = std::floor(total);
    return Instant{ns + static_cast<std::int64_t>(whole), total - whole};
  }
  /// Seconds from `earlier` to this instant.
  double seconds_since(const Instant& earlier) const {
    return (static_cast<double>(ns - earlier.ns) + (frac - earlier.frac)) * 1e-9;
  }
  /// The instant reported to the runtime: rounded up to the nanosecond, except that a fraction
  /// within rounding noise of a whole nanosecond (1 Mb at 1 Mbps) is not pushed one late.
  sim::Time reported() const {
    const double slack = std::max(1e-6, static_cast<double>(ns) * 1e-15);
    return sim::Time::from_ns(frac > slack ? ns + 1 : ns);
  }
  friend constexpr auto operator<=>(const Instant& a, const Instant& b) = default;
  friend constexpr bool operator==(const Instant& a, const Instant& b) = default;
};

}  // namespace commsim::net
