#include "sim/kernel/units.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "sim/kernel/time.hpp"

namespace sim = commsim::sim;
using commsim::sim::parse_quantity;
using commsim::sim::rounds_to_zero_ns;
using commsim::sim::Unit;
using commsim::sim::UnitError;

TEST_CASE("sim::units: bandwidths, durations, speeds and sizes convert to base units") {
  CHECK(parse_quantity("10Mbps", Unit::bandwidth_bps) == doctest::Approx(1e7));
  CHECK(parse_quantity("1.5Gbps", Unit::bandwidth_bps) == doctest::Approx(1.5e9));
  CHECK(parse_quantity("100kBps", Unit::bandwidth_bps) == doctest::Approx(8e5));
  CHECK(parse_quantity("10 Mbps", Unit::bandwidth_bps) == doctest::Approx(1e7));
  CHECK(std::isinf(parse_quantity("inf", Unit::bandwidth_bps)));
  CHECK(parse_quantity("5ms", Unit::duration_s) == doctest::Approx(5e-3));
  CHECK(parse_quantity("0.1ms", Unit::duration_s) == doctest::Approx(1e-4));
  CHECK(parse_quantity("2s", Unit::duration_s) == doctest::Approx(2.0));
  CHECK(parse_quantity("3us", Unit::duration_s) == doctest::Approx(3e-6));
  CHECK(parse_quantity("0", Unit::duration_s) == 0.0);
  CHECK(parse_quantity("2GFlops", Unit::flops_per_s) == doctest::Approx(2e9));
  CHECK(parse_quantity("4kB", Unit::bits) == doctest::Approx(32000));
  CHECK(parse_quantity("1e3Mbps", Unit::bandwidth_bps) == doctest::Approx(1e9));
}

TEST_CASE("sim::units: bad units are rejected with an example of a good one") {
  try {
    parse_quantity("10 Mbit", Unit::bandwidth_bps);
    FAIL("accepted 10 Mbit");
  } catch (const UnitError& e) {
    CHECK(std::string(e.what()) ==
          "\"10 Mbit\" is not a bandwidth (use e.g. \"10Mbps\", \"1Gbps\")");
  }
  CHECK_THROWS_AS(parse_quantity("10", Unit::bandwidth_bps), UnitError);  // a unit is never guessed
  CHECK_THROWS_AS(parse_quantity("fast", Unit::bandwidth_bps), UnitError);
  CHECK_THROWS_AS(parse_quantity("5 parsecs", Unit::duration_s), UnitError);
  CHECK_THROWS_AS(parse_quantity("", Unit::duration_s), UnitError);
  CHECK_THROWS_AS(parse_quantity("1.2.3ms", Unit::duration_s), UnitError);
  CHECK_THROWS_AS(parse_quantity("inf", Unit::flops_per_s), UnitError);
}

TEST_CASE("sim::units: a duration beyond the simulated clock's range is refused, not 'never'") {
  // sim::Time is int64 nanoseconds: 1e300 s used to saturate silently to Time::infinity().
  try {
    parse_quantity("1e300s", Unit::duration_s);
    FAIL("accepted 1e300s");
  } catch (const UnitError& e) {
    CHECK(std::string(e.what()) ==
          "\"1e300s\" is beyond the simulated clock's range (at most "
          "9223372036s, about 292 years)");
  }
  CHECK_THROWS_AS(parse_quantity("9223372037s", Unit::duration_s), UnitError);
  CHECK_THROWS_AS(parse_quantity("-1e12s", Unit::duration_s), UnitError);
  CHECK(parse_quantity("9223372036s", Unit::duration_s) == 9223372036.0);
  CHECK(std::isinf(parse_quantity("inf", Unit::duration_s)));  // "never" is said so
  CHECK(parse_quantity("1e300Mbps", Unit::bandwidth_bps) == doctest::Approx(1e306));
}

TEST_CASE("sim::units: rounds_to_zero_ns follows sim::Time's rounding to whole nanoseconds") {
  for (const double s : {0.0, 0.4e-9, 0.49e-9, 1e-12}) {
    CHECK(rounds_to_zero_ns(s));
    CHECK(sim::Time::from_seconds(s) == sim::Time::zero());
  }
  for (const double s : {0.5e-9, 1e-9, 1.0}) {
    CHECK_FALSE(rounds_to_zero_ns(s));
    CHECK(sim::Time::from_seconds(s) > sim::Time::zero());
  }
}
