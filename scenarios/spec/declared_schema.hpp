#pragma once
/// \file
/// JSON Schema (draft 2020-12) fragments derived from parameter declarations: what
/// `commsim schema` publishes is generated from the same `sim::ParamsDecl` and `sim::Registry`
/// objects the loader reads with, so the two cannot disagree about keys, types, defaults,
/// ranges, choices or units.
///
/// - every declared object has `additionalProperties: false` and lists its required keys;
/// - a part chosen by name (a registry) is an object whose name key is an enum of the entries,
///   with one `if name == X then X's keys` branch per entry;
/// - keys with their own grammar carry the schema fragment their declaration gives;
/// - quantities are "a string with a unit, or 0" (sizes also accept a number of bits): the unit
///   grammar and the quantity's range are checked by the loader only.

#include "sim/kernel/json_reader.hpp"
#include "sim/kernel/params.hpp"
#include "sim/kernel/registry.hpp"

namespace commsim::scenario {

/// The schema of one declared key.
sim::Json key_schema(const sim::KeyDecl& key);

/// The schema of an object with `decl`'s keys (and no others).
sim::Json object_schema(const sim::ParamsDeclBase& decl);

/// The schema of a part chosen from `registry`: the name key plus, per entry, its own keys.
sim::Json part_schema(const sim::RegistryBase& registry);

}  // namespace commsim::scenario
