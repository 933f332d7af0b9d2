#pragma once
/// \file
/// Reading a part that sits inside another part's params (a method's `compressor` object) from
/// a custom key's raw value, so the part code that declares the key never handles a reader.

#include <string>

#include "sim/kernel/registry.hpp"

namespace commsim::sim {

/// Reads the part at `path` from `value` (null: an empty object, i.e. the registry's default):
/// the name key, that entry's keys, then rejects any other key. Returns the spec and fills
/// `resolved` with the values used.
template <class Factory>
PartSpec read_part_object(const Registry<Factory>& registry, const Json* value,
                          const std::string& path, Json& resolved) {
  static const Json kEmpty = Json::object();
  resolved = Json::object();
  JsonReader r(value ? *value : kEmpty, path, &resolved);
  PartSpec spec = registry.read(r);
  r.finish();
  return spec;
}

}  // namespace commsim::sim
