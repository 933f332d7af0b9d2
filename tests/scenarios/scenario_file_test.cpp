#include "scenarios/scenario_file.hpp"

#include <doctest/doctest.h>

#include "sim/kernel/errors.hpp"

using namespace commsim;

TEST_CASE("scenario::parse_json: syntax errors carry line and column") {
  try {
    scenario::parse_json("{\n  \"a\": 1,\n  \"b\": ]\n}", "s.json");
    FAIL("parsed invalid JSON");
  } catch (const ConfigError& e) {
    CHECK(e.where() == "s.json:3:8");  // the offending "]"
    CHECK(std::string(e.what()).find("invalid JSON") != std::string::npos);
  }
}

TEST_CASE("scenario::apply_override: values are JSON when they parse, strings otherwise") {
  sim::Json doc = sim::Json::parse(
      R"({"algorithm": {"name": "gd"}, "workers": {"overrides": [{"speed": "1GFlops"}]}})");
  scenario::apply_override(doc, "algorithm.stepsize=0.5");
  scenario::apply_override(doc, "algorithm.compressor.name=randk");
  scenario::apply_override(doc, "workers.overrides[0].speed=\"2GFlops\"");
  scenario::apply_override(doc, "stop.report_eps=[0.1,0.01]");
  CHECK(doc["algorithm"]["stepsize"] == 0.5);
  CHECK(doc["algorithm"]["compressor"]["name"] == "randk");
  CHECK(doc["workers"]["overrides"][0]["speed"] == "2GFlops");
  CHECK(doc["stop"]["report_eps"] == sim::Json::parse("[0.1, 0.01]"));
  CHECK_THROWS_AS(scenario::apply_override(doc, "workers.overrides[3].speed=1"), ConfigError);
  CHECK_THROWS_AS(scenario::apply_override(doc, "nonsense"), ConfigError);
  CHECK_THROWS_AS(scenario::apply_override(doc, "algorithm.name.deeper=1"), ConfigError);
}

TEST_CASE("scenario::resolve_relative_paths: data paths are taken relative to the scenario file") {
  sim::Json doc = sim::Json::parse(R"({"problem": {"data": {"path": "data/x.svm"}}})");
  scenario::resolve_relative_paths(doc, "/base/dir");
  CHECK(doc["problem"]["data"]["path"] == "/base/dir/data/x.svm");
  sim::Json abs = sim::Json::parse(R"({"problem": {"data": {"path": "/abs/x.svm"}}})");
  scenario::resolve_relative_paths(abs, "/base/dir");
  CHECK(abs["problem"]["data"]["path"] == "/abs/x.svm");
}

TEST_CASE("scenario::parse_json: a duplicate key is refused by its JSON path, not last-wins") {
  auto where_of = [](std::string_view text) {
    try {
      scenario::parse_json(text, "s.json");
    } catch (const ConfigError& e) {
      CHECK(std::string(e.what()).find("duplicate key in s.json") != std::string::npos);
      return e.where();
    }
    return std::string("(parsed)");
  };
  CHECK(where_of(R"({"seed": 1, "seed": 2})") == "seed");
  CHECK(where_of(R"({"a": {"b": 1}, "w": {"o": [{"s": 1}, 7, {"s": 1, "s": 2}]}})") == "w.o[2].s");
  CHECK(where_of(R"({"l": [[1, {"x": 1}], {"k": 1, "k": 1}]})") == "l[1].k");
  // The same key in different objects is fine.
  CHECK(where_of(R"({"a": {"k": 1}, "b": {"k": 1}, "k": [{"k": 1}, {"k": 2}]})") == "(parsed)");
}

TEST_CASE("scenario::parse_json: nothing may follow the document, not even after a NUL byte") {
  using namespace std::string_literals;
  try {
    scenario::parse_json("{\"a\": 1}\n\0{\"a\": 2}"s, "s.json");
    FAIL("text after a NUL byte was ignored");
  } catch (const ConfigError& e) {
    CHECK(e.where() == "s.json:2:1");
    CHECK(std::string(e.what()).find("NUL byte") != std::string::npos);
  }
  CHECK_THROWS_AS(scenario::parse_json("{\"a\": 1} {\"a\": 2}", "s.json"), ConfigError);
}

TEST_CASE("scenario::apply_override: a duplicate key inside a --set value names its path") {
  sim::Json doc = sim::Json::object();
  try {
    scenario::apply_override(doc, R"(algorithm={"name": "gd", "name": "diana"})");
    FAIL("duplicate key accepted");
  } catch (const ConfigError& e) {
    CHECK(e.where() == "algorithm.name");
  }
}
