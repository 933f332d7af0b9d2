#include "networks/workers_spec.hpp"

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"
#include "sim/kernel/units.hpp"

namespace commsim::net {
namespace {

using sim::Json;

// A quantity key alone, for values that are optional or may also be an object.
struct Scalar {
  double value = 0.0;
};
sim::ParamsDecl<Scalar> scalar_decl(const std::string& key, std::optional<std::string> def,
                                    sim::Unit unit, sim::Range range) {
  sim::ParamsDecl<Scalar> d;
  d.quantity(key, &Scalar::value, std::move(def), unit, key, range);
  return d;
}

Json parse_speed(const Json* v, const std::string& path, PerWorkerValue& out) {
  static const auto fixed =
      scalar_decl("speed", "1GFlops", sim::Unit::flops_per_s, sim::Range::above(0.0));
  out.path = path;
  if (v && v->is_object())
    return read_per_worker_object(*v, path, sim::Unit::flops_per_s, true, out);
  if (v && v->is_array()) {
    out.listed.emplace();
    return read_per_worker_list(*v, path, sim::Unit::flops_per_s, true, *out.listed);
  }
  Scalar s;
  Json resolved = sim::read_key_alone(fixed, "speed", v, path, s);
  out.fixed = s.value;
  return resolved;
}

// Absent: flops / speed. A quantity (zero included) or one per worker: that fixed time.
Json parse_time_per_call(const Json* v, const std::string& path,
                         std::optional<PerWorkerValue>& out) {
  if (!v) return Json();
  out.emplace();
  out->path = path;
  if (v->is_array()) {
    out->listed.emplace();
    return read_per_worker_list(*v, path, sim::Unit::duration_s, false, *out->listed);
  }
  if (v->is_object()) return read_per_worker_object(*v, path, sim::Unit::duration_s, false, *out);
  out->fixed = read_present_quantity(*v, path, sim::Unit::duration_s, false);
  return *v;
}

// Per-worker latencies are capped as the topology's are (kMaxLatencySeconds): `value` is the
// list or distribution that `out` was read from.
void check_latency_cap(const Json& value, const std::string& path, const PerWorkerValue& out) {
  auto check = [](double x, const Json& raw, const std::string& where) {
    if (x > kMaxLatencySeconds) {
      throw ConfigError(where,
                        fmt::format("{} must be >= 0 and <= {}", raw.dump(), kMaxLatencySeconds));
    }
  };
  if (out.listed) {
    for (std::size_t i = 0; i < out.listed->size(); ++i)
      check((*out.listed)[i], value[i], fmt::format("{}[{}]", path, i));
  }
  if (out.drawn) check(out.drawn->max, value["max"], sim::join_path(path, "max"));
  if (out.by_index) check(out.by_index->scale, value["scale"], sim::join_path(path, "scale"));
}

// Per-worker link values, drawn or listed; one value for all workers belongs to the topology.
sim::ParamsDecl<WorkersSpec>::Parser<std::optional<PerWorkerValue>> link_draw(sim::Unit unit,
                                                                              bool positive) {
  return
      [unit, positive](const Json* v, const std::string& path, std::optional<PerWorkerValue>& out) {
        if (!v) return Json();
        out.emplace();
        out->path = path;
        if (v->is_array()) {
          out->listed.emplace();
          Json resolved = read_per_worker_list(*v, path, unit, positive, *out->listed);
          if (unit == sim::Unit::duration_s) check_latency_cap(*v, path, *out);
          return resolved;
        }
        if (!v->is_object()) {
          throw ConfigError(path,
                            "expected {\"distribution\": \"uniform\"|\"log_uniform\", \"min\", "
                            "\"max\"} or an array of one value per worker; for one value for all "
                            "workers set network.topology.uplink/downlink");
        }
        Json resolved = read_per_worker_object(*v, path, unit, positive, *out);
        if (unit == sim::Unit::duration_s) check_latency_cap(*v, path, *out);
        return resolved;
      };
}

// An optional key read by `decl` when present (nothing recorded when absent).
template <class T, class Read>
sim::ParamsDecl<WorkerOverride>::Parser<std::optional<T>> when_present(Read read) {
  return [read](const Json* v, const std::string& path, std::optional<T>& out) {
    if (!v) return Json();
    T value{};
    Json resolved = read(v, path, value);
    out = value;
    return resolved;
  };
}

sim::ParamsDecl<WorkerOverride> make_override_decl() {
  auto scalar = [](sim::Unit unit, bool positive) {
    return when_present<double>([unit, positive](const Json* v, const std::string& p, double& x) {
      x = read_present_quantity(*v, p, unit, positive);
      return *v;
    });
  };
  auto link = when_present<LinkParams>([](const Json* v, const std::string& p, LinkParams& x) {
    require_object(*v, p);
    Json resolved;
    x = link_decl(LinkDefaults::required).read_object(*v, p, &resolved);
    return resolved;
  });
  sim::ParamsDecl<WorkerOverride> d;
  d.custom(grammar_key("workers", "index | [index, ...] | \"a-b\"", "the workers this applies to"),
           &WorkerOverride::workers,
           sim::ParamsDecl<WorkerOverride>::Parser<std::vector<WorkerRange>>(
               [](const Json* v, const std::string& path, std::vector<WorkerRange>& out) {
                 if (!v)
                   throw ConfigError(
                       path, "required: an index, a list of indices, or a range like \"0-4\"");
                 out = parse_worker_set(*v, path);
                 return *v;
               }));
  d.custom(grammar_key("speed", "quantity (flop/s)", "their compute speed"),
           &WorkerOverride::speed_flops, scalar(sim::Unit::flops_per_s, true));
  d.custom(grammar_key("time_per_call", "quantity (s)", "their fixed time per oracle call"),
           &WorkerOverride::time_per_call_s, scalar(sim::Unit::duration_s, false));
  d.custom(grammar_key("uplink", "{bandwidth, latency}", "their uplink"), &WorkerOverride::uplink,
           link);
  d.custom(grammar_key("downlink", "{bandwidth, latency}", "their downlink"),
           &WorkerOverride::downlink, link);
  return d;
}

Json parse_overrides(const Json* v, const std::string& path, std::vector<WorkerOverride>& out) {
  static const sim::ParamsDecl<WorkerOverride> decl = make_override_decl();
  return read_object_list(decl, v, path, out);
}

// Each jitter distribution reads only its own parameter.
struct JitterKind {
  const char* name;
  JitterSpec::Kind kind;
  sim::ParamsDecl<JitterSpec> decl;
};
const std::vector<JitterKind>& jitter_kinds() {
  static const std::vector<JitterKind> kinds = [] {
    std::vector<JitterKind> v = {{"none", JitterSpec::Kind::none, {}},
                                 {"lognormal", JitterSpec::Kind::lognormal, {}},
                                 {"exponential", JitterSpec::Kind::exponential, {}}};
    std::vector<std::pair<std::string, JitterSpec::Kind>> choices;
    for (const auto& k : v) choices.emplace_back(k.name, k.kind);
    for (auto& k : v) {
      k.decl.choice("distribution", &JitterSpec::kind, choices, "none",
                    "per-round compute noise: none, lognormal (mean 1) or 1 + exponential");
    }
    v[1].decl.number("sigma", &JitterSpec::sigma, 0.1, "lognormal: sigma of log(factor)",
                     sim::Range::between(0.0, 10.0));
    v[2].decl.number("mean", &JitterSpec::mean, 0.1, "exponential: mean of factor - 1",
                     sim::Range::between(0.0, 1e6));
    return v;
  }();
  return kinds;
}

Json parse_jitter(const Json* v, const std::string& path, JitterSpec& out) {
  const Json value = v ? *v : Json::object();
  require_object(value, path);
  // The "none" declaration reports a bad distribution name like any other.
  const JitterKind* chosen = &jitter_kinds().front();
  for (const auto& k : jitter_kinds()) {
    if (value.is_object() && value.contains("distribution") && value["distribution"] == k.name)
      chosen = &k;
  }
  Json resolved;
  out = chosen->decl.read_object(value, path, &resolved);
  return resolved;
}

// Listing text and schema of `jitter`: an object whose distribution names a jitter kind.
sim::KeyDecl jitter_key() {
  sim::KeyDecl d = grammar_key("jitter", "{distribution: none|lognormal|exponential, sigma | mean}",
                               "per-round compute noise");
  std::vector<std::string> names;
  for (const auto& k : jitter_kinds()) names.push_back(k.name);
  // Open: each kind's own keys are checked by the loader.
  const Json distribution{{"properties", Json{{"distribution", Json{{"enum", names}}}}}};
  d.schema = Json{{"type", "object"}, {"allOf", Json::array({distribution})}};
  return d;
}

const sim::ParamsDecl<StragglerSpec>& stragglers_decl() {
  static const sim::ParamsDecl<StragglerSpec> d = [] {
    sim::ParamsDecl<StragglerSpec> s;
    s.number("fraction", &StragglerSpec::fraction, 0.0, "fraction of the workers that straggle",
             sim::Range::between(0.0, 1.0));
    s.number("slowdown", &StragglerSpec::slowdown, 1.0, "their compute time multiplier",
             sim::Range::at_least(1.0));
    s.choice("redraw", &StragglerSpec::every_round, {{"fixed", false}, {"every_round", true}},
             "fixed", "draw the stragglers once (fixed) or every round");
    return s;
  }();
  return d;
}

// Availability is one of three shapes; keys of the other shapes are known but must be absent,
// so an unknown key lists the same valid keys whichever shape is read.
// A key of another availability shape: known (absent whenever this shape is read).
template <class T>
void add_other_shape_key(sim::ParamsDecl<AvailabilityParams>& d, const char* key,
                         const char* type_text, T AvailabilityParams::*m) {
  d.custom(grammar_key(key, type_text, "a key of another availability shape"), m,
           typename sim::ParamsDecl<AvailabilityParams>::template Parser<T>(
               [](const Json*, const std::string&, T&) { return Json(); }));
}

const sim::ParamsDecl<AvailabilityParams>& availability_decl(AvailabilitySpec::Kind kind) {
  using A = AvailabilityParams;
  static const sim::ParamsDecl<A> trace = [] {
    sim::ParamsDecl<A> d;
    d.string("trace", &A::trace, std::nullopt, "CSV file of worker,start_s,end_s offline periods");
    return d;
  }();
  static const sim::ParamsDecl<A> periodic = [] {
    sim::ParamsDecl<A> d;
    add_other_shape_key(d, "trace", "path", &A::trace);
    // Finite: "inf" on a cycle with a random phase would take a worker offline forever.
    d.quantity("on", &A::on_s, std::nullopt, sim::Unit::duration_s, "online period",
               sim::Range::above_to(0.0, sim::kMaxDurationSeconds));
    d.quantity("off", &A::off_s, std::nullopt, sim::Unit::duration_s, "offline period",
               sim::Range::between(0.0, sim::kMaxDurationSeconds));
    return d;
  }();
  static const sim::ParamsDecl<A> always = [] {
    sim::ParamsDecl<A> d;
    add_other_shape_key(d, "trace", "path", &A::trace);
    add_other_shape_key(d, "on", "quantity (s)", &A::on_s);
    add_other_shape_key(d, "off", "quantity (s)", &A::off_s);
    return d;
  }();
  switch (kind) {
    case AvailabilitySpec::Kind::trace: return trace;
    case AvailabilitySpec::Kind::periodic: return periodic;
    case AvailabilitySpec::Kind::always: return always;
  }
  return always;
}

// One worker's element of an availability array: {on, off} or {} (always online).
Json parse_availability_element(const Json& value, const std::string& path,
                                std::pair<double, double>& out) {
  require_object(value, path);
  if (value.contains("trace")) {
    throw ConfigError(sim::join_path(path, "trace"),
                      "a trace names every worker's offline periods itself: give "
                      "workers.availability = {\"trace\": FILE}, not one per worker");
  }
  const bool periodic = value.contains("on") || value.contains("off");
  const auto kind = periodic ? AvailabilitySpec::Kind::periodic : AvailabilitySpec::Kind::always;
  Json resolved;
  const AvailabilityParams p = availability_decl(kind).read_object(value, path, &resolved);
  out = periodic ? std::pair{p.on_s, p.off_s} : std::pair{1.0, 0.0};
  return resolved;
}

Json parse_availability(const Json* v, const std::string& path, AvailabilityParams& out) {
  out.path = path;
  if (v && v->is_array()) {
    Json resolved = Json::array();
    out.kind = AvailabilitySpec::Kind::periodic;
    out.per_worker.emplace();
    for (std::size_t i = 0; i < v->size(); ++i) {
      out.per_worker->emplace_back();
      resolved.push_back(parse_availability_element((*v)[i], fmt::format("{}[{}]", path, i),
                                                    out.per_worker->back()));
    }
    return resolved;
  }
  const Json value = v ? *v : Json::object();
  require_object(value, path);
  auto has = [&](const char* key) { return value.is_object() && value.contains(key); };
  const auto kind = has("trace")              ? AvailabilitySpec::Kind::trace
                    : has("on") || has("off") ? AvailabilitySpec::Kind::periodic
                                              : AvailabilitySpec::Kind::always;
  Json resolved;
  out = availability_decl(kind).read_object(value, path, &resolved);
  out.kind = kind;
  out.path = path;
  return resolved;
}

sim::ParamsDecl<WorkersSpec> make_workers_decl() {
  using W = WorkersSpec;
  using sim::Unit;
  const std::string draw =
      "{distribution: uniform|log_uniform, min, max} | {law: sqrt|linear, scale} | [value per "
      "worker]";
  sim::ParamsDecl<W> d;
  d.custom(grammar_key("speed", "quantity (flop/s) | " + draw, "compute speed"), &W::speed,
           sim::ParamsDecl<W>::Parser<PerWorkerValue>(parse_speed));
  d.custom(grammar_key("time_per_call", "quantity (s) | " + draw,
                       "fixed seconds per oracle call (\"0\": none), speed ignored; absent: "
                       "flops / speed"),
           &W::time_per_call_s,
           sim::ParamsDecl<W>::Parser<std::optional<PerWorkerValue>>(parse_time_per_call));
  d.custom(grammar_key("uplink_bandwidth", draw, "per-worker uplink bandwidths"),
           &W::uplink_bandwidth, link_draw(Unit::bandwidth_bps, true));
  d.custom(grammar_key("downlink_bandwidth", draw, "per-worker downlink bandwidths"),
           &W::downlink_bandwidth, link_draw(Unit::bandwidth_bps, true));
  d.custom(grammar_key("uplink_latency", draw, "per-worker uplink latencies"), &W::uplink_latency,
           link_draw(Unit::duration_s, false));
  d.custom(grammar_key("downlink_latency", draw, "per-worker downlink latencies"),
           &W::downlink_latency, link_draw(Unit::duration_s, false));
  d.custom(grammar_key("overrides", "[{workers, speed, time_per_call, uplink, downlink}]",
                       "values for selected workers"),
           &W::overrides, sim::ParamsDecl<W>::Parser<std::vector<WorkerOverride>>(parse_overrides));
  d.custom(jitter_key(), &W::jitter, sim::ParamsDecl<W>::Parser<JitterSpec>(parse_jitter));
  d.object("stragglers", &W::stragglers, stragglers_decl(), "slow workers");
  d.custom(grammar_key("availability", "{on, off} | {trace} | [{on, off} | {} per worker]",
                       "offline periods"),
           &W::availability, sim::ParamsDecl<W>::Parser<AvailabilityParams>(parse_availability));
  d.rule([](W& w, const std::string& path) { w.path = path; });
  return d;
}

}  // namespace

const sim::ParamsDecl<WorkersSpec>& workers_spec_decl() {
  static const sim::ParamsDecl<WorkersSpec> decl = make_workers_decl();
  return decl;
}

}  // namespace commsim::net
