#pragma once
/// \file
/// `commsim list KIND NAME`: every key a part accepts, with its type, default, unit, range and
/// help, printed from the part's declaration (ns-3's --PrintAttributes for commsim).

#include <string>

#include "sim/kernel/params.hpp"
#include "sim/kernel/registry.hpp"

namespace commsim::scenario {

/// How a key's value is written: "number in [0, 1]", "size (e.g. \"1Mb\")", "one of a | b", ….
std::string type_text(const sim::KeyDecl& key);

/// One line per key of `decl` (nested objects expanded as `prefix.key`): key, type, default
/// (or "required"), help.
std::string format_keys(const sim::ParamsDeclBase& decl, const std::string& prefix = "");

/// The listing of one registry entry: its name and description, then its keys.
std::string format_part(const sim::RegistryBase& registry, const sim::PartInfo& part);

}  // namespace commsim::scenario
