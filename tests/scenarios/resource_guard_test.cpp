#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "networks/topology_size.hpp"
#include "scenarios/scenario_builder.hpp"
#include "sim/kernel/errors.hpp"

using commsim::ResourceError;
namespace net = commsim::net;
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

namespace {
// A least-squares scenario over `samples` x `features` synthetic rows of the given density.
Json run_of(std::int64_t samples, std::int64_t features, double density, int workers) {
  Json doc = Json::parse(R"({"problem": {"type": "least_squares"}, "algorithm": {"name": "gd"}})");
  doc["problem"]["data"]["synthetic"] =
      Json{{"samples", samples}, {"features", features}, {"density", density}};
  doc["workers"]["count"] = workers;
  return doc;
}

std::string resource_message(const Json& doc) {
  try {
    build_scenario(doc);
  } catch (const ResourceError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE(
    "scenario::build_scenario: a full_mesh of 20 000 workers is refused before its 2e8 links "
    "are built") {
  // 20 001 nodes: 20 001 x 20 000 / 2 = 2.0e8 link pairs x 540 B = 108 GB > 8 GB; building them
  // was a std::bad_alloc, so a ResourceError at all shows the check ran first.
  Json doc = run_of(20'000, 2, 0.5, 20'000);
  doc["network"]["topology"]["kind"] = "full_mesh";
  doc["limits"]["memory"] = "8GB";
  const std::string message = resource_message(doc);
  CHECK(message.find("network.topology:") == 0);
  CHECK(message.find("limits.memory") != std::string::npos);
  CHECK(net::estimate_platform_bytes("full_mesh", 20'000) ==
        doctest::Approx(20'000 * 1500.0 + 20'001.0 * 20'000 / 2 * 540.0));
  // The same workers under a star take 1.5 kB each: 30 MB.
  doc["network"]["topology"]["kind"] = "star";
  CHECK(resource_message(doc).empty());
}

TEST_CASE("scenario::build_scenario: ring routes are counted (quadratic in n)") {
  Json doc = run_of(50'000, 2, 0.5, 50'000);
  doc["network"]["topology"]["kind"] = "ring";
  doc["limits"]["memory"] = "2GB";  // 50 001² x 5 B = 12.5 GB of route entries
  CHECK(resource_message(doc).find("network.topology:") == 0);
}

TEST_CASE("scenario::build_scenario: method state is counted from the method's declared vectors") {
  // dasha keeps 5 d-vectors per worker and 7 once (its registry entry): at d = 1e7 + 1 (bias)
  // and n = 1 that is 12 x 8 B x (1e7 + 1) = 0.96 GB > 0.5 GB, which the old guard (6 copies
  // per worker, 0.48 GB) let through; peak RSS of this run is 0.95 GB.
  Json doc = run_of(20, 10'000'000, 1e-5, 1);
  doc["algorithm"] = Json{{"name", "dasha"}, {"compressor", {{"name", "randk"}, {"k", 10}}}};
  doc["limits"]["memory"] = "0.5GB";
  const std::string message = resource_message(doc);
  CHECK(message.find("algorithm:") == 0);
  CHECK(message.find("method state 0.96") != std::string::npos);
  // gd on the same data keeps 1 per worker and 5 once: 0.48 GB, under the limit.
  doc["algorithm"] = Json{{"name", "gd"}};
  CHECK(estimate_method_bytes(read_scenario(doc).algorithm, 1, 10'000'001) ==
        doctest::Approx(6.0 * 8.0 * 10'000'001));
  CHECK(resource_message(doc).empty());
}

TEST_CASE("scenario::build_scenario: the data set is counted with its shards") {
  // 1e4 x 100 dense rows: DataStore::bytes_of ≈ 1e6 entries x 16 B = 16 MB, 36 MB with the
  // shards cut from it (2.25x): under 30 MB the run is refused at problem.data, although the
  // generated set alone (16 MB, estimated before generation) fits.
  Json doc = run_of(10'000, 100, 1.0, 4);
  doc["limits"]["memory"] = "30MB";
  CHECK(resource_message(doc).find("problem.data:") == 0);
  doc["limits"]["memory"] = "40MB";
  CHECK(resource_message(doc).empty());
}

TEST_CASE(
    "scenario::build_scenario: a synthetic run over the limit is refused before its data is "
    "generated") {
  // 1e6 x 100 dense rows: 1.6 GB of data fit a 3 GB limit alone, not with their shards
  // (2.25x = 3.6 GB). Generating 1e8 entries takes seconds; the refusal comes from the spec.
  Json doc = run_of(1'000'000, 100, 1.0, 4);
  doc["limits"]["memory"] = "3GB";
  const auto start = std::chrono::steady_clock::now();
  const std::string message = resource_message(doc);
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(message.find("problem.data:") == 0);
  CHECK(took < 1.0);
}
