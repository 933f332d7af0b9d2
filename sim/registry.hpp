#pragma once
/// \file
/// Components are chosen by name from explicit lists (no static-initialiser registration); this
/// is the shape of one entry and the lookup that turns an unknown name into a helpful error.

#include <string>
#include <vector>

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
void require_known(const std::vector<RegistryEntry>& entries, const std::string& name, const std::string& path,
                   const std::string& what);

}  // namespace commsim::sim
