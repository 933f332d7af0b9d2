#include "analysis/number_format.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

using commsim::analysis::format_double;
using commsim::analysis::format_seconds;
using commsim::sim::Time;

TEST_CASE("analysis::format_double: the shortest text that reads back to the same double") {
  for (double x : {0.1, 1.0 / 3.0, 6.408869092950157e-05, 1e300, -2.5, 0.0, 123456789.125}) {
    const std::string s = format_double(x);
    CHECK(std::strtod(s.c_str(), nullptr) == x);
  }
  CHECK(format_double(0.1) == "0.1");
  CHECK(format_double(2.0) == "2");
}

TEST_CASE("analysis::format_seconds: exact decimal seconds from integer nanoseconds") {
  CHECK(format_seconds(Time::from_ns(7'666'668)) == "0.007666668");
  CHECK(format_seconds(Time::from_ns(0)) == "0");
  CHECK(format_seconds(Time::from_ns(3'000'000'000)) == "3");
  CHECK(format_seconds(Time::from_ns(1'500'000'001)) == "1.500000001");
  CHECK(format_seconds(Time::from_ns(-250'000'000)) == "-0.25");
  CHECK(format_seconds(Time::infinity()) == "inf");
}
