#include "scenarios/spec/declared_schema.hpp"

#include <cstdint>

namespace commsim::scenario {
namespace {

using sim::Json;
using sim::KeyDecl;

const char* unit_description(sim::Unit unit) {
  switch (unit) {
    case sim::Unit::bandwidth_bps:
      return "a bandwidth with its unit, e.g. \"10Mbps\", \"1Gbps\", \"inf\"";
    case sim::Unit::duration_s:
      return "a duration with its unit, e.g. \"5ms\", \"2s\", \"inf\" (or 0)";
    case sim::Unit::flops_per_s: return "a compute speed with its unit, e.g. \"2GFlops\"";
    case sim::Unit::bits:
      return "a size with its unit, e.g. \"1Mb\", \"4kB\", \"inf\", or a number of bits";
  }
  return "a quantity with its unit";
}

Json with_bounds(Json s, const KeyDecl& d) {
  // Integer bounds print as integers (they are exact: the reader's are int64 within 2^53).
  auto value = [&](double x) {
    return d.kind == KeyDecl::Kind::integer ? Json(static_cast<std::int64_t>(x)) : Json(x);
  };
  if (d.lo) s[d.lo_exclusive ? "exclusiveMinimum" : "minimum"] = value(*d.lo);
  if (d.hi) s["maximum"] = value(*d.hi);
  return s;
}

Json quantity_schema(const KeyDecl& d) {
  const Json number = d.unit == sim::Unit::bits ? Json{{"type", "number"}} : Json{{"const", 0}};
  return Json{{"anyOf", Json::array({Json{{"type", "string"}}, number})},
              {"description", unit_description(*d.unit)}};
}

Json typed_schema(const KeyDecl& d) {
  if (!d.schema.is_null()) return d.schema;
  if (d.registry && d.kind == KeyDecl::Kind::any) {  // a part that may be given by its bare name
    const sim::RegistryBase& r = *d.registry;
    return Json{{"anyOf", Json::array({Json{{"enum", sim::names_of(r.infos())}}, part_schema(r)})}};
  }
  if (d.registry) return part_schema(*d.registry);
  switch (d.kind) {
    case KeyDecl::Kind::number: return with_bounds(Json{{"type", "number"}}, d);
    case KeyDecl::Kind::integer: return with_bounds(Json{{"type", "integer"}}, d);
    case KeyDecl::Kind::boolean: return Json{{"type", "boolean"}};
    case KeyDecl::Kind::string: return Json{{"type", "string"}};
    case KeyDecl::Kind::choice: return Json{{"enum", d.choices}};
    case KeyDecl::Kind::quantity: return quantity_schema(d);
    case KeyDecl::Kind::object:
      return d.nested ? object_schema(*d.nested) : Json{{"type", "object"}};
    case KeyDecl::Kind::array: return Json{{"type", "array"}};
    default: return Json::object();
  }
}

// The properties and required keys of `decl`, added to `s` (an object schema).
void add_keys(Json& s, const sim::ParamsDeclBase& decl) {
  for (const KeyDecl& k : decl.keys()) {
    s["properties"][k.path] = key_schema(k);
    if (k.required) s["required"].push_back(k.path);
  }
}

}  // namespace

Json key_schema(const KeyDecl& key) {
  Json s = typed_schema(key);
  if (!key.def.is_null()) s["default"] = key.def;
  if (!key.help.empty()) {
    s["description"] = s.contains("description")
                           ? Json(key.help + " (" + s["description"].get<std::string>() + ")")
                           : Json(key.help);
  }
  return s;
}

Json object_schema(const sim::ParamsDeclBase& decl) {
  Json s{{"type", "object"}, {"properties", Json::object()}, {"additionalProperties", false}};
  add_keys(s, decl);
  return s;
}

Json part_schema(const sim::RegistryBase& registry) {
  const std::string& key = registry.name_key();
  std::vector<std::string> names;
  for (const sim::PartInfo& part : registry.parts()) names.push_back(part.name);
  Json name{{"enum", names}, {"description", "which " + registry.noun()}};
  if (registry.default_name()) name["default"] = *registry.default_name();
  // The name check is a branch of its own: the outer node lists no properties, so that each
  // entry's branch alone closes the object (additionalProperties does not see into allOf).
  Json branches = Json::array({Json{{"properties", Json{{key, name}}}}});
  for (const sim::PartInfo& part : registry.parts()) {
    Json then = object_schema(*part.params);
    then["properties"][key] = Json{{"const", part.name}};
    // The default entry also applies when the name key is absent.
    Json when = Json{{"properties", Json{{key, Json{{"const", part.name}}}}}};
    if (registry.default_name() != part.name) when["required"] = Json::array({key});
    branches.push_back(Json{{"if", when}, {"then", then}});
  }
  Json s{{"type", "object"}, {"allOf", branches}};
  if (!registry.default_name()) s["required"] = Json::array({key});
  return s;
}

}  // namespace commsim::scenario
