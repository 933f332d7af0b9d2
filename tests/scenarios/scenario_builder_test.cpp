#include "scenarios/scenario_builder.hpp"

#include <chrono>
#include <string>

#include <doctest/doctest.h>

#include "sim/kernel/errors.hpp"

using commsim::ConfigError;
using commsim::sim::Json;
using namespace commsim::scenario;

namespace {

// Least squares over 1000 x 2000 dense synthetic rows (d = 2001 with the bias): the dense
// analysis took 65 s at this size (n = 5), the iterative one about a second.
Json big_least_squares() {
  return Json::parse(R"({"problem": {"type": "least_squares",
                         "data": {"synthetic": {"samples": 1000, "features": 2000}}},
                         "algorithm": {"name": "gd"}})");
}

// Seconds `f` takes.
template <class F>
double seconds_of(F f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string config_error(const Json& doc) {
  try {
    build_scenario(doc);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE(
    "scenario::build_scenario: a typo in network is reported before the problem is analysed") {
  // The fuzz target's 10 s timeout (d = 509), here at d = 2000.
  Json doc = big_least_squares();
  doc["network"] =
      Json::parse(R"({"topology": {"kind": "star", "uplnk": {"bandwidth": "1Mbps"}}})");
  std::string message;
  const double took = seconds_of([&] { message = config_error(doc); });
  CHECK(message.find("network.topology.uplnk: unknown key") == 0);
  CHECK(took < 2.0);  // loose: a regression to analysing first takes a minute
}

TEST_CASE("scenario::build_scenario: platform errors come before the problem's analysis") {
  // A per-worker list of the wrong length is only found when the platform is built (it needs
  // n); the platform is now built before the smoothness constants are computed.
  Json doc = big_least_squares();
  doc["workers"] = Json::parse(R"({"count": 3, "speed": ["1GFlops", "2GFlops"]})");
  std::string message;
  const double took = seconds_of([&] { message = config_error(doc); });
  CHECK(message.find("workers.speed: expected 3 values") == 0);
  CHECK(took < 2.0);
}

TEST_CASE("scenario::build_scenario: d = 2000 least squares builds in seconds, not a minute") {
  Scenario sc;
  const double took = seconds_of([&] { sc = build_scenario(big_least_squares()); });
  CHECK(sc.problem->dim() == 2001);
  CHECK(sc.problem->constants().l_minus.has_value());
  CHECK(took < 30.0);  // about 1 s in Release; loose enough for sanitizer builds
}
