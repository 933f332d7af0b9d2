#include "analysis/number_format.hpp"

#include <fmt/format.h>

namespace commsim::analysis {

std::string format_double(double x) {
  return fmt::format("{}", x);
}

std::string format_seconds(sim::Time t) {
  if (t.is_infinite()) return "inf";
  const std::int64_t ns = t.ns();
  const bool negative = ns < 0;
  const std::uint64_t abs_ns =
      negative ? static_cast<std::uint64_t>(-(ns + 1)) + 1 : static_cast<std::uint64_t>(ns);
  std::string out = fmt::format("{}{}", negative ? "-" : "", abs_ns / 1'000'000'000ULL);
  std::uint64_t frac = abs_ns % 1'000'000'000ULL;
  if (frac != 0) {
    std::string digits = fmt::format("{:09}", frac);
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out;
}

}  // namespace commsim::analysis
