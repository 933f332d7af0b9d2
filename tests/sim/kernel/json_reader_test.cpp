#include "sim/kernel/json_reader.hpp"

#include <doctest/doctest.h>

#include "sim/kernel/errors.hpp"

using commsim::ConfigError;
using commsim::sim::Json;
using commsim::sim::JsonReader;
using commsim::sim::Unit;

static std::string error_of(auto&& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

TEST_CASE("sim::JsonReader: defaults are filled into the resolved mirror") {
  Json doc = Json::parse(R"({"a": 3, "sub": {"x": "5ms"}})");
  Json resolved;
  JsonReader r(doc, "", &resolved);
  CHECK(r.integer("a", 1) == 3);
  CHECK(r.number("b", 0.5) == 0.5);
  JsonReader sub = r.object("sub");
  CHECK(sub.quantity("x", "1ms", Unit::duration_s) == doctest::Approx(5e-3));
  CHECK(sub.quantity("y", "1ms", Unit::duration_s) == doctest::Approx(1e-3));
  sub.finish();
  r.finish();
  CHECK(resolved == Json::parse(R"({"a": 3, "b": 0.5, "sub": {"x": "5ms", "y": "1ms"}})"));
}

TEST_CASE("sim::JsonReader: every error names its JSON path") {
  Json doc = Json::parse(
      R"({"network": {"topology": {"uplink": {"bandwidth": "10 Mbit", "latncy": "1ms"}}}})");
  JsonReader top(doc, "");
  JsonReader net = top.object("network");
  JsonReader topo = net.object("topology");
  JsonReader up = topo.object("uplink");
  CHECK(error_of([&] { up.quantity("bandwidth", "1Mbps", Unit::bandwidth_bps); }) ==
        "network.topology.uplink.bandwidth: \"10 Mbit\" is not a bandwidth (use e.g. \"10Mbps\", "
        "\"1Gbps\")");
  up.quantity("latency", "1ms", Unit::duration_s);
  CHECK(error_of([&] { up.finish(); }) ==
        "network.topology.uplink.latncy: unknown key (did you mean \"latency\"?); valid keys here: "
        "\"bandwidth\", \"latency\"");
}

TEST_CASE("sim::JsonReader: types and ranges are checked") {
  Json doc = Json::parse(
      R"({"n": "five", "k": 2.5, "p": 1.5, "neg": -1, "bw": "-5Mbps", "flag": 1, "mode": "fsat"})");
  JsonReader r(doc, "algorithm");
  CHECK(error_of([&] { r.integer("n", 1); }) ==
        "algorithm.n: expected an integer, got a string (\"five\")");
  CHECK(error_of([&] { r.integer("k", 1); }) ==
        "algorithm.k: expected an integer, got a number (2.5)");
  CHECK(error_of([&] { r.number("p", 0.5, 0.0, 1.0); }) ==
        "algorithm.p: 1.5 is out of range [0, 1]");
  CHECK(error_of([&] { r.integer("neg", 1, 1); }) == "algorithm.neg: -1 must be >= 1");
  CHECK(error_of([&] { r.quantity("bw", "1Mbps", Unit::bandwidth_bps, 0.0, INFINITY, true); }) ==
        "algorithm.bw: \"-5Mbps\" must be > 0");
  CHECK(error_of([&] { r.boolean("flag", false); }) ==
        "algorithm.flag: expected true or false, got an integer (1)");
  CHECK(error_of([&] {
          r.choice("mode", "slow", {"slow", "fast"});
        }) ==
        "algorithm.mode: unknown value \"fsat\" (did you mean \"fast\"?); valid values: \"slow\", "
        "\"fast\"");
  CHECK(error_of([&] { r.number("missing", std::nullopt); }) ==
        "algorithm.missing: required number is missing");
}

TEST_CASE("sim::JsonReader: a non-object section is an error at its path") {
  Json doc = Json::parse(R"({"stop": 5})");
  JsonReader r(doc, "");
  CHECK(error_of([&] { r.object("stop"); }) == "stop: expected an object, got an integer (5)");
}
