#include "sim/kernel/time.hpp"

#include <doctest/doctest.h>

#include <limits>

using commsim::sim::Time;

TEST_CASE("sim::Time: seconds round to the nearest nanosecond and sums are exact") {
  CHECK(Time::from_seconds(1e-9).ns() == 1);
  CHECK(Time::from_seconds(0.1).ns() == 100'000'000);
  Time t;
  for (int i = 0; i < 10; ++i) t += Time::from_seconds(0.1);
  CHECK(t == Time::from_seconds(1.0));  // no floating drift
  CHECK(Time::from_seconds(1.5).to_seconds() == 1.5);
}

TEST_CASE("sim::Time: infinity saturates") {
  CHECK((Time::infinity() + Time::from_ns(5)).is_infinite());
  CHECK(Time::from_seconds(std::numeric_limits<double>::infinity()).is_infinite());
  CHECK(Time::from_seconds(1e300).is_infinite());
  CHECK(Time::from_ns(5) < Time::infinity());
}
