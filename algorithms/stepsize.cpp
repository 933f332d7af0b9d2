#include "algorithms/stepsize.hpp"

#include <cmath>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"

namespace commsim::algo {

double StepsizeRule::resolve(double theory, double code) const {
  switch (kind) {
    case Kind::theory: return theory;
    case Kind::code: return code;
    case Kind::multiplier: return value * theory;
    case Kind::fixed: return value;
  }
  return theory;
}

std::string StepsizeRule::describe() const {
  switch (kind) {
    case Kind::theory: return "theory";
    case Kind::code: return "code";
    case Kind::multiplier: return fmt::format("theory x {}", value);
    case Kind::fixed: return "fixed";
  }
  return "";
}

StepsizeRule read_stepsize(sim::JsonReader& r, const std::string& key) {
  const sim::Json* v = r.raw(key);
  const std::string path = r.path_of(key);
  StepsizeRule rule;
  if (!v) {
    r.set_resolved(key, "theory");
    return rule;
  }
  if (v->is_string()) {
    const auto s = v->get<std::string>();
    if (s == "theory")
      rule.kind = StepsizeRule::Kind::theory;
    else if (s == "code")
      rule.kind = StepsizeRule::Kind::code;
    else
      throw ConfigError(
          path,
          "unknown stepsize \"" + s +
              "\"; use \"theory\", \"code\", {\"theory_multiplier\": m} or a positive number");
  } else if (v->is_number()) {
    rule.kind = StepsizeRule::Kind::fixed;
    rule.value = v->get<double>();
    if (!(rule.value > 0.0) || !std::isfinite(rule.value))
      throw ConfigError(path, fmt::format("{} must be a finite number > 0", v->dump()));
  } else if (v->is_object()) {
    sim::JsonReader m(*v, path);
    rule.kind = StepsizeRule::Kind::multiplier;
    rule.value = m.positive("theory_multiplier", std::nullopt);
    m.finish();
  } else {
    throw ConfigError(
        path,
        "expected \"theory\", \"code\", {\"theory_multiplier\": m} or a positive number, got " +
            sim::json_type_name(*v));
  }
  r.set_resolved(key, *v);
  return rule;
}

}  // namespace commsim::algo
