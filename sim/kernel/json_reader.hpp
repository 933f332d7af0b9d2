#pragma once
/// \file
/// Strict reading of one JSON object of a scenario. Every getter states the key, its default and
/// its rule; reading records the value actually used into a "resolved" mirror (so the resolved
/// scenario, all defaults filled, can be written next to the outputs), and `finish()` rejects
/// keys nobody asked for, with a "did you mean" suggestion. Every error is a `ConfigError` whose
/// `where()` is the JSON path of the offending value (e.g. `network.topology.uplink.bandwidth`).

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/kernel/errors.hpp"
#include "sim/kernel/units.hpp"

namespace commsim::sim {

using Json = nlohmann::json;
class ParamsDeclBase;
class RegistryBase;

/// JSON type name for messages: "a string", "a number", "an object", ...
std::string json_type_name(const Json& value);

/// A value as error messages quote it (long values shortened).
std::string show_json_value(const Json& value);

/// Joins a parent path and a key: `join_path("network", "model") == "network.model"`.
std::string join_path(std::string_view parent, std::string_view key);

/// What one getter declared about one key: the raw material of `commsim schema`, so the
/// published schema and the loader can never disagree about keys, types, ranges or defaults.
struct KeyDecl {
  /// `present`: only `has()` asked (no constraint of its own); `any`: the caller reads the raw
  /// value and checks it itself (the schema stays permissive there).
  enum class Kind {
    present,
    any,
    object,
    array,
    number,
    integer,
    boolean,
    string,
    choice,
    quantity
  };
  std::string path;  ///< JSON path, array elements as `[i]` (e.g. `workers.overrides[0].speed`)
  Kind kind = Kind::any;
  Json def;  ///< the default (null when the key is required or has none)
  bool required = false;
  std::optional<double> lo, hi;  ///< numeric bounds when finite / not the type's extreme
  bool lo_exclusive = false;
  std::vector<std::string> choices;
  std::optional<Unit> unit;
  std::string help;       ///< one line for `commsim list KIND NAME` and the schema
  std::string type_text;  ///< how listing names a value with its own grammar (kind `any`)
  Json schema;            ///< the JSON-Schema fragment of a value with its own grammar
  const ParamsDeclBase* nested = nullptr;  ///< the declared keys of an `object`
  const RegistryBase* registry = nullptr;  ///< a part chosen by name from this registry
};

/// Collects the declarations of every JsonReader getter called on this thread while installed
/// (see ScopedKeyRecording). Reading behaves exactly as without it.
struct KeyRecorder {
  std::vector<KeyDecl> decls;
};

/// Installs `recorder` for the current thread for the lifetime of this object (nestable: the
/// previous recorder is restored).
class ScopedKeyRecording {
 public:
  explicit ScopedKeyRecording(KeyRecorder& recorder);
  ~ScopedKeyRecording();
  ScopedKeyRecording(const ScopedKeyRecording&) = delete;
  ScopedKeyRecording& operator=(const ScopedKeyRecording&) = delete;

 private:
  KeyRecorder* previous_;
};

/// Collects the ConfigErrors of reading instead of stopping at the first (`commsim validate`
/// reports every error in one pass). While installed on a thread (ScopedErrorCollection), a
/// declared key whose reading fails is recorded and keeps its default, the other keys are read
/// on, whole-object rules of an object with errors are skipped, and `finish()` records every
/// unknown key. An error that makes the rest of an object meaningless (a section of the wrong
/// type, an unknown part name) is one error: that object is not read further.
struct ErrorSink {
  std::vector<ConfigError> errors;
};

/// Installs `sink` for the current thread for the lifetime of this object (nestable).
class ScopedErrorCollection {
 public:
  explicit ScopedErrorCollection(ErrorSink& sink);
  ~ScopedErrorCollection();
  ScopedErrorCollection(const ScopedErrorCollection&) = delete;
  ScopedErrorCollection& operator=(const ScopedErrorCollection&) = delete;

 private:
  ErrorSink* previous_;
};

/// With a sink installed, records `e` and returns true (the caller goes on with the default);
/// without one, returns false (the caller rethrows: reading stops at the first error).
bool collect_error(const ConfigError& e);
/// Errors recorded so far on this thread (0 without a sink): a reader compares counts to tell
/// whether its own keys failed.
std::size_t collected_error_count();

/// Reads the keys of one JSON object at `path`, writing what it used into `resolved`.
class JsonReader {
 public:
  /// Throws ConfigError if `value` is not an object. `resolved` (may be null) receives the
  /// values used, defaults included.
  JsonReader(const Json& value, std::string path, Json* resolved = nullptr);

  const std::string& path() const { return path_; }
  /// `path.key`.
  std::string path_of(std::string_view key) const { return join_path(path_, key); }
  /// True when the key is present (and marks it as known).
  bool has(std::string_view key);
  /// The raw value or null when absent; marks the key as known. Not copied into resolved.
  const Json* raw(std::string_view key);
  /// Records `value` as the resolved value of `key`.
  void set_resolved(std::string_view key, Json value);

  /// A finite number in [lo, hi]; `def` when absent (required when `def` is empty).
  double number(std::string_view key, std::optional<double> def,
                double lo = -std::numeric_limits<double>::max(),
                double hi = std::numeric_limits<double>::max());
  /// A number > lo (strict lower bound), ≤ hi.
  double positive(std::string_view key, std::optional<double> def,
                  double hi = std::numeric_limits<double>::max());
  /// An integer in [lo, hi].
  std::int64_t integer(std::string_view key, std::optional<std::int64_t> def,
                       std::int64_t lo = std::numeric_limits<std::int64_t>::min(),
                       std::int64_t hi = std::numeric_limits<std::int64_t>::max());
  bool boolean(std::string_view key, std::optional<bool> def);
  std::string string(std::string_view key, std::optional<std::string> def);
  /// A string that must be one of `choices` (error lists them, with a suggestion).
  std::string choice(std::string_view key, std::optional<std::string> def,
                     const std::vector<std::string>& choices);
  /// A unit-bearing string ("10Mbps"), in base units; must lie in [lo, hi]. A bare number is
  /// rejected (units are never guessed), except 0.
  double quantity(std::string_view key, std::optional<std::string> def, Unit unit, double lo = 0.0,
                  double hi = std::numeric_limits<double>::infinity(), bool lo_exclusive = false);
  /// A nested object reader; an absent key reads as an empty object (all defaults).
  JsonReader object(std::string_view key);
  /// The nested array at `key` (empty when absent); elements are read by the caller with
  /// `element_path(key, i)` as their path.
  const Json& array(std::string_view key);
  std::string element_path(std::string_view key, std::size_t index) const;
  /// The resolved mirror of a nested key (created as null); for callers that read a nested
  /// value themselves (arrays, unions).
  Json* resolved_slot(std::string_view key);

  /// Throws ConfigError for the first key that no getter asked for (collecting: records each).
  void finish() const;

 private:
  const Json* lookup(std::string_view key);
  /// Reports a declaration to the thread's KeyRecorder, if any.
  void declare(std::string_view key, KeyDecl decl) const;
  double number_impl(std::string_view key, std::optional<double> def, double lo, double hi);
  std::string string_impl(std::string_view key, std::optional<std::string> def);
  [[noreturn]] void type_error(std::string_view key, const Json& v, const char* expected) const;

  const Json& value_;
  std::string path_;
  Json* resolved_;
  std::vector<std::string> known_;
  std::vector<std::string> probed_;  ///< keys asked about with has() (recording only): optional
};

/// Reads a unit-bearing value at `path` (a string, or 0).
double read_quantity(const Json& v, const std::string& path, Unit unit);

}  // namespace commsim::sim
