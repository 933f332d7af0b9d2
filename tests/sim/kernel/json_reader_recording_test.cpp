#include <doctest/doctest.h>

#include "sim/kernel/errors.hpp"
#include "sim/kernel/json_reader.hpp"

using commsim::sim::Json;
using commsim::sim::JsonReader;
using commsim::sim::KeyDecl;
using commsim::sim::KeyRecorder;
using commsim::sim::ScopedKeyRecording;
using commsim::sim::Unit;

namespace {
const KeyDecl* find(const KeyRecorder& r, const std::string& path, KeyDecl::Kind kind) {
  for (const auto& d : r.decls) {
    if (d.path == path && d.kind == kind) return &d;
  }
  return nullptr;
}
}  // namespace

TEST_CASE(
    "sim::JsonReader: getters declare key, type, default, range, choices and unit while "
    "recording") {
  const Json doc = Json::parse(R"({"a": 3, "sub": {"x": "5ms", "list": [1]}, "maybe": 2})");
  KeyRecorder rec;
  {
    const ScopedKeyRecording on(rec);
    JsonReader r(doc, "");
    CHECK(r.integer("a", 1, 0, 10) == 3);
    CHECK(r.positive("p", 0.5, 2.0) == 0.5);
    CHECK(r.choice("c", "x", {"x", "y"}) == "x");
    if (r.has("maybe")) CHECK(r.integer("maybe", std::nullopt) == 2);
    CHECK(r.string("s", "dflt") == "dflt");
    JsonReader sub = r.object("sub");
    CHECK(sub.quantity("x", "1ms", Unit::duration_s) == doctest::Approx(5e-3));
    CHECK(sub.array("list").size() == 1);
    CHECK(r.raw("free") == nullptr);
    sub.finish();
    r.finish();
  }
  const KeyDecl* a = find(rec, "a", KeyDecl::Kind::integer);
  REQUIRE(a);
  CHECK(a->def == 1);
  CHECK(!a->required);
  CHECK(a->lo == 0.0);
  CHECK(a->hi == 10.0);
  const KeyDecl* p = find(rec, "p", KeyDecl::Kind::number);
  REQUIRE(p);
  CHECK(p->lo == 0.0);
  CHECK(p->lo_exclusive);
  CHECK(p->hi == 2.0);
  // positive() and choice() declare once, as themselves (not also as number / string).
  int p_decls = 0, c_decls = 0;
  for (const auto& d : rec.decls) p_decls += d.path == "p", c_decls += d.path == "c";
  CHECK(p_decls == 1);
  CHECK(c_decls == 1);
  const KeyDecl* c = find(rec, "c", KeyDecl::Kind::choice);
  REQUIRE(c);
  CHECK(c->choices == std::vector<std::string>{"x", "y"});
  // Read without a default only after has(): optional, not required.
  const KeyDecl* maybe = find(rec, "maybe", KeyDecl::Kind::integer);
  REQUIRE(maybe);
  CHECK(!maybe->required);
  CHECK(find(rec, "maybe", KeyDecl::Kind::present));
  CHECK(find(rec, "", KeyDecl::Kind::object));
  CHECK(find(rec, "sub", KeyDecl::Kind::object));
  const KeyDecl* x = find(rec, "sub.x", KeyDecl::Kind::quantity);
  REQUIRE(x);
  CHECK(x->unit == Unit::duration_s);
  CHECK(x->def == "1ms");
  CHECK(find(rec, "sub.list", KeyDecl::Kind::array));
  CHECK(find(rec, "free", KeyDecl::Kind::any));
}

TEST_CASE(
    "sim::JsonReader: a required getter declares required; nothing is recorded without a "
    "recorder") {
  const Json doc = Json::parse(R"({"n": 1})");
  KeyRecorder rec;
  {
    const ScopedKeyRecording on(rec);
    JsonReader r(doc, "top");
    CHECK(r.number("n", std::nullopt) == 1.0);
  }
  const KeyDecl* n = find(rec, "top.n", KeyDecl::Kind::number);
  REQUIRE(n);
  CHECK(n->required);
  CHECK(n->def.is_null());
  const std::size_t before = rec.decls.size();
  JsonReader r(doc, "top");
  CHECK(r.number("n", std::nullopt) == 1.0);
  CHECK(rec.decls.size() == before);
}
