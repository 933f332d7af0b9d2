#include "networks/spec_values.hpp"

#include <cmath>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"

namespace commsim::net {
namespace {

using sim::Json;

sim::ParamsDecl<LinkParams> make_link_decl(std::optional<std::string> bandwidth,
                                           std::optional<std::string> latency) {
  sim::ParamsDecl<LinkParams> d;
  d.quantity("bandwidth", &LinkParams::bandwidth_bps, bandwidth, sim::Unit::bandwidth_bps,
             "link bandwidth", sim::Range::above(0.0));
  d.quantity("latency", &LinkParams::latency_s, latency, sim::Unit::duration_s,
             "one-way link latency", sim::Range::between(0.0, kMaxLatencySeconds));
  d.presence("bandwidth", &LinkParams::bandwidth_given);
  d.presence("latency", &LinkParams::latency_given);
  return d;
}

sim::ParamsDecl<Distribution> make_distribution_decl(sim::Unit unit, bool positive) {
  const sim::Range range = positive ? sim::Range::above(0.0) : sim::Range::at_least(0.0);
  sim::ParamsDecl<Distribution> d;
  d.choice(
      "distribution", &Distribution::kind,
      {{"uniform", Distribution::Kind::uniform}, {"log_uniform", Distribution::Kind::log_uniform}},
      std::nullopt, "uniform or log-uniform between min and max");
  d.quantity("min", &Distribution::min, std::nullopt, unit, "smallest value", range);
  d.quantity("max", &Distribution::max, std::nullopt, unit, "largest value", range);
  d.rule([](Distribution& p, const std::string& path) {
    if (std::isinf(p.max) || p.max < p.min)
      throw ConfigError(sim::join_path(path, "max"), "must be finite and >= min");
  });
  return d;
}

// The reader's rendering of a value in a type error.
std::string show(const Json& v) {
  std::string s = v.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

std::int64_t worker_index(const std::string& text, const std::string& whole,
                          const std::string& path, const std::string& noun) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
      text.size() > 9) {
    throw ConfigError(path, fmt::format("\"{}\" is not a {} index or range (use e.g. 3 or \"0-4\")",
                                        whole, noun));
  }
  return std::stoll(text);
}

WorkerRange parse_worker_item(const Json& x, const std::string& path, const std::string& noun) {
  if (x.is_number_integer() || x.is_number_unsigned()) {
    const auto w = x.get<std::int64_t>();
    return {w, w, path};
  }
  if (!x.is_string()) {
    throw ConfigError(
        path, fmt::format("expected a {} index or a range string like \"0-4\", got {}", noun,
                          sim::json_type_name(x)));
  }
  const std::string s = x.get<std::string>();
  const auto dash = s.find('-');
  if (dash == std::string::npos) {
    const std::int64_t w = worker_index(s, s, path, noun);
    return {w, w, path};
  }
  const std::int64_t a = worker_index(s.substr(0, dash), s, path, noun);
  const std::int64_t b = worker_index(s.substr(dash + 1), s, path, noun);
  if (b < a) throw ConfigError(path, fmt::format("range \"{}\" is empty (use \"low-high\")", s));
  return {a, b, path};
}

}  // namespace

const sim::ParamsDecl<LinkParams>& link_decl(LinkDefaults defaults) {
  static const sim::ParamsDecl<LinkParams> access = make_link_decl("100Mbps", "1ms");
  static const sim::ParamsDecl<LinkParams> unlimited = make_link_decl("inf", "0");
  static const sim::ParamsDecl<LinkParams> rack = make_link_decl("10Gbps", "0.05ms");
  static const sim::ParamsDecl<LinkParams> required = make_link_decl(std::nullopt, std::nullopt);
  switch (defaults) {
    case LinkDefaults::access: return access;
    case LinkDefaults::unlimited: return unlimited;
    case LinkDefaults::rack: return rack;
    case LinkDefaults::required: return required;
  }
  return required;
}

double Distribution::draw(sim::Rng& rng) const {
  if (kind == Kind::uniform) return rng.uniform(min, max);
  return std::exp(rng.uniform(std::log(min), std::log(max)));
}

Json read_distribution(const Json& value, const std::string& path, sim::Unit unit, bool positive,
                       Distribution& out) {
  // The few (unit, bound) pairs the sections use, each declared once.
  struct Declared {
    sim::Unit unit;
    bool positive;
    sim::ParamsDecl<Distribution> decl;
  };
  static const std::vector<Declared> decls = [] {
    std::vector<Declared> v;
    for (sim::Unit u : {sim::Unit::flops_per_s, sim::Unit::bandwidth_bps, sim::Unit::duration_s}) {
      for (bool p : {false, true}) v.push_back({u, p, make_distribution_decl(u, p)});
    }
    return v;
  }();
  // log_uniform needs min > 0 whatever the value's own bound.
  const bool log =
      value.is_object() && value.contains("distribution") && value["distribution"] == "log_uniform";
  for (const auto& d : decls) {
    if (d.unit == unit && d.positive == (positive || log)) {
      Json resolved;
      out = d.decl.read_object(value, path, &resolved);
      return resolved;
    }
  }
  throw InternalError("no distribution declaration for this unit");
}

double IndexLaw::value(int worker) const {
  const double j = worker + 1.0;
  return scale * (kind == Kind::sqrt ? std::sqrt(j) : j);
}

Json read_per_worker_object(const Json& value, const std::string& path, sim::Unit unit,
                            bool positive, PerWorkerValue& out) {
  if (!value.is_object() || !value.contains("law")) {
    out.drawn.emplace();
    return read_distribution(value, path, unit, positive, *out.drawn);
  }
  struct Declared {
    sim::Unit unit;
    sim::ParamsDecl<IndexLaw> decl;
  };
  static const std::vector<Declared> decls = [] {
    std::vector<Declared> v;
    for (sim::Unit u : {sim::Unit::flops_per_s, sim::Unit::bandwidth_bps, sim::Unit::duration_s}) {
      sim::ParamsDecl<IndexLaw> d;
      d.choice("law", &IndexLaw::kind,
               {{"sqrt", IndexLaw::Kind::sqrt}, {"linear", IndexLaw::Kind::linear}}, std::nullopt,
               "worker i gets scale * sqrt(i + 1) or scale * (i + 1)");
      d.quantity("scale", &IndexLaw::scale, std::nullopt, u, "the value of worker 0",
                 sim::Range::above(0.0));
      d.rule([](IndexLaw& p, const std::string& where) {
        if (std::isinf(p.scale))
          throw ConfigError(sim::join_path(where, "scale"), "must be finite");
      });
      v.push_back({u, std::move(d)});
    }
    return v;
  }();
  (void)positive;  // scale > 0 always: every worker's value is then positive
  for (const auto& d : decls) {
    if (d.unit == unit) {
      Json resolved;
      out.by_index = d.decl.read_object(value, path, &resolved);
      return resolved;
    }
  }
  throw InternalError("no index-law declaration for this unit");
}

std::vector<WorkerRange> parse_worker_set(const Json& value, const std::string& path,
                                          const std::string& noun) {
  std::vector<WorkerRange> out;
  if (!value.is_array()) {
    out.push_back(parse_worker_item(value, path, noun));
    return out;
  }
  for (std::size_t i = 0; i < value.size(); ++i)
    out.push_back(parse_worker_item(value[i], fmt::format("{}[{}]", path, i), noun));
  return out;
}

std::vector<int> expand_worker_set(const std::vector<WorkerRange>& ranges, int n,
                                   const std::string& noun) {
  std::vector<int> out;
  for (const auto& r : ranges) {
    for (std::int64_t w = r.lo; w <= r.hi; ++w) {
      if (w < 0 || w >= n)
        throw ConfigError(r.path, fmt::format("{} {} is out of range [0, {})", noun, w, n));
      out.push_back(static_cast<int>(w));
    }
  }
  return out;
}

std::vector<double> PerWorkerValue::values(int n, sim::Rng& rng) const {
  if (listed) {
    if (listed->size() != static_cast<std::size_t>(n)) {
      throw ConfigError(path,
                        fmt::format("expected {} values (one per worker: workers.count), got {}", n,
                                    listed->size()));
    }
    return *listed;
  }
  std::vector<double> out(static_cast<std::size_t>(n), fixed);
  if (by_index) {
    for (int i = 0; i < n; ++i) out[static_cast<std::size_t>(i)] = by_index->value(i);
  }
  if (drawn) {
    for (double& x : out) x = drawn->draw(rng);
  }
  return out;
}

Json read_per_worker_list(const Json& value, const std::string& path, sim::Unit unit, bool positive,
                          std::vector<double>& out) {
  require_array(value, path);
  out.clear();
  for (std::size_t i = 0; i < value.size(); ++i)
    out.push_back(read_present_quantity(value[i], fmt::format("{}[{}]", path, i), unit, positive));
  return value;
}

double read_present_quantity(const Json& value, const std::string& path, sim::Unit unit,
                             bool positive) {
  const double x = sim::read_quantity(value, path, unit);
  // A duration ("inf" time per call, latency) of "never" would stall the run without a word.
  if (unit == sim::Unit::duration_s && std::isinf(x))
    throw ConfigError(path, fmt::format("{} must be a finite duration", value.dump()));
  if (std::isnan(x) || x < 0.0 || (positive && x == 0.0))
    throw ConfigError(path, fmt::format("{} must be {} 0", value.dump(), positive ? ">" : ">="));
  return x;
}

bool read_present_boolean(const Json& value, const std::string& path) {
  if (!value.is_boolean()) {
    throw ConfigError(path, fmt::format("expected true or false, got {} ({})",
                                        sim::json_type_name(value), show(value)));
  }
  return value.get<bool>();
}

void require_array(const Json& value, const std::string& path) {
  if (!value.is_array()) {
    throw ConfigError(path, fmt::format("expected an array, got {} ({})",
                                        sim::json_type_name(value), show(value)));
  }
}

void require_object(const Json& value, const std::string& path) {
  if (!value.is_object()) {
    throw ConfigError(path, fmt::format("expected an object, got {} ({})",
                                        sim::json_type_name(value), show(value)));
  }
}

std::string resolve_relative(const std::string& base_dir, const std::string& file) {
  if (!base_dir.empty() && !file.empty() && file.front() != '/') return base_dir + "/" + file;
  return file;
}

sim::KeyDecl grammar_key(std::string key, std::string type_text, std::string help) {
  sim::KeyDecl d;
  d.path = std::move(key);
  d.kind = sim::KeyDecl::Kind::any;
  d.type_text = std::move(type_text);
  d.help = std::move(help);
  return d;
}

}  // namespace commsim::net
