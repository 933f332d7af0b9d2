#include "sim/kernel/json_reader.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"
#include "sim/kernel/text.hpp"

namespace commsim::sim {

std::string json_type_name(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "an integer";
    case Json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

std::string join_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return std::string(parent) + "." + std::string(key);
}

std::string show_json_value(const Json& v) {
  std::string s = v.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

static std::string show_number(double x) {
  return fmt::format("{}", x);
}

namespace {
// Thread-local so that sweeps building scenarios on worker threads never record into
// someone else's collector; null (the normal case) costs one load per getter.
thread_local KeyRecorder* t_recorder = nullptr;

void record(KeyDecl decl) {
  if (t_recorder) t_recorder->decls.push_back(std::move(decl));
}

KeyDecl decl_of(KeyDecl::Kind kind) {
  KeyDecl d;
  d.kind = kind;
  return d;
}
}  // namespace

namespace {
thread_local ErrorSink* t_error_sink = nullptr;
}  // namespace

ScopedErrorCollection::ScopedErrorCollection(ErrorSink& sink) : previous_(t_error_sink) {
  t_error_sink = &sink;
}
ScopedErrorCollection::~ScopedErrorCollection() {
  t_error_sink = previous_;
}

bool collect_error(const ConfigError& e) {
  if (!t_error_sink) return false;
  t_error_sink->errors.push_back(e);
  return true;
}

std::size_t collected_error_count() {
  return t_error_sink ? t_error_sink->errors.size() : 0;
}

ScopedKeyRecording::ScopedKeyRecording(KeyRecorder& recorder) : previous_(t_recorder) {
  t_recorder = &recorder;
}
ScopedKeyRecording::~ScopedKeyRecording() {
  t_recorder = previous_;
}

void JsonReader::declare(std::string_view key, KeyDecl decl) const {
  if (!t_recorder) return;
  decl.path = path_of(key);
  // A key read without a default only after has() said it is there is optional, not required.
  if (decl.required && std::find(probed_.begin(), probed_.end(), key) != probed_.end())
    decl.required = false;
  record(std::move(decl));
}

JsonReader::JsonReader(const Json& value, std::string path, Json* resolved)
    : value_(value), path_(std::move(path)), resolved_(resolved) {
  if (!value_.is_object()) {
    throw ConfigError(path_.empty() ? "scenario" : path_,
                      "expected an object, got " + json_type_name(value_));
  }
  if (resolved_ && !resolved_->is_object()) *resolved_ = Json::object();
  if (t_recorder) {
    KeyDecl d = decl_of(KeyDecl::Kind::object);
    d.path = path_;
    record(std::move(d));
  }
}

const Json* JsonReader::lookup(std::string_view key) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
  const auto it = value_.find(key);
  if (it == value_.end() || it->is_null()) return nullptr;
  return &*it;
}

bool JsonReader::has(std::string_view key) {
  if (t_recorder) probed_.emplace_back(key);
  declare(key, decl_of(KeyDecl::Kind::present));
  return lookup(key) != nullptr;
}

const Json* JsonReader::raw(std::string_view key) {
  declare(key, decl_of(KeyDecl::Kind::any));
  return lookup(key);
}

void JsonReader::set_resolved(std::string_view key, Json value) {
  if (resolved_) (*resolved_)[std::string(key)] = std::move(value);
}

Json* JsonReader::resolved_slot(std::string_view key) {
  if (!resolved_) return nullptr;
  return &(*resolved_)[std::string(key)];
}

void JsonReader::type_error(std::string_view key, const Json& v, const char* expected) const {
  throw ConfigError(path_of(key), fmt::format("expected {}, got {} ({})", expected,
                                              json_type_name(v), show_json_value(v)));
}

double JsonReader::number(std::string_view key, std::optional<double> def, double lo, double hi) {
  if (t_recorder) {
    KeyDecl d = decl_of(KeyDecl::Kind::number);
    if (def) d.def = *def;
    d.required = !def;
    if (lo > -std::numeric_limits<double>::max()) d.lo = lo;
    if (hi < std::numeric_limits<double>::max()) d.hi = hi;
    declare(key, std::move(d));
  }
  return number_impl(key, def, lo, hi);
}

double JsonReader::number_impl(std::string_view key, std::optional<double> def, double lo,
                               double hi) {
  const Json* v = lookup(key);
  double x;
  if (!v) {
    if (!def) throw ConfigError(path_of(key), "required number is missing");
    x = *def;
  } else {
    if (!v->is_number()) type_error(key, *v, "a number");
    x = v->get<double>();
    if (!std::isfinite(x)) throw ConfigError(path_of(key), "must be finite");
    if (x < lo || x > hi) {
      // One-sided ranges say so, rather than printing the largest double as a bound.
      if (hi == std::numeric_limits<double>::max())
        throw ConfigError(path_of(key),
                          fmt::format("{} must be >= {}", show_json_value(*v), show_number(lo)));
      if (lo == -std::numeric_limits<double>::max())
        throw ConfigError(path_of(key),
                          fmt::format("{} must be <= {}", show_json_value(*v), show_number(hi)));
      throw ConfigError(path_of(key),
                        fmt::format("{} is out of range [{}, {}]", show_json_value(*v),
                                    show_number(lo), show_number(hi)));
    }
  }
  set_resolved(key, x);
  return x;
}

double JsonReader::positive(std::string_view key, std::optional<double> def, double hi) {
  const Json* v = lookup(key);
  if (v && v->is_number() && v->get<double>() <= 0.0) {
    throw ConfigError(path_of(key), fmt::format("{} must be > 0", show_json_value(*v)));
  }
  if (t_recorder) {
    KeyDecl d = decl_of(KeyDecl::Kind::number);
    if (def) d.def = *def;
    d.required = !def;
    d.lo = 0.0;
    d.lo_exclusive = true;
    if (hi < std::numeric_limits<double>::max()) d.hi = hi;
    declare(key, std::move(d));
  }
  return number_impl(key, def, 0.0, hi);
}

std::int64_t JsonReader::integer(std::string_view key, std::optional<std::int64_t> def,
                                 std::int64_t lo, std::int64_t hi) {
  if (t_recorder) {
    KeyDecl d = decl_of(KeyDecl::Kind::integer);
    if (def) d.def = *def;
    d.required = !def;
    if (lo > std::numeric_limits<std::int64_t>::min()) d.lo = static_cast<double>(lo);
    if (hi < std::numeric_limits<std::int64_t>::max()) d.hi = static_cast<double>(hi);
    declare(key, std::move(d));
  }
  const Json* v = lookup(key);
  std::int64_t x;
  if (!v) {
    if (!def) throw ConfigError(path_of(key), "required integer is missing");
    x = *def;
  } else {
    if (v->is_number_float()) {
      const double d = v->get<double>();
      if (d != std::floor(d) || std::fabs(d) > 9.0e15) type_error(key, *v, "an integer");
      x = static_cast<std::int64_t>(d);
    } else if (v->is_number_unsigned()) {
      const auto u = v->get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        throw ConfigError(path_of(key), fmt::format("{} is too large", u));
      }
      x = static_cast<std::int64_t>(u);
    } else if (v->is_number_integer()) {
      x = v->get<std::int64_t>();
    } else {
      type_error(key, *v, "an integer");
    }
    if (x < lo || x > hi) {
      const std::string range = hi == std::numeric_limits<std::int64_t>::max()
                                    ? fmt::format("must be >= {}", lo)
                                    : fmt::format("is out of range [{}, {}]", lo, hi);
      throw ConfigError(path_of(key), fmt::format("{} {}", x, range));
    }
  }
  set_resolved(key, x);
  return x;
}

bool JsonReader::boolean(std::string_view key, std::optional<bool> def) {
  if (t_recorder) {
    KeyDecl d = decl_of(KeyDecl::Kind::boolean);
    if (def) d.def = *def;
    d.required = !def;
    declare(key, std::move(d));
  }
  const Json* v = lookup(key);
  bool b;
  if (!v) {
    if (!def) throw ConfigError(path_of(key), "required boolean is missing");
    b = *def;
  } else {
    if (!v->is_boolean()) type_error(key, *v, "true or false");
    b = v->get<bool>();
  }
  set_resolved(key, b);
  return b;
}

std::string JsonReader::string(std::string_view key, std::optional<std::string> def) {
  if (t_recorder) {
    KeyDecl d = decl_of(KeyDecl::Kind::string);
    if (def) d.def = *def;
    d.required = !def;
    declare(key, std::move(d));
  }
  return string_impl(key, def);
}

std::string JsonReader::string_impl(std::string_view key, std::optional<std::string> def) {
  const Json* v = lookup(key);
  std::string s;
  if (!v) {
    if (!def) throw ConfigError(path_of(key), "required string is missing");
    s = *def;
  } else {
    if (!v->is_string()) type_error(key, *v, "a string");
    s = v->get<std::string>();
  }
  set_resolved(key, s);
  return s;
}

std::string JsonReader::choice(std::string_view key, std::optional<std::string> def,
                               const std::vector<std::string>& choices) {
  if (t_recorder) {
    KeyDecl d = decl_of(KeyDecl::Kind::choice);
    if (def) d.def = *def;
    d.required = !def;
    d.choices = choices;
    declare(key, std::move(d));
  }
  const Json* v = lookup(key);
  if (!v && !def) {
    throw ConfigError(path_of(key), "required value is missing; one of " + quoted_list(choices));
  }
  std::string s = string_impl(key, def);
  if (std::find(choices.begin(), choices.end(), s) == choices.end()) {
    throw ConfigError(path_of(key), fmt::format("unknown value \"{}\"{}; valid values: {}", s,
                                                did_you_mean(s, choices), quoted_list(choices)));
  }
  return s;
}

double read_quantity(const Json& v, const std::string& path, Unit unit) {
  if (v.is_number() && (v.get<double>() == 0.0 || unit == Unit::bits)) {
    const double x = v.get<double>();
    if (!std::isfinite(x)) throw ConfigError(path, "must be finite");
    return x;
  }
  if (!v.is_string()) {
    throw ConfigError(
        path,
        fmt::format("expected {} as a string with a unit (e.g. {}), got {} ({})", unit_noun(unit),
                    unit_example(unit), json_type_name(v), show_json_value(v)));
  }
  try {
    return parse_quantity(v.get<std::string>(), unit);
  } catch (const UnitError& e) {
    throw ConfigError(path, e.what());
  }
}

double JsonReader::quantity(std::string_view key, std::optional<std::string> def, Unit unit,
                            double lo, double hi, bool lo_exclusive) {
  if (t_recorder) {
    KeyDecl d = decl_of(KeyDecl::Kind::quantity);
    if (def) d.def = *def;
    d.required = !def;
    d.unit = unit;
    if (std::isfinite(lo)) d.lo = lo;
    if (std::isfinite(hi)) d.hi = hi;
    d.lo_exclusive = lo_exclusive;
    declare(key, std::move(d));
  }
  const Json* v = lookup(key);
  double x;
  Json used;
  if (!v) {
    if (!def)
      throw ConfigError(path_of(key), fmt::format("required {} is missing", unit_noun(unit)));
    x = parse_quantity(*def, unit);
    used = *def;
  } else {
    x = read_quantity(*v, path_of(key), unit);
    used = *v;
  }
  if (std::isnan(x) || x < lo || (lo_exclusive && x == lo) || x > hi) {
    const std::string rule =
        lo_exclusive ? "must be > " + show_number(lo) : "must be >= " + show_number(lo);
    throw ConfigError(path_of(key),
                      fmt::format("{} {}{}", used.dump(), rule,
                                  std::isinf(hi) ? "" : " and <= " + show_number(hi)));
  }
  if (unit == Unit::duration_s && lo_exclusive && lo == 0.0 && rounds_to_zero_ns(x)) {
    throw ConfigError(path_of(key), fmt::format("{} must be > 0, and simulated time counts whole "
                                                "nanoseconds: this rounds to 0 (use at least "
                                                "\"1ns\")",
                                                used.dump()));
  }
  set_resolved(key, used);
  return x;
}

JsonReader JsonReader::object(std::string_view key) {
  static const Json kEmpty = Json::object();
  const Json* v = lookup(key);
  if (v && !v->is_object()) type_error(key, *v, "an object");
  Json* slot = resolved_slot(key);
  return JsonReader(v ? *v : kEmpty, path_of(key), slot);
}

const Json& JsonReader::array(std::string_view key) {
  static const Json kEmpty = Json::array();
  declare(key, decl_of(KeyDecl::Kind::array));
  const Json* v = lookup(key);
  if (!v) return kEmpty;
  if (!v->is_array()) type_error(key, *v, "an array");
  return *v;
}

std::string JsonReader::element_path(std::string_view key, std::size_t index) const {
  return path_of(key) + "[" + std::to_string(index) + "]";
}

void JsonReader::finish() const {
  for (const auto& [key, v] : value_.items()) {
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    std::string valid = known_.empty() ? "none" : quoted_list(known_);
    ConfigError unknown(path_of(key), fmt::format("unknown key{}; valid keys here: {}",
                                                  did_you_mean(key, known_), valid));
    if (!collect_error(unknown)) throw unknown;
  }
}

}  // namespace commsim::sim
