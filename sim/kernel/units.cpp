#include "sim/kernel/units.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include <fmt/format.h>

namespace commsim::sim {
namespace {

struct Suffix {
  const char* text;
  double factor;
};

// Longest suffixes first so that "Mbps" is not read as "bps" after "M".
constexpr Suffix kBandwidth[] = {{"Tbps", 1e12}, {"Gbps", 1e9},  {"Mbps", 1e6}, {"kbps", 1e3},
                                 {"Kbps", 1e3},  {"TBps", 8e12}, {"GBps", 8e9}, {"MBps", 8e6},
                                 {"kBps", 8e3},  {"KBps", 8e3},  {"bps", 1.0},  {"Bps", 8.0}};
constexpr Suffix kDuration[] = {{"min", 60.0}, {"ms", 1e-3},  {"us", 1e-6}, {"µs", 1e-6},
                                {"ns", 1e-9},  {"h", 3600.0}, {"s", 1.0}};
constexpr Suffix kFlops[] = {{"TFlops", 1e12}, {"GFlops", 1e9}, {"MFlops", 1e6}, {"kFlops", 1e3},
                             {"Tflops", 1e12}, {"Gflops", 1e9}, {"Mflops", 1e6}, {"kflops", 1e3},
                             {"Flops", 1.0},   {"flops", 1.0},  {"f", 1.0}};
constexpr Suffix kBits[] = {{"Tb", 1e12}, {"Gb", 1e9}, {"Mb", 1e6}, {"kb", 1e3}, {"TB", 8e12},
                            {"GB", 8e9},  {"MB", 8e6}, {"kB", 8e3}, {"b", 1.0},  {"B", 8.0}};

template <std::size_t N>
const Suffix* match_suffix(std::string_view unit, const Suffix (&table)[N]) {
  for (const auto& s : table) {
    if (unit == s.text) return &s;
  }
  return nullptr;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

const char* unit_noun(Unit unit) {
  switch (unit) {
    case Unit::bandwidth_bps: return "a bandwidth";
    case Unit::duration_s: return "a duration";
    case Unit::flops_per_s: return "a compute speed";
    case Unit::bits: return "a size";
  }
  return "a quantity";
}

const char* unit_example(Unit unit) {
  switch (unit) {
    case Unit::bandwidth_bps: return "\"10Mbps\", \"1Gbps\"";
    case Unit::duration_s: return "\"5ms\", \"0.1ms\", \"2s\"";
    case Unit::flops_per_s: return "\"2GFlops\"";
    case Unit::bits: return "\"1Mb\", \"4kB\"";
  }
  return "";
}

double parse_quantity(std::string_view raw, Unit unit) {
  const std::string_view text = trim(raw);
  auto fail = [&]() -> UnitError {
    return UnitError(
        fmt::format("\"{}\" is not {} (use e.g. {})", raw, unit_noun(unit), unit_example(unit)));
  };
  if (unit != Unit::flops_per_s && (text == "inf" || text == "unlimited" || text == "infinite")) {
    return std::numeric_limits<double>::infinity();
  }
  // Split the leading number from the unit suffix.
  std::size_t i = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.' ||
                             text[i] == '-' || text[i] == '+' ||
                             ((text[i] == 'e' || text[i] == 'E') && i > 0 && i + 1 < text.size() &&
                              (std::isdigit(static_cast<unsigned char>(text[i + 1])) ||
                               text[i + 1] == '-' || text[i + 1] == '+')))) {
    ++i;
  }
  const std::string_view number = text.substr(0, i);
  const std::string_view suffix = trim(text.substr(i));
  if (number.empty()) throw fail();
  double value = 0.0;
  const char* first = number.data();
  if (*first == '+') ++first;
  const auto [end, ec] = std::from_chars(first, number.data() + number.size(), value);
  if (ec != std::errc() || end != number.data() + number.size() || !std::isfinite(value))
    throw fail();
  if (suffix.empty()) {
    if (value == 0.0) return 0.0;  // "0" needs no unit: zero of anything is zero
    if (unit == Unit::bits) return value;
    throw fail();
  }
  const Suffix* s = nullptr;
  switch (unit) {
    case Unit::bandwidth_bps: s = match_suffix(suffix, kBandwidth); break;
    case Unit::duration_s: s = match_suffix(suffix, kDuration); break;
    case Unit::flops_per_s: s = match_suffix(suffix, kFlops); break;
    case Unit::bits: s = match_suffix(suffix, kBits); break;
  }
  if (!s) throw fail();
  const double result = value * s->factor;
  if (unit == Unit::duration_s && !(std::fabs(result) <= kMaxDurationSeconds)) {
    throw UnitError(
        fmt::format("\"{}\" is beyond the simulated clock's range (at most {}s, about "
                    "292 years)",
                    raw, kMaxDurationSeconds));
  }
  return result;
}

bool rounds_to_zero_ns(double seconds) {
  return std::round(seconds * 1e9) == 0.0;
}

}  // namespace commsim::sim
