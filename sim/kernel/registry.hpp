#pragma once
/// \file
/// Components are chosen by name from explicit lists (no static-initialiser registration). Every
/// kind of part (method, compressor, problem, data source, topology, transfer model, …) has one
/// registry of the same shape: entries of (name, one-line description, params declaration,
/// factory). `commsim list`, `commsim list KIND NAME` and `commsim schema` walk them through
/// `RegistryBase`; builders call the typed factory.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/kernel/errors.hpp"
#include "sim/kernel/params.hpp"

namespace commsim::sim {

/// A named component with a one-line description (what `commsim list` prints).
struct RegistryEntry {
  std::string name;
  std::string description;
};

/// The names of `entries`, in order.
std::vector<std::string> names_of(const std::vector<RegistryEntry>& entries);

/// Throws ConfigError at `path` when `name` is not in `entries`, listing the valid names and a
/// "did you mean" suggestion; `what` names the kind ("algorithm", "compressor", ...).
void require_known(const std::vector<RegistryEntry>& entries, const std::string& name,
                   const std::string& path, const std::string& what);

/// A chosen part in a spec: its registry name and its params (read by that entry's declaration).
struct PartSpec {
  std::string name;
  AnyParams params;
  template <class P>
  const P& get() const {
    return params.get<P>();
  }
};

/// One entry as listing and the schema see it.
struct PartInfo {
  std::string name;
  std::string description;
  const ParamsDeclBase* params;
};

/// What every registry tells about itself, whatever its factory type.
class RegistryBase {
 public:
  virtual ~RegistryBase() = default;
  /// The plural used by `commsim list KIND` ("algorithms", "compressors", …).
  virtual const std::string& kind() const = 0;
  /// The singular used in messages ("algorithm", "compressor", …).
  virtual const std::string& noun() const = 0;
  /// The key inside the part's object that names the entry ("name", "kind", "type"); empty
  /// when the part is given as a bare string.
  virtual const std::string& name_key() const = 0;
  /// The entry used when the name key is absent (nullopt: the name is required).
  virtual const std::optional<std::string>& default_name() const = 0;
  virtual std::vector<PartInfo> parts() const = 0;
  /// Reads a part from its object: the name key (or its default), then that entry's keys. Does
  /// not call `r.finish()`.
  virtual PartSpec read(JsonReader& r) const = 0;
  /// The entry `name`, if there is one.
  std::optional<PartInfo> find(const std::string& name) const;
  std::vector<RegistryEntry> infos() const;
};

/// A registry whose entries build with `Factory` (a function pointer or std::function).
template <class Factory>
class Registry final : public RegistryBase {
 public:
  struct Entry {
    std::string name;
    std::string description;
    const ParamsDeclBase* params;
    Factory make;
  };

  Registry(std::string kind, std::string noun, std::string name_key,
           std::optional<std::string> default_name, std::vector<Entry> entries)
      : kind_(std::move(kind)),
        noun_(std::move(noun)),
        name_key_(std::move(name_key)),
        default_name_(std::move(default_name)),
        entries_(std::move(entries)) {}

  const std::string& kind() const override { return kind_; }
  const std::string& noun() const override { return noun_; }
  const std::string& name_key() const override { return name_key_; }
  const std::optional<std::string>& default_name() const override { return default_name_; }
  std::vector<PartInfo> parts() const override {
    std::vector<PartInfo> out;
    for (const auto& e : entries_) out.push_back({e.name, e.description, e.params});
    return out;
  }
  const std::vector<Entry>& entries() const { return entries_; }

  /// The entry `name`; ConfigError at `path` listing the valid names when unknown.
  const Entry& require(const std::string& name, const std::string& path) const {
    for (const auto& e : entries_) {
      if (e.name == name) return e;
    }
    require_known(infos(), name, path, noun_);
    throw InternalError("registry lookup failed for " + name);
  }
  /// The entry of a spec already read (its name was checked then).
  const Entry& at(const PartSpec& spec) const { return require(spec.name, spec.name); }

  PartSpec read(JsonReader& r) const override {
    PartSpec spec;
    spec.name = r.string(name_key_, default_name_);
    const Entry& e = require(spec.name, r.path_of(name_key_));
    spec.params = e.params->read_any(r);
    return spec;
  }

 private:
  std::string kind_, noun_, name_key_;
  std::optional<std::string> default_name_;
  std::vector<Entry> entries_;
};

/// Declares `key` of `P` as a part chosen from `registry` (an object whose name key picks the
/// entry, e.g. `algorithm.compressor`), read into the PartSpec member `m`. Unknown keys inside are
/// errors; an absent object reads as `{}` (the registry's default entry, if it has one). A value
/// that is not an object is "expected an object, got …" or, with `example`, "expected an object
/// such as EXAMPLE, got …". With `missing`, the part is required and its absence is that message.
template <class P, class C>
ParamsDecl<P>& add_part(ParamsDecl<P>& decl, std::string key, PartSpec C::*m,
                        const RegistryBase& registry, std::string help, std::string example = "",
                        std::string missing = "") {
  KeyDecl d;
  d.path = std::move(key);
  d.kind = KeyDecl::Kind::object;
  d.help = std::move(help);
  d.registry = &registry;
  d.required = !missing.empty();
  return decl.template custom<PartSpec>(
      std::move(d), m,
      [&registry, example, missing](const Json* v, const std::string& path, PartSpec& out) {
        static const Json kEmpty = Json::object();
        if (!v && !missing.empty()) throw ConfigError(path, missing);
        if (v && !v->is_object()) {
          throw ConfigError(
              path, example.empty()
                        ? "expected an object, got " + json_type_name(*v) + " (" +
                              show_json_value(*v) + ")"
                        : "expected an object such as " + example + ", got " + json_type_name(*v));
        }
        Json resolved = Json::object();
        JsonReader r(v ? *v : kEmpty, path, &resolved);
        out = registry.read(r);
        r.finish();
        return resolved;
      });
}

}  // namespace commsim::sim
