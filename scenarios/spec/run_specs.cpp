#include "scenarios/spec/run_specs.hpp"

#include <cmath>
#include <limits>
#include <set>

#include <fmt/format.h>
#include <unistd.h>

#include "sim/kernel/errors.hpp"

namespace commsim::scenario {
namespace {

using sim::Json;
constexpr double kInf = std::numeric_limits<double>::infinity();

double physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return kInf;
  return static_cast<double>(pages) * static_cast<double>(page_size);
}

// "auto" (the default) or a size with its unit (> 0).
Json parse_memory(const Json* v, const std::string& path, double& bytes) {
  if (!v || (v->is_string() && v->get<std::string>() == "auto")) {
    bytes = 0.0;
    return "auto";
  }
  const double bits = sim::read_quantity(*v, path, sim::Unit::bits);
  if (!(bits > 0.0)) throw ConfigError(path, fmt::format("{} must be > 0", v->dump()));
  bytes = bits / 8.0;
  return *v;
}

// Each threshold is a summary field and a column of the sweep index: thousands are already
// unreadable, and an unbounded list is memory the guard cannot count.
constexpr std::size_t kMaxReportEps = 1000;

Json parse_report_eps(const Json* v, const std::string& path, std::vector<double>& eps) {
  Json resolved = Json::array();
  if (!v) return resolved;
  if (!v->is_array())
    throw ConfigError(path, fmt::format("expected an array, got {} ({})", sim::json_type_name(*v),
                                        sim::show_json_value(*v)));
  if (v->size() > kMaxReportEps)
    throw ConfigError(
        path, fmt::format("{} thresholds, more than the {} allowed", v->size(), kMaxReportEps));
  std::set<double> seen;  // a repeated ε is merged: reported once, where it first appears
  for (std::size_t i = 0; i < v->size(); ++i) {
    const Json& e = (*v)[i];
    if (!e.is_number() || !(e.get<double>() > 0.0) || !std::isfinite(e.get<double>()))
      throw ConfigError(fmt::format("{}[{}]", path, i),
                        fmt::format("{} must be a number > 0", e.dump()));
    if (!seen.insert(e.get<double>()).second) continue;
    eps.push_back(e.get<double>());
    resolved.push_back(e);
  }
  return resolved;
}

}  // namespace

sim::StopCriteria StopSpec::criteria() const {
  sim::StopCriteria s;
  s.max_rounds = max_rounds;
  s.max_time = sim::Time::from_seconds(max_time_s);
  s.max_bits = std::isinf(max_bits) || max_bits >= 1.8e19
                   ? std::numeric_limits<sim::Bits>::max()
                   : static_cast<sim::Bits>(std::ceil(max_bits));
  s.grad_norm_sq = grad_norm_sq;
  s.divergence_factor = divergence_factor;
  s.stall_rounds = stall_rounds;
  s.stall_tolerance = stall_tolerance;
  return s;
}

const sim::ParamsDecl<LimitsSpec>& limits_decl() {
  static const auto decl = [] {
    sim::ParamsDecl<LimitsSpec> d;
    sim::KeyDecl memory;
    memory.path = "memory";
    memory.def = "auto";
    memory.help =
        "refuse runs whose data or per-worker vectors would need more (\"auto\": 80 % of RAM)";
    memory.type_text = "\"auto\" | size (e.g. \"4GB\")";
    memory.schema = Json{{"anyOf", Json::array({Json{{"const", "auto"}}, Json{{"type", "string"}},
                                                Json{{"type", "number"}}})}};
    d.custom<double>(std::move(memory), &LimitsSpec::memory_bytes, parse_memory);
    return d;
  }();
  return decl;
}

const sim::ParamsDecl<StopSpec>& stop_decl() {
  static const auto decl = [] {
    sim::ParamsDecl<StopSpec> d;
    d.integer("max_rounds", &StopSpec::max_rounds, 1000, "stop after this many rounds", 1);
    d.quantity("max_time", &StopSpec::max_time_s, "inf", sim::Unit::duration_s,
               "stop when the simulated time passes this", sim::Range::above(0.0));
    d.quantity("max_bits", &StopSpec::max_bits, "inf", sim::Unit::bits,
               "stop when the cumulative uplink bits of all workers pass this",
               sim::Range::above(0.0));
    d.number("grad_norm_sq", &StopSpec::grad_norm_sq, 0.0,
             "converged when ||grad f||^2 <= this (0: off)", sim::Range::at_least(0.0));
    d.number("divergence_factor", &StopSpec::divergence_factor, 1e12,
             "diverged when ||grad f||^2 exceeds this times its initial value",
             sim::Range::at_least(1.0));
    d.integer("stall_rounds", &StopSpec::stall_rounds, 0,
              "stalled when the best ||grad f||^2 has not improved for this many rounds (0: off)",
              0);
    d.number("stall_tolerance", &StopSpec::stall_tolerance, 1e-6,
             "relative improvement that counts against a stall", sim::Range::between(0.0, 1.0));
    sim::KeyDecl eps;
    eps.path = "report_eps";
    eps.kind = sim::KeyDecl::Kind::array;
    eps.def = Json::array();
    eps.help = "thresholds of ||grad f||^2 whose first crossing summary.json reports";
    eps.type_text = "array of at most 1000 numbers > 0";
    eps.schema = Json{{"type", "array"},
                      {"maxItems", kMaxReportEps},
                      {"items", Json{{"type", "number"}, {"exclusiveMinimum", 0}}}};
    d.custom<std::vector<double>>(std::move(eps), &StopSpec::report_eps, parse_report_eps);
    return d;
  }();
  return decl;
}

const sim::ParamsDecl<RecordSpec>& record_decl() {
  static const auto decl = [] {
    sim::ParamsDecl<RecordSpec> d;
    d.integer("every", &RecordSpec::every, 1,
              "record f and ||grad f||^2 every this many rounds (the last round always)", 1);
    d.boolean("messages", &RecordSpec::messages, false, "write messages.csv");
    d.boolean("per_worker_bits", &RecordSpec::per_worker_bits, false,
              "append per-worker bit columns to rounds.csv");
    return d;
  }();
  return decl;
}

double memory_limit_bytes(const LimitsSpec& limits) {
  return limits.memory_bytes > 0.0 ? limits.memory_bytes : 0.8 * physical_memory_bytes();
}

}  // namespace commsim::scenario
