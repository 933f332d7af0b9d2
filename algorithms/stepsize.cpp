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

namespace {

struct Multiplier {
  double theory_multiplier = 1.0;
};

const sim::ParamsDecl<Multiplier>& multiplier_params() {
  static const sim::ParamsDecl<Multiplier> decl = sim::ParamsDecl<Multiplier>().number(
      "theory_multiplier", &Multiplier::theory_multiplier, std::nullopt,
      "m: the stepsize is m x the theoretical one", sim::Range::above(0.0));
  return decl;
}

StepsizeRule named_rule(const std::string& s, const std::string& path) {
  StepsizeRule rule;
  if (s == "theory") return rule;
  if (s == "code") {
    rule.kind = StepsizeRule::Kind::code;
    return rule;
  }
  throw ConfigError(
      path, "unknown stepsize \"" + s +
                "\"; use \"theory\", \"code\", {\"theory_multiplier\": m} or a positive number");
}

}  // namespace

sim::KeyDecl stepsize_key() {
  sim::KeyDecl d;
  d.path = "stepsize";
  d.def = "theory";
  d.help = "\"theory\", \"code\", {\"theory_multiplier\": m} or a positive number";
  d.type_text = "theory|code|{theory_multiplier}|number";
  return d;
}

sim::Json parse_stepsize(const sim::Json* v, const std::string& path, StepsizeRule& rule) {
  rule = StepsizeRule{};
  if (!v) return "theory";
  if (v->is_string()) {
    rule = named_rule(v->get<std::string>(), path);
  } else if (v->is_number()) {
    rule.kind = StepsizeRule::Kind::fixed;
    rule.value = v->get<double>();
    if (!(rule.value > 0.0) || !std::isfinite(rule.value))
      throw ConfigError(path, fmt::format("{} must be a finite number > 0", v->dump()));
  } else if (v->is_object()) {
    rule.kind = StepsizeRule::Kind::multiplier;
    rule.value = multiplier_params().read_object(*v, path, nullptr).theory_multiplier;
  } else {
    throw ConfigError(
        path,
        "expected \"theory\", \"code\", {\"theory_multiplier\": m} or a positive number, got " +
            sim::json_type_name(*v));
  }
  return *v;
}

}  // namespace commsim::algo
