#pragma once
/// \file
/// Everything `commsim list` shows, walked from the registries and declarations themselves:
/// every kind of part (problems, algorithms, compressors, topologies, models) and the scenario's
/// sections (`sections`), each with its keys.

#include <string>
#include <vector>

#include "sim/kernel/params.hpp"
#include "sim/kernel/registry.hpp"

namespace commsim::scenario {

/// One kind `commsim list KIND` accepts.
struct CatalogKind {
  std::string kind;   ///< what the user types ("algorithms")
  std::string title;  ///< the heading ("transfer models")
  const sim::RegistryBase* registry;
  /// Keys every entry of the kind also takes, in the section that holds it (problem types:
  /// the problem section's keys); null when none.
  const sim::ParamsDeclBase* common = nullptr;
  std::string common_path;  ///< where those keys live ("problem")
};

/// Every kind, in listing order.
const std::vector<CatalogKind>& catalog();

/// Names of the kinds, for messages: "problems, algorithms, …, sections".
std::string kind_names();

/// `commsim list [KIND]`: names and one-line descriptions (KIND empty or "all": every kind).
/// Throws UsageError for an unknown kind.
std::string list_kind(const std::string& kind);

/// `commsim list KIND NAME`: every key of that entry (or section) with type, default and help.
/// Throws UsageError for an unknown kind or name (with the valid names).
std::string describe(const std::string& kind, const std::string& name);

}  // namespace commsim::scenario
