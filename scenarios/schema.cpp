#include "scenarios/schema.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <unistd.h>

#include "algorithms/builtin.hpp"
#include "algorithms/compressors/compressor.hpp"
#include "algorithms/problems/problem_factory.hpp"
#include "networks/platform_builder.hpp"
#include "scenarios/scenario_builder.hpp"
#include "scenarios/scenario_file.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::scenario {
namespace {

namespace fs = std::filesystem;
using sim::Json;
using sim::KeyDecl;

constexpr const char* kDraft = "https://json-schema.org/draft/2020-12/schema";

// ---------------------------------------------------------------------------------------------
// Merging declarations into a tree of schema nodes.

struct Node {
  bool object = false;         // read as an object (by JsonReader) somewhere
  bool array = false;          // read as an array somewhere
  bool any = false;            // parsed by hand somewhere: no constraint of our own
  std::vector<Json> leaves;    // distinct schemas of its typed declarations
  std::vector<Json> defaults;  // distinct defaults seen
  std::vector<std::pair<std::string, std::unique_ptr<Node>>> children;  // in first-seen order
  std::unique_ptr<Node> items;
  int builds_as_object = 0;  // builds in which this object was read
  int builds_required = 0;   // builds in which the key was declared required
  int last_object_build = -1, last_required_build = -1;

  Node& child(const std::string& key) {
    for (auto& [k, n] : children) {
      if (k == key) return *n;
    }
    children.emplace_back(key, std::make_unique<Node>());
    return *children.back().second;
  }
  Node& element() {
    if (!items) items = std::make_unique<Node>();
    array = true;
    return *items;
  }
};

// "workers.overrides[0].uplink" -> {"workers", "overrides", "[]", "uplink"}.
std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::string cur;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '.') {
      if (!cur.empty()) parts.push_back(cur);
      cur.clear();
    } else if (c == '[') {
      if (!cur.empty()) parts.push_back(cur);
      cur.clear();
      parts.emplace_back("[]");
      while (i < path.size() && path[i] != ']') ++i;
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  return parts;
}

Node& node_at(Node& root, const std::string& path) {
  Node* n = &root;
  for (const auto& p : split_path(path)) n = p == "[]" ? &n->element() : &n->child(p);
  return *n;
}

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

Json bounds(Json s, const KeyDecl& d) {
  // Integer bounds print as integers (they are exact: the reader's are int64 within 2^53).
  auto value = [&](double x) {
    return d.kind == KeyDecl::Kind::integer ? Json(static_cast<std::int64_t>(x)) : Json(x);
  };
  if (d.lo) s[d.lo_exclusive ? "exclusiveMinimum" : "minimum"] = value(*d.lo);
  if (d.hi) s["maximum"] = value(*d.hi);
  return s;
}

// The schema one typed declaration stands for (null for the kinds that carry no leaf).
Json leaf_schema(const KeyDecl& d) {
  switch (d.kind) {
    case KeyDecl::Kind::number: return bounds(Json{{"type", "number"}}, d);
    case KeyDecl::Kind::integer: return bounds(Json{{"type", "integer"}}, d);
    case KeyDecl::Kind::boolean: return Json{{"type", "boolean"}};
    case KeyDecl::Kind::string: return Json{{"type", "string"}};
    case KeyDecl::Kind::choice: return Json{{"enum", d.choices}};
    case KeyDecl::Kind::quantity: {
      // The unit grammar and the quantity's range live in the loader (sim/units); a bare
      // number is only accepted as 0 (units are never guessed), or as bits for sizes.
      const Json number = d.unit == sim::Unit::bits ? Json{{"type", "number"}} : Json{{"const", 0}};
      return Json{{"anyOf", Json::array({Json{{"type", "string"}}, number})},
                  {"description", unit_description(*d.unit)}};
    }
    default: return nullptr;
  }
}

void add_unique(std::vector<Json>& v, const Json& x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

void add_decl(Node& root, const KeyDecl& d, int build) {
  Node& n = node_at(root, d.path);
  switch (d.kind) {
    case KeyDecl::Kind::present: break;
    case KeyDecl::Kind::any: n.any = true; break;
    case KeyDecl::Kind::object:
      n.object = true;
      if (n.last_object_build != build) {
        n.last_object_build = build;
        ++n.builds_as_object;
      }
      break;
    case KeyDecl::Kind::array: n.array = true; break;
    default: add_unique(n.leaves, leaf_schema(d));
  }
  if (!d.def.is_null()) add_unique(n.defaults, d.def);
  if (d.required && n.last_required_build != build) {
    n.last_required_build = build;
    ++n.builds_required;
  }
}

Json to_schema(const Node& n) {
  Json object_schema;
  if (n.object) {
    object_schema =
        Json{{"type", "object"}, {"properties", Json::object()}, {"additionalProperties", false}};
    Json required = Json::array();
    for (const auto& [key, child] : n.children) {
      object_schema["properties"][key] = to_schema(*child);
      // Required only when every build that read this object required the key (a key one
      // algorithm requires is optional for the union of all algorithms).
      if (child->builds_required > 0 && child->builds_required >= n.builds_as_object)
        required.push_back(key);
    }
    if (!required.empty()) object_schema["required"] = required;
  }
  Json array_schema;
  if (n.array) {
    array_schema = Json{{"type", "array"}};
    if (n.items) array_schema["items"] = to_schema(*n.items);
  }

  Json s = Json::object();
  if (n.any) {
    // Parsed by hand: anything goes, but an object must still have the recorded keys.
    if (n.object)
      s = Json{{"if", Json{{"type", "object"}}}, {"then", object_schema}};
    else if (n.array && n.items)
      s = Json{{"if", Json{{"type", "array"}}}, {"then", array_schema}};
  } else {
    std::vector<Json> options = n.leaves;
    if (n.object) options.insert(options.begin(), object_schema);
    if (n.array) options.insert(options.begin(), array_schema);
    if (options.size() == 1)
      s = options.front();
    else if (options.size() > 1)
      s = Json{{"anyOf", options}};
  }
  if (n.defaults.size() == 1) s["default"] = n.defaults.front();
  return s;
}

// ---------------------------------------------------------------------------------------------
// The reference builds: one small scenario per registry choice and optional feature.

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / fmt::format("commsim_schema_{}", ::getpid());
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    const fs::path p = path / name;
    std::ofstream(p) << text;
    return p.string();
  }
};

Json base_scenario() {
  return Json::parse(R"({
    "name": "schema", "seed": 1, "limits": {"memory": "8GB"},
    "problem": {"type": "sigmoid_squared", "data": {"synthetic": {"samples": 40, "features": 4}}},
    "workers": {"count": 2},
    "network": {"topology": {"kind": "star"}, "model": "ideal"},
    "algorithm": {"name": "gd"},
    "stop": {"max_rounds": 1},
    "record": {"every": 1}
  })");
}

// Extra keys some algorithms require, or compressors some algorithms need.
void complete_algorithm(Json& algorithm) {
  const std::string name = algorithm.value("name", "");
  if (name == "pp_marina" && !algorithm.contains("r")) algorithm["r"] = 1;
}

// Each entry lists alternatives: every one that loads is recorded, and at least one must.
std::vector<std::vector<Json>> reference_scenarios(const TempDir& tmp) {
  std::vector<std::vector<Json>> docs;
  auto variant = [&](std::initializer_list<std::pair<const char*, Json>> sets) {
    Json doc = base_scenario();
    for (const auto& [path, value] : sets) set_at_path(doc, path, value);
    complete_algorithm(doc["algorithm"]);
    docs.push_back({std::move(doc)});
  };
  variant({});
  for (const auto& p : algo::problem_types()) {
    variant({{"problem.type", p.name}, {"problem.lambda", 0.1}, {"problem.split", "shuffled"}});
  }
  for (const auto& a : algo::algorithm_names()) {
    variant({{"algorithm.name", a.name}});
    // A second data size, so that defaults derived from the data (batch sizes) differ between
    // builds and are left out of the schema rather than shown as constants.
    variant({{"algorithm.name", a.name},
             {"algorithm.stepsize", Json{{"theory_multiplier", 2}}},
             {"problem.data.synthetic.samples", 400}});
  }
  // Every compressor, under a method that takes unbiased ones or under ef21 (contractive ones).
  for (const auto& q : algo::compressor_names()) {
    Json compressor{{"name", q.name}};
    if (q.name == "randk" || q.name == "topk") compressor["k"] = 1;
    std::vector<Json> alternatives;
    for (const char* method : {"marina", "ef21"}) {
      Json doc = base_scenario();
      doc["algorithm"] = Json{{"name", method}, {"compressor", compressor}};
      alternatives.push_back(doc);
    }
    docs.push_back(std::move(alternatives));
  }
  for (const auto& t : net::topology_kinds()) {
    if (t.name == "custom") continue;
    variant({{"network.topology.kind", t.name}});
  }
  for (const auto& m : net::transfer_models())
    variant({{"network.model", m.name}, {"network.broadcast", "multicast"}});

  // Custom topologies: links in the scenario, and a GraphML file.
  variant({{"network.topology", Json::parse(R"({"kind": "custom", "nodes": ["sw"], "links": [
              {"from": "worker0", "to": "sw", "bandwidth": "10Mbps", "latency": "1ms", "shared": false},
              {"from": "worker1", "to": "sw", "bandwidth": "10Mbps"},
              {"from": "sw", "to": "server", "bandwidth": "1Gbps"}]})")}});
  const std::string graphml = tmp.write("topo.graphml", R"(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="n" for="node" attr.name="name" attr.type="string"/>
  <key id="b" for="edge" attr.name="bandwidth" attr.type="string"/>
  <key id="l" for="edge" attr.name="latency" attr.type="string"/>
  <graph id="G" edgedefault="undirected">
    <node id="a"><data key="n">server</data></node>
    <node id="c"><data key="n">worker0</data></node>
    <node id="d"><data key="n">worker1</data></node>
    <edge source="c" target="a"><data key="b">10Mbps</data><data key="l">1ms</data></edge>
    <edge source="d" target="a"><data key="b">10Mbps</data><data key="l">1ms</data></edge>
  </graph>
</graphml>
)");
  variant({{"network.topology", Json{{"kind", "custom"}, {"graphml", graphml}}}});

  // Worker features: distributions, overrides, jitter, stragglers, availability.
  const Json uniform{{"distribution", "uniform"}, {"min", "1GFlops"}, {"max", "2GFlops"}};
  variant(
      {{"workers.speed", uniform},
       {"workers.uplink_bandwidth",
        Json{{"distribution", "log_uniform"}, {"min", "1Mbps"}, {"max", "10Mbps"}}},
       {"workers.downlink_bandwidth",
        Json{{"distribution", "uniform"}, {"min", "1Mbps"}, {"max", "10Mbps"}}},
       {"workers.uplink_latency",
        Json{{"distribution", "uniform"}, {"min", "1ms"}, {"max", "2ms"}}},
       {"workers.downlink_latency",
        Json{{"distribution", "uniform"}, {"min", "1ms"}, {"max", "2ms"}}},
       {"workers.jitter", Json{{"distribution", "lognormal"}, {"sigma", 0.1}}},
       {"workers.stragglers", Json{{"fraction", 0.5}, {"slowdown", 2}, {"redraw", "every_round"}}},
       {"workers.availability", Json{{"on", "10s"}, {"off", "2s"}}}});
  variant({{"workers.time_per_call", "1ms"},
           {"workers.overrides",
            Json::parse(R"([{"workers": [0], "speed": "2GFlops", "time_per_call": "1ms",
              "uplink": {"bandwidth": "1Mbps", "latency": "1ms"}, "downlink": {"bandwidth": "1Mbps", "latency": "1ms"}}])")},
           {"workers.jitter", Json{{"distribution", "exponential"}, {"mean", 0.1}}}});
  const std::string trace = tmp.write("trace.csv", "worker,start_s,end_s\n0,1,2\n");
  variant({{"workers.availability", Json{{"trace", trace}}}});

  // Data from a LIBSVM file, and the remaining top-level options.
  const std::string svm =
      tmp.write("tiny.svm", "1 1:0.5 2:1\n-1 1:1 3:0.5\n1 2:0.25\n-1 1:0.75 3:1\n");
  variant({{"problem.data", Json{{"path", svm}}},
           {"problem.dim", 3},
           {"problem.bias", true},
           {"problem.map_labels", true}});
  variant(
      {{"stop",
        Json::parse(R"({"max_rounds": 2, "max_time": "1s", "max_bits": "1Mb", "grad_norm_sq": 1e-9,
             "divergence_factor": 1e6, "stall_rounds": 5, "stall_tolerance": 1e-3, "report_eps": [1e-3]})")},
       {"record", Json{{"every", 1}, {"messages", true}, {"per_worker_bits", true}}},
       {"limits.memory", "auto"}});
  return docs;
}

// Registry-checked strings (looked up with require_known, not JsonReader::choice) become enums
// of the same registries the loader checks against.
void apply_registry_enums(Json& root) {
  auto set_enum = [&](std::initializer_list<const char*> path,
                      const std::vector<std::string>& names) {
    Json* s = &root;
    for (const char* key : path) {
      // A key that also accepts a non-object form keeps its object schema under "then".
      if (!s->contains("properties") && s->contains("then")) s = &(*s)["then"];
      if (!s->contains("properties") || !(*s)["properties"].contains(key)) return;
      s = &(*s)["properties"][key];
    }
    (*s)["enum"] = names;
  };
  set_enum({"problem", "type"}, sim::names_of(algo::problem_types()));
  set_enum({"algorithm", "name"}, sim::names_of(algo::algorithm_names()));
  set_enum({"algorithm", "compressor", "name"}, sim::names_of(algo::compressor_names()));
  set_enum({"network", "topology", "kind"}, sim::names_of(net::topology_kinds()));
  set_enum({"network", "model"}, sim::names_of(net::transfer_models()));
}

}  // namespace

Json schema_from_declarations(const std::vector<std::vector<KeyDecl>>& builds) {
  Node root;
  for (std::size_t b = 0; b < builds.size(); ++b) {
    for (const auto& d : builds[b]) add_decl(root, d, static_cast<int>(b));
  }
  return to_schema(root);
}

Json scenario_schema() {
  const TempDir tmp;
  std::vector<std::vector<KeyDecl>> builds;
  for (const std::vector<Json>& alternatives : reference_scenarios(tmp)) {
    std::string errors;
    bool loaded = false;
    for (const Json& doc : alternatives) {
      sim::KeyRecorder recorder;
      try {
        const sim::ScopedKeyRecording recording(recorder);
        build_scenario(doc);
      } catch (const UserError& e) {
        errors += fmt::format(" [{}: {}]", e.what(), doc.dump());
        continue;
      }
      loaded = true;
      builds.push_back(std::move(recorder.decls));
    }
    if (!loaded) {
      throw InternalError(fmt::format(
          "schema: a reference scenario no longer loads; update scenarios/schema.cpp:{}", errors));
    }
  }
  Json body = schema_from_declarations(builds);
  apply_registry_enums(body);
  // Sections the builder checks for by hand before reading them.
  body["required"] = Json::array({"problem", "algorithm"});
  Json schema{
      {"$schema", kDraft},
      {"$id", "https://commsim.invalid/schema/scenario.json"},
      {"title", "commsim scenario"},
      {"description",
       "Generated by `commsim schema` from the loader's own declarations; see scenarios/schema.hpp "
       "for what is checked here and what only the loader checks."}};
  for (auto& [k, v] : body.items()) schema[k] = v;
  return schema;
}

Json sweep_schema() {
  Json base = scenario_schema();
  base.erase("$schema");
  base.erase("$id");
  base.erase("required");  // grid/zip axes may supply whole sections
  base["title"] = "commsim scenario (sweep base: required sections may come from axes)";
  const Json axes{{"type", "object"},
                  {"description", "JSON path (as --set takes it) -> non-empty list of values"},
                  {"additionalProperties", Json{{"type", "array"}, {"minItems", 1}}}};
  Json schema{
      {"$schema", kDraft},
      {"$id", "https://commsim.invalid/schema/sweep.json"},
      {"title", "commsim sweep"},
      {"type", "object"},
      {"additionalProperties", false},
      {"required", Json::array({"base"})},
      {"$defs", Json{{"scenario", base}}},
      {"properties",
       Json{{"description", Json{{"type", "string"}}},
            {"seed", Json{{"type", "integer"}, {"minimum", 0}, {"description", "the sweep seed"}}},
            {"base",
             Json{{"anyOf", Json::array({Json{{"type", "string"},
                                              {"description",
                                               "a scenario file, relative to the sweep file"}},
                                         Json{{"$ref", "#/$defs/scenario"}}})}}},
            {"grid", axes},
            {"zip", axes},
            {"seeds",
             Json{{"anyOf",
                   Json::array({Json{{"type", "array"},
                                     {"minItems", 1},
                                     {"items", Json{{"type", "integer"}, {"minimum", 0}}}},
                                Json{{"type", "object"},
                                     {"additionalProperties", false},
                                     {"required", Json::array({"count"})},
                                     {"properties", Json{{"count", Json{{"type", "integer"},
                                                                        {"minimum", 1}}}}}}})}}}}}};
  return schema;
}

}  // namespace commsim::scenario
