#include "scenarios/schema.hpp"

#include <doctest/doctest.h>

#include <functional>

#include "algorithms/builtin.hpp"
#include "networks/platform_builder.hpp"

using commsim::sim::Json;
using commsim::sim::KeyDecl;
using namespace commsim::scenario;

namespace {
KeyDecl decl(std::string path, KeyDecl::Kind kind, bool required = false, Json def = nullptr) {
  KeyDecl d;
  d.path = std::move(path);
  d.kind = kind;
  d.required = required;
  d.def = std::move(def);
  return d;
}

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

TEST_CASE(
    "scenario::schema_from_declarations: union of keys, required only when required in every "
    "build") {
  using K = KeyDecl::Kind;
  // Build 0 reads algorithm {name, r (required)}; build 1 reads algorithm {name, k = 2}.
  const std::vector<std::vector<KeyDecl>> builds = {
      {decl("", K::object), decl("algorithm", K::object), decl("algorithm.name", K::string, true),
       decl("algorithm.r", K::integer, true)},
      {decl("", K::object), decl("algorithm", K::object), decl("algorithm.name", K::string, true),
       decl("algorithm.k", K::integer, false, 2)},
  };
  const Json s = schema_from_declarations(builds);
  const Json& alg = s["properties"]["algorithm"];
  CHECK(alg["type"] == "object");
  CHECK(alg["additionalProperties"] == false);
  CHECK(alg["properties"].size() == 3);
  CHECK(alg["required"] == Json::array({"name"}));
  CHECK(alg["properties"]["k"]["default"] == 2);
  CHECK(alg["properties"]["r"]["type"] == "integer");
}

TEST_CASE(
    "scenario::schema_from_declarations: hand-parsed keys stay open, array elements share one "
    "schema") {
  using K = KeyDecl::Kind;
  KeyDecl bounded = decl("list[3].x", K::number);
  bounded.lo = 0.0;
  bounded.lo_exclusive = true;
  const std::vector<std::vector<KeyDecl>> builds = {{
                                                        decl("", K::object),
                                                        decl("step", K::any),
                                                        decl("step", K::object),
                                                        decl("step.m", K::number, true),
                                                        decl("list", K::array),
                                                        decl("list[0]", K::object),
                                                        decl("list[3]", K::object),
                                                        bounded,
                                                        decl("d", K::integer, false, 1),
                                                    },
                                                    {
                                                        decl("", K::object),
                                                        decl("d", K::integer, false, 5),
                                                    }};
  const Json s = schema_from_declarations(builds);
  const Json& step = s["properties"]["step"];
  CHECK(step["if"] == Json{{"type", "object"}});
  CHECK(step["then"]["required"] == Json::array({"m"}));
  const Json& items = s["properties"]["list"]["items"];
  CHECK(items["properties"]["x"]["exclusiveMinimum"] == 0.0);
  // Defaults that differ between builds (data-dependent ones) are left out.
  CHECK(!s["properties"]["d"].contains("default"));
}

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
  const Json& names = s["properties"]["algorithm"]["properties"]["name"]["enum"];
  CHECK(names.size() == commsim::algo::algorithm_names().size());
  const Json& kinds =
      s["properties"]["network"]["properties"]["topology"]["properties"]["kind"]["enum"];
  CHECK(kinds.size() == commsim::net::topology_kinds().size());
  // A few declarations the loader makes, as the loader makes them.
  const Json& count = s["properties"]["workers"]["properties"]["count"];
  CHECK(count["type"] == "integer");
  CHECK(count["minimum"] == 1);
  CHECK(count["maximum"] == 10000000);
  CHECK(count["default"] == 5);
  // data.synthetic is optional (read by hand), so its object schema sits under "then".
  const Json& density = s["properties"]["problem"]["properties"]["data"]["properties"]["synthetic"]
                         ["then"]["properties"]["density"];
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
