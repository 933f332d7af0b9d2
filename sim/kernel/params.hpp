#pragma once
/// \file
/// Every part's parameters are a plain struct with its defaults (`RandKParams{.k = 1}`) plus one
/// declaration of its keys: name, type, default, unit, range and a one-line help. Reading a JSON
/// object into the struct, `commsim list KIND NAME` and `commsim schema` all derive from that one
/// declaration (ns-3 declares each attribute once and derives its config, CLI and docs from it).
///
/// Reading is pure: it fills the struct and records the values used into the resolved scenario;
/// it builds nothing and loads no data. Checks that need the data's shape (k ≤ d) belong to the
/// part's registry entry, not to its declaration.
///
/// Parts chosen by name (a compressor, a method, a topology, …) come from a `Registry`: a list of
/// (name, one-line description, params declaration, factory). A part's value in a spec is a
/// `PartSpec`: its name and its type-erased params.

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

#include "sim/kernel/errors.hpp"
#include "sim/kernel/json_reader.hpp"

namespace commsim::sim {

/// An immutable, type-erased params struct (cheap to copy: shared).
class AnyParams {
 public:
  AnyParams() = default;
  template <class P>
  static AnyParams of(P params) {
    AnyParams a;
    a.value_ = std::make_shared<const P>(std::move(params));
    a.type_ = &typeid(P);
    return a;
  }
  /// The params as `P`; an internal error when they are another type.
  template <class P>
  const P& get() const {
    COMMSIM_ASSERT(type_ != nullptr && *type_ == typeid(P), "params read as the wrong type");
    return *static_cast<const P*>(value_.get());
  }
  bool empty() const { return value_ == nullptr; }

 private:
  std::shared_ptr<const void> value_;
  const std::type_info* type_ = nullptr;
};

/// The keys of one params struct, without its type: what listing and the schema walk.
class ParamsDeclBase {
 public:
  virtual ~ParamsDeclBase() = default;
  /// Every key in declaration order; `KeyDecl::path` is the bare key.
  virtual const std::vector<KeyDecl>& keys() const = 0;
  /// Reads the declared keys of `r` into a fresh params struct (defaults first). Does not call
  /// `r.finish()`: the caller may read more keys of the same object.
  virtual AnyParams read_any(JsonReader& r) const = 0;
};

/// A numeric range for a declaration: [lo, hi], or (lo, hi] when `lo_exclusive`.
struct Range {
  double lo = -std::numeric_limits<double>::max();
  double hi = std::numeric_limits<double>::max();
  bool lo_exclusive = false;
  static Range at_least(double lo) { return {lo, std::numeric_limits<double>::max(), false}; }
  static Range above(double lo) { return {lo, std::numeric_limits<double>::max(), true}; }
  static Range between(double lo, double hi) { return {lo, hi, false}; }
  static Range above_to(double lo, double hi) { return {lo, hi, true}; }
};

/// The declaration of `P`'s keys. Each adder names the member it fills; members may belong to a
/// base of `P` (shared key groups live in a base struct and are added by one function).
template <class P>
class ParamsDecl final : public ParamsDeclBase {
 public:
  using Reader = std::function<void(JsonReader&, P&)>;
  /// Turns the raw JSON at a key (null when absent) into the member, returning the value to
  /// record in the resolved scenario (null: record nothing). Errors name `path`.
  template <class T>
  using Parser = std::function<Json(const Json* value, const std::string& path, T& out)>;

  /// A finite number.
  template <class C>
  ParamsDecl& number(std::string key, double C::*m, std::optional<double> def, std::string help,
                     Range range = {}) {
    KeyDecl d = base_decl(key, KeyDecl::Kind::number, std::move(help));
    if (def) d.def = *def;
    d.required = !def;
    set_bounds(d, range.lo, range.hi, range.lo_exclusive);
    return add(std::move(d), [=](JsonReader& r, P& p) {
      p.*m = range.lo_exclusive ? r.positive(key, def, range.hi)
                                : r.number(key, def, range.lo, range.hi);
      COMMSIM_ASSERT(!range.lo_exclusive || range.lo == 0.0, "exclusive bounds other than 0");
    });
  }

  /// An integer in [lo, hi], stored in any integral member.
  template <class I, class C>
  ParamsDecl& integer(std::string key, I C::*m, std::optional<std::int64_t> def, std::string help,
                      std::int64_t lo = std::numeric_limits<std::int64_t>::min(),
                      std::int64_t hi = std::numeric_limits<std::int64_t>::max()) {
    KeyDecl d = base_decl(key, KeyDecl::Kind::integer, std::move(help));
    if (def) d.def = *def;
    d.required = !def;
    if (lo != std::numeric_limits<std::int64_t>::min()) d.lo = static_cast<double>(lo);
    if (hi != std::numeric_limits<std::int64_t>::max()) d.hi = static_cast<double>(hi);
    return add(std::move(d),
               [=](JsonReader& r, P& p) { p.*m = static_cast<I>(r.integer(key, def, lo, hi)); });
  }

  template <class C>
  ParamsDecl& boolean(std::string key, bool C::*m, std::optional<bool> def, std::string help) {
    KeyDecl d = base_decl(key, KeyDecl::Kind::boolean, std::move(help));
    if (def) d.def = *def;
    d.required = !def;
    return add(std::move(d), [=](JsonReader& r, P& p) { p.*m = r.boolean(key, def); });
  }

  template <class C>
  ParamsDecl& string(std::string key, std::string C::*m, std::optional<std::string> def,
                     std::string help) {
    KeyDecl d = base_decl(key, KeyDecl::Kind::string, std::move(help));
    if (def) d.def = *def;
    d.required = !def;
    return add(std::move(d), [=](JsonReader& r, P& p) { p.*m = r.string(key, def); });
  }

  /// One of named values, stored as `E` (an enum, or the string itself).
  template <class E, class C>
  ParamsDecl& choice(std::string key, E C::*m, std::vector<std::pair<std::string, E>> values,
                     std::optional<std::string> def, std::string help) {
    KeyDecl d = base_decl(key, KeyDecl::Kind::choice, std::move(help));
    if (def) d.def = *def;
    d.required = !def;
    for (const auto& v : values) d.choices.push_back(v.first);
    std::vector<std::string> names = d.choices;
    return add(std::move(d), [=](JsonReader& r, P& p) {
      const std::string s = r.choice(key, def, names);
      for (const auto& v : values) {
        if (v.first == s) p.*m = v.second;
      }
    });
  }

  /// A unit-bearing string ("10Mbps"), stored in base units.
  template <class C>
  ParamsDecl& quantity(std::string key, double C::*m, std::optional<std::string> def, Unit unit,
                       std::string help, Range range = Range::at_least(0.0)) {
    KeyDecl d = base_decl(key, KeyDecl::Kind::quantity, std::move(help));
    if (def) d.def = *def;
    d.required = !def;
    d.unit = unit;
    const double hi = range.hi == std::numeric_limits<double>::max()
                          ? std::numeric_limits<double>::infinity()
                          : range.hi;
    set_bounds(d, range.lo, hi, range.lo_exclusive);
    return add(std::move(d), [=](JsonReader& r, P& p) {
      p.*m = r.quantity(key, def, unit, range.lo, hi, range.lo_exclusive);
    });
  }

  /// An optional key without a default: absent leaves `m` empty and records nothing; present, it
  /// is read (and checked) as the matching required key would be.
  template <class T, class C>
  ParamsDecl& optional(KeyDecl decl, std::optional<T> C::*m) {
    const std::string key = decl.path;
    const KeyDecl rule = decl;
    decl.required = false;
    return add(std::move(decl), [key, m, rule](JsonReader& r, P& p) {
      if (!r.has(key)) return;
      p.*m = read_typed<T>(r, rule);
    });
  }
  /// `optional` for a number in `range`.
  template <class C>
  ParamsDecl& optional_number(std::string key, std::optional<double> C::*m, std::string help,
                              Range range = {}) {
    KeyDecl d = base_decl(key, KeyDecl::Kind::number, std::move(help));
    set_bounds(d, range.lo, range.hi, range.lo_exclusive);
    return optional<double>(std::move(d), m);
  }
  /// `optional` for an integer in [lo, hi].
  template <class C>
  ParamsDecl& optional_integer(std::string key, std::optional<std::int64_t> C::*m, std::string help,
                               std::int64_t lo = std::numeric_limits<std::int64_t>::min(),
                               std::int64_t hi = std::numeric_limits<std::int64_t>::max()) {
    KeyDecl d = base_decl(key, KeyDecl::Kind::integer, std::move(help));
    if (lo != std::numeric_limits<std::int64_t>::min()) d.lo = static_cast<double>(lo);
    if (hi != std::numeric_limits<std::int64_t>::max()) d.hi = static_cast<double>(hi);
    return optional<std::int64_t>(std::move(d), m);
  }

  /// Every key of `group` (a key group declared once, e.g. the keys all sparsifiers share),
  /// read into the member `m`.
  template <class Q, class C>
  ParamsDecl& include(const ParamsDecl<Q>& group, Q C::*m) {
    for (const KeyDecl& k : group.keys()) keys_.push_back(k);
    readers_.push_back([&group, m](JsonReader& r, P& p) { p.*m = group.read(r); });
    return *this;
  }

  /// A nested object with its own declared keys (absent: all defaults). Unknown keys inside are
  /// errors.
  /// With `missing`, the object is required and its absence is that message.
  template <class Q, class C>
  ParamsDecl& object(std::string key, Q C::*m, const ParamsDecl<Q>& decl, std::string help,
                     std::string missing = "") {
    KeyDecl d = base_decl(key, KeyDecl::Kind::object, std::move(help));
    d.nested = &decl;
    d.required = !missing.empty();
    return add(std::move(d), [key, m, &decl, missing](JsonReader& r, P& p) {
      if (!missing.empty() && !r.has(key)) throw ConfigError(r.path_of(key), missing);
      JsonReader sub = r.object(key);
      p.*m = decl.read(sub);
      sub.finish();
    });
  }

  /// A key whose value has its own grammar ("theory" | a number, k | fraction, …). `decl`
  /// says what listing and the schema show (its kind is usually `any`, with `schema` and
  /// `type_text`); `parse` reads it.
  template <class T, class C>
  ParamsDecl& custom(KeyDecl decl, T C::*m, Parser<T> parse) {
    const std::string key = decl.path;
    return add(std::move(decl), [key, m, parse](JsonReader& r, P& p) {
      const Json* v = r.raw(key);
      Json resolved = parse(v, r.path_of(key), p.*m);
      if (!resolved.is_null()) r.set_resolved(key, std::move(resolved));
    });
  }

  /// Records in `m` whether `key` (declared by another adder) was given, so that a rule can
  /// tell a value the user wrote from a default (two keys that set one quantity conflict only
  /// when both are given). Declares no key.
  template <class C>
  ParamsDecl& presence(std::string key, bool C::*m) {
    readers_.push_back([key, m](JsonReader& r, P& p) { p.*m = r.has(key); });
    return *this;
  }
  /// `presence` collecting the given keys into one list.
  template <class C>
  ParamsDecl& presence(std::string key, std::vector<std::string> C::*m) {
    readers_.push_back([key, m](JsonReader& r, P& p) {
      if (r.has(key)) (p.*m).push_back(key);
    });
    return *this;
  }

  /// A whole-object rule run after every key was read (e.g. "give k or fraction, not both"):
  /// `check(params, object_path)` throws ConfigError naming a key's path (join_path).
  ParamsDecl& rule(std::function<void(P&, const std::string& object_path)> check) {
    rules_.push_back(std::move(check));
    return *this;
  }

  /// A default that depends on other keys (e.g. k = 1 when neither k nor fraction is given):
  /// `fill(params)` runs after the rules and returns the keys it filled, {key: value}, which
  /// are recorded in the resolved scenario.
  ParamsDecl& derive(std::function<Json(P&)> fill) {
    derived_.push_back(std::move(fill));
    return *this;
  }

  /// Reads the declared keys of `r` into a `P` that starts from its defaults.
  /// Collecting errors (ScopedErrorCollection), a key that fails keeps its default and the
  /// rules and derived defaults, which would judge those defaults, are skipped.
  P read(JsonReader& r) const {
    P p{};
    const std::size_t errors_before = collected_error_count();
    for (const auto& read_key : readers_) {
      try {
        read_key(r, p);
      } catch (const ConfigError& e) {
        if (!collect_error(e)) throw;
      }
    }
    if (collected_error_count() != errors_before) return p;
    for (const auto& check : rules_) check(p, r.path());
    for (const auto& fill : derived_) {
      const Json filled = fill(p);  // items() of a temporary would dangle
      for (const auto& [key, value] : filled.items()) r.set_resolved(key, value);
    }
    return p;
  }
  /// Reads a whole object: the declared keys, then rejects any other key.
  P read_object(const Json& value, const std::string& path, Json* resolved) const {
    JsonReader r(value, path, resolved);
    P p = read(r);
    r.finish();
    return p;
  }

  const std::vector<KeyDecl>& keys() const override { return keys_; }
  AnyParams read_any(JsonReader& r) const override { return AnyParams::of(read(r)); }

 private:
  static KeyDecl base_decl(const std::string& key, KeyDecl::Kind kind, std::string help) {
    KeyDecl d;
    d.path = key;
    d.kind = kind;
    d.help = std::move(help);
    return d;
  }
  static void set_bounds(KeyDecl& d, double lo, double hi, bool lo_exclusive) {
    if (lo != -std::numeric_limits<double>::max() && lo != -std::numeric_limits<double>::infinity())
      d.lo = lo;
    if (hi != std::numeric_limits<double>::max() && hi != std::numeric_limits<double>::infinity())
      d.hi = hi;
    d.lo_exclusive = lo_exclusive;
  }
  // The value of a present key as its declaration reads it (required: no default).
  template <class T>
  static T read_typed(JsonReader& r, const KeyDecl& d) {
    const std::string& key = d.path;
    if constexpr (std::is_same_v<T, double>) {
      if (d.kind == KeyDecl::Kind::quantity)
        return r.quantity(key, std::nullopt, *d.unit, d.lo.value_or(0.0),
                          d.hi.value_or(std::numeric_limits<double>::infinity()), d.lo_exclusive);
      if (d.lo_exclusive) return r.positive(key, std::nullopt, d.hi.value_or(kMax));
      return r.number(key, std::nullopt, d.lo.value_or(-kMax), d.hi.value_or(kMax));
    } else if constexpr (std::is_same_v<T, bool>) {
      return r.boolean(key, std::nullopt);
    } else if constexpr (std::is_same_v<T, std::string>) {
      return d.choices.empty() ? r.string(key, std::nullopt)
                               : r.choice(key, std::nullopt, d.choices);
    } else {
      return static_cast<T>(r.integer(
          key, std::nullopt,
          d.lo ? static_cast<std::int64_t>(*d.lo) : std::numeric_limits<std::int64_t>::min(),
          d.hi ? static_cast<std::int64_t>(*d.hi) : std::numeric_limits<std::int64_t>::max()));
    }
  }
  static constexpr double kMax = std::numeric_limits<double>::max();

  ParamsDecl& add(KeyDecl d, Reader reader) {
    keys_.push_back(std::move(d));
    readers_.push_back(std::move(reader));
    return *this;
  }

  std::vector<KeyDecl> keys_;
  std::vector<Reader> readers_;
  std::vector<std::function<void(P&, const std::string&)>> rules_;
  std::vector<std::function<Json(P&)>> derived_;
};

/// Reads the single key `key` (whose full path is `path`; `value` null when absent) through
/// `decl`, a declaration of that key alone, as if it stood in its object: the same errors and the
/// same resolved value (returned; null when nothing is recorded). For custom grammars that fall
/// back to a plain typed key.
template <class P>
Json read_key_alone(const ParamsDecl<P>& decl, const std::string& key, const Json* value,
                    const std::string& path, P& out) {
  const std::string parent =
      path.size() > key.size() ? path.substr(0, path.size() - key.size() - 1) : std::string();
  Json object = Json::object();
  if (value) object[key] = *value;
  Json resolved;
  out = decl.read_object(object, parent, &resolved);
  return resolved.contains(key) ? resolved[key] : Json();
}

}  // namespace commsim::sim
