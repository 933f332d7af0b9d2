#pragma once
/// \file
/// Simulated time. Decision (made once, here): time is an int64 count of nanoseconds, as in
/// ns-3 and OMNeT++. Ties are then exact, sums never drift, and traces are identical on every
/// platform. The range is ±292 years; `Time::infinity()` stands for "never".

#include <cmath>
#include <compare>
#include <cstdint>
#include <limits>

namespace commsim::sim {

/// A point in simulated time or a duration, in integer nanoseconds.
class Time {
 public:
  constexpr Time() = default;
  /// Nanoseconds as given.
  static constexpr Time from_ns(std::int64_t ns) { return Time(ns); }
  /// Seconds rounded to the nearest nanosecond; +inf (or anything past the range) is `infinity()`.
  static Time from_seconds(double s) {
    if (std::isnan(s)) return infinity();
    const double ns = std::round(s * 1e9);
    if (ns >= static_cast<double>(kMax)) return infinity();
    if (ns <= -static_cast<double>(kMax)) return Time(-kMax);
    return Time(static_cast<std::int64_t>(ns));
  }
  /// "Never": later than every finite time.
  static constexpr Time infinity() { return Time(kMax); }
  static constexpr Time zero() { return Time(0); }

  constexpr std::int64_t ns() const { return ns_; }
  constexpr bool is_infinite() const { return ns_ == kMax; }
  /// Seconds as a double (exact for any time below 2^53 ns ≈ 104 days).
  constexpr double to_seconds() const {
    return is_infinite() ? std::numeric_limits<double>::infinity()
                         : static_cast<double>(ns_) * 1e-9;
  }

  /// Saturating addition: anything plus infinity is infinity.
  friend constexpr Time operator+(Time a, Time b) {
    if (a.is_infinite() || b.is_infinite()) return infinity();
    if (b.ns_ > 0 && a.ns_ > kMax - b.ns_) return infinity();
    return Time(a.ns_ + b.ns_);
  }
  friend constexpr Time operator-(Time a, Time b) { return Time(a.ns_ - b.ns_); }
  constexpr Time& operator+=(Time b) { return *this = *this + b; }
  friend constexpr auto operator<=>(Time a, Time b) = default;
  friend constexpr bool operator==(Time a, Time b) = default;

 private:
  static constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  constexpr explicit Time(std::int64_t ns) : ns_(ns) {}
  std::int64_t ns_ = 0;
};

constexpr Time max(Time a, Time b) {
  return a < b ? b : a;
}
constexpr Time min(Time a, Time b) {
  return a < b ? a : b;
}

}  // namespace commsim::sim
