#pragma once
/// \file
/// Quantities with units, as written in scenario files: bandwidths ("10Mbps", "1.5Gbps",
/// "100kBps" for bytes), durations ("5ms", "0.1ms", "2s", "0"), compute speeds ("2GFlops"),
/// and sizes in bits ("1Mb", "4kB"). Decimal prefixes (k = 1e3, M = 1e6, G = 1e9, T = 1e12), as
/// network engineers use them. "inf" / "unlimited" is accepted where an infinite value makes
/// sense (bandwidth, duration limits, size). Parsing failures throw `UnitError` with a message
/// saying what a valid value looks like; the JSON reader adds the path.

#include <stdexcept>
#include <string>
#include <string_view>

namespace commsim::sim {

/// The quantity kinds a scenario can hold.
enum class Unit { bandwidth_bps, duration_s, flops_per_s, bits };

/// A string is not a valid quantity of the expected kind.
class UnitError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// The longest finite duration the simulated clock holds (sim::Time: int64 nanoseconds, about
/// 292 years); `parse_quantity` refuses a longer one rather than let it saturate to "never".
inline constexpr double kMaxDurationSeconds = 9223372036.0;

/// Parses `text` as a quantity of `unit`, returned in base units (bit/s, s, flop/s, bits).
/// A finite duration beyond ±kMaxDurationSeconds is a UnitError.
double parse_quantity(std::string_view text, Unit unit);

/// Whether a duration of `seconds` is 0 on the simulated clock, which counts whole nanoseconds
/// (it rounds to the nearest: below 0.5 ns is 0). A key that must be > 0 refuses such a value.
bool rounds_to_zero_ns(double seconds);

/// What the unit is called in messages ("a bandwidth", "a duration", ...).
const char* unit_noun(Unit unit);
/// An example value for messages ("10Mbps", "5ms", ...).
const char* unit_example(Unit unit);

}  // namespace commsim::sim
