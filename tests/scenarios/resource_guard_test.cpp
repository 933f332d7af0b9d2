#include <doctest/doctest.h>

#include <string>

#include "scenarios/scenario_builder.hpp"
#include "sim/kernel/errors.hpp"

using commsim::ResourceError;
using commsim::sim::Json;
using namespace commsim::scenario;

namespace {
Json synthetic(std::int64_t samples, std::int64_t features, const char* memory) {
  Json doc = Json::parse(
      R"({"problem": {"type": "least_squares"}, "algorithm": {"name": "gd"}, "workers": {"count": 2}})");
  doc["problem"]["data"]["synthetic"] = Json{{"samples", samples}, {"features", features}};
  doc["limits"]["memory"] = memory;
  return doc;
}
}  // namespace

TEST_CASE(
    "scenario::build_scenario: synthetic data over limits.memory is refused before it is "
    "generated") {
  // 1e8 x 1e5 dense entries would be 160 TB: reaching the generator would exhaust memory (or
  // time), so returning at all shows the check ran first.
  std::string message;
  try {
    build_scenario(synthetic(100'000'000, 100'000, "1MB"));
  } catch (const ResourceError& e) {
    message = e.what();
  }
  CHECK(message.find("problem.data.synthetic:") == 0);
  CHECK(message.find("limits.memory") != std::string::npos);
  // The estimate in the message: 1e8 rows x ((1e5 + 1 bias) x 16 B + 16 B) + 1e5 x 16 B.
  const double expected = 1e8 * ((1e5 + 1.0) * 16.0 + 16.0) + 1e5 * 16.0;
  CHECK(estimate_synthetic_bytes(1e8, 1e5, 1.0) == doctest::Approx(expected));
  CHECK(message.find("1.6e+05 GB") != std::string::npos);
  CHECK(message.find("0.001 GB") != std::string::npos);  // "1MB" = 1e6 bytes
}

TEST_CASE(
    "scenario::build_scenario: the synthetic estimate counts rows, so tall thin data is refused "
    "too") {
  // density x features rounds to 0 entries, but every row still holds one entry, the bias, a
  // row pointer and a label: 1e7 rows x 48 B = 480 MB > 100 MB.
  Json doc = synthetic(10'000'000, 1000, "100MB");
  doc["problem"]["data"]["synthetic"]["density"] = 1e-6;
  CHECK(estimate_synthetic_bytes(1e7, 1000, 1e-6) == doctest::Approx(1e7 * 48.0 + 1000 * 16.0));
  CHECK_THROWS_AS(build_scenario(doc), ResourceError);
}

TEST_CASE("scenario::build_scenario: data under limits.memory loads") {
  // 200 x 5 entries: 200 x (6 x 16 + 16) + 80 = 22.5 kB < 1 MB.
  const Scenario sc = build_scenario(synthetic(200, 5, "1MB"));
  CHECK(sc.problem->dim() == 6);
  CHECK(sc.resolved["limits"]["memory"] == "1MB");
}
