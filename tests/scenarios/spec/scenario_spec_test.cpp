#include "scenarios/spec/scenario_spec.hpp"

#include <doctest/doctest.h>

#include "scenarios/scenario_file.hpp"
#include "sim/kernel/errors.hpp"

using namespace commsim;

namespace {

// Every error of `text` as "where: what" lines, in the order scenario_errors gives them.
std::vector<std::string> errors_of(const std::string& text) {
  std::vector<std::string> key_order;
  const sim::Json doc = scenario::parse_json(text, "s.json", &key_order);
  std::vector<std::string> lines;
  for (const auto& e : scenario::scenario_errors(doc, key_order)) lines.push_back(e.what());
  return lines;
}

// The message read_scenario throws (the first error in reading order), or "".
std::string first_error(const std::string& text) {
  try {
    scenario::read_scenario(scenario::parse_json(text, "s.json"));
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

constexpr const char* kProblem =
    R"("problem": {"type": "least_squares", "data": {"synthetic": {"samples": 20, "features": 3}}})";

}  // namespace

TEST_CASE("scenario::scenario_errors: three independent errors, three lines in document order") {
  // Document order network, workers, algorithm; reading order is workers, algorithm, network.
  const std::string text = std::string("{\"network\": {\"modle\": \"maxmin\"}, ") + kProblem +
                           R"(, "workers": {"speed": "3GHz"}, "algorithm": {"name": "marina",
                               "p": 2}})";
  const auto lines = errors_of(text);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].rfind("network.modle: unknown key (did you mean \"model\"?)", 0) == 0);
  CHECK(lines[1].rfind("workers.speed: \"3GHz\" is not a compute speed", 0) == 0);
  CHECK(lines[2].rfind("algorithm.p: 2 is not in (0, 1]", 0) == 0);
  // Each line is exactly the message the first-error reader gives for that error alone.
  CHECK(first_error(text) == lines[1]);  // reading order: workers comes first
  CHECK(errors_of(std::string("{") + kProblem + R"(, "algorithm": {"name": "marina", "p": 2}})") ==
        std::vector<std::string>{first_error(std::string("{") + kProblem +
                                             R"(, "algorithm": {"name": "marina", "p": 2}})")});
}

TEST_CASE("scenario::scenario_errors: a valid scenario has none; a wrong section type is one") {
  CHECK(errors_of(std::string("{") + kProblem + R"(, "algorithm": {"name": "gd"}})").empty());
  // A section of the wrong type is one error; nothing inside it is read (or reported).
  const auto lines = errors_of(std::string("{") + kProblem +
                               R"(, "network": 5, "algorithm": {"name": "gdd", "stepsize": -1},
                                  "seed": -3})");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].rfind("network: expected an object", 0) == 0);
  CHECK(lines[1].rfind("algorithm.name: unknown", 0) == 0);  // not also algorithm.stepsize
  CHECK(lines[2].rfind("seed: -3 must be >= 0", 0) == 0);
  CHECK(errors_of("[1]") == std::vector<std::string>{"scenario: expected an object, got an array"});
}

TEST_CASE("scenario::scenario_errors: unknown keys are each an error; missing sections too") {
  const auto lines = errors_of(R"({"sede": 1, "algorithm": {"name": "gd"}, "nmae": "x"})");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].rfind("problem: required section is missing", 0) == 0);
  CHECK(lines[1].rfind("sede: unknown key", 0) == 0);
  CHECK(lines[2].rfind("nmae: unknown key", 0) == 0);
}
