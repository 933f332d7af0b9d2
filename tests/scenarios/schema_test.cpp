#include "scenarios/schema.hpp"

#include <doctest/doctest.h>

#include <functional>

#include "algorithms/builtin.hpp"
#include "networks/platform_builder.hpp"

using commsim::sim::Json;
using namespace commsim::scenario;

namespace {
// Calls f on every schema node of `s` that describes an object.
void for_each_object(const Json& s, const std::function<void(const Json&)>& f) {
  if (!s.is_object()) return;
  if (s.value("type", Json()) == "object" && s.contains("properties")) f(s);
  for (const auto& [k, v] : s.items()) {
    if (k == "properties") {
      for (const auto& [_, p] : v.items()) for_each_object(p, f);
    } else if (v.is_object()) {
      for_each_object(v, f);
    } else if (v.is_array()) {
      for (const auto& e : v) for_each_object(e, f);
    }
  }
}
}  // namespace

TEST_CASE("scenario::scenario_schema: closed objects, registry enums, required sections") {
  const Json s = scenario_schema();
  CHECK(s["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  CHECK(s["required"] == Json::array({"problem", "algorithm"}));
  int objects = 0;
  for_each_object(s, [&](const Json& o) {
    ++objects;
    CHECK(o["additionalProperties"] == false);
  });
  CHECK(objects > 20);
  // A part chosen by name: the name enum comes from the registry, one branch per entry.
  auto part_names = [](const Json& part, const char* key) {
    return part["allOf"][0]["properties"][key]["enum"];
  };
  CHECK(part_names(s["properties"]["algorithm"], "name").size() ==
        commsim::algo::algorithm_names().size());
  CHECK(s["properties"]["algorithm"]["allOf"].size() ==
        commsim::algo::algorithm_names().size() + 1);
  const Json& topology = s["properties"]["network"]["properties"]["topology"];
  CHECK(part_names(topology, "kind").size() == commsim::net::topology_kinds().size());
  // A few declarations the loader makes, as the loader makes them.
  const Json& count = s["properties"]["workers"]["properties"]["count"];
  CHECK(count["type"] == "integer");
  CHECK(count["minimum"] == 1);
  CHECK(count["maximum"] == 10000000);
  CHECK(count["default"] == 5);
  const Json& density = s["properties"]["problem"]["properties"]["data"]["properties"]["synthetic"]
                         ["properties"]["density"];
  CHECK(density["maximum"] == 1.0);
  CHECK(s["properties"]["stop"]["properties"]["max_time"]["default"] == "inf");
}

TEST_CASE("scenario::sweep_schema: base, grid, zip, seeds") {
  const Json s = sweep_schema();
  CHECK(s["required"] == Json::array({"base"}));
  CHECK(s["additionalProperties"] == false);
  for (const char* k : {"base", "grid", "zip", "seeds", "seed", "description"})
    CHECK(s["properties"].contains(k));
  CHECK(!s["$defs"]["scenario"].contains("required"));
}
