#include <doctest/doctest.h>

#include "sim/kernel/errors.hpp"
#include "sim/kernel/json_reader.hpp"
#include "sim/kernel/params.hpp"

using commsim::ConfigError;
using commsim::sim::ErrorSink;
using commsim::sim::Json;
using commsim::sim::ParamsDecl;
using commsim::sim::Range;
using commsim::sim::ScopedErrorCollection;

namespace {

struct Pair {
  double lo = 0.0, hi = 1.0;
  std::int64_t count = 7;
  bool rule_ran = false;
};

const ParamsDecl<Pair>& pair_decl() {
  static const auto decl = [] {
    ParamsDecl<Pair> d;
    d.number("lo", &Pair::lo, 0.0, "low", Range::at_least(0.0));
    d.number("hi", &Pair::hi, 1.0, "high", Range::at_least(0.0));
    d.integer("count", &Pair::count, 7, "how many", 1, 10);
    d.rule([](Pair& p, const std::string& path) {
      p.rule_ran = true;
      if (p.lo > p.hi) throw ConfigError(commsim::sim::join_path(path, "lo"), "lo > hi");
    });
    return d;
  }();
  return decl;
}

std::vector<std::string> wheres(const ErrorSink& sink) {
  std::vector<std::string> out;
  for (const auto& e : sink.errors) out.push_back(e.where());
  return out;
}

}  // namespace

TEST_CASE("sim::ErrorSink: without a sink reading stops at the first error") {
  const Json doc = Json::parse(R"({"lo": -1, "count": 99, "extra": 1})");
  CHECK_THROWS_WITH_AS(pair_decl().read_object(doc, "p", nullptr), "p.lo: -1 must be >= 0",
                       ConfigError);
}

TEST_CASE("sim::ErrorSink: collecting, every bad key is recorded and keeps its default") {
  const Json doc = Json::parse(R"({"lo": -1, "hi": 0.5, "count": 99, "extra": 1, "more": 2})");
  ErrorSink sink;
  Pair p;
  {
    ScopedErrorCollection collecting(sink);
    p = pair_decl().read_object(doc, "p", nullptr);
  }
  CHECK(wheres(sink) == std::vector<std::string>{"p.lo", "p.count", "p.extra", "p.more"});
  CHECK(std::string(sink.errors[1].what()) == "p.count: 99 is out of range [1, 10]");
  CHECK(p.lo == 0.0);  // the default stands in for the bad value
  CHECK(p.hi == 0.5);  // good keys are read
  CHECK(p.count == 7);
  CHECK(!p.rule_ran);  // a rule would judge substituted defaults
  // Uninstalled: the first error throws again.
  CHECK_THROWS_AS(pair_decl().read_object(doc, "p", nullptr), ConfigError);
}

TEST_CASE("sim::ErrorSink: collecting, a good object still runs its rules") {
  ErrorSink sink;
  ScopedErrorCollection collecting(sink);
  const Json doc = Json::parse(R"({"lo": 2, "hi": 1})");
  // The rule's error is not caught inside its own object (read_object throws it to its parent).
  CHECK_THROWS_WITH_AS(pair_decl().read_object(doc, "p", nullptr), "p.lo: lo > hi", ConfigError);
  CHECK(sink.errors.empty());
}
