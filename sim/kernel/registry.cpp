#include "sim/kernel/registry.hpp"

#include "sim/kernel/errors.hpp"
#include "sim/kernel/text.hpp"

namespace commsim::sim {

std::vector<std::string> names_of(const std::vector<RegistryEntry>& entries) {
  std::vector<std::string> names;
  names.reserve(entries.size());
  for (const auto& e : entries) names.push_back(e.name);
  return names;
}

void require_known(const std::vector<RegistryEntry>& entries, const std::string& name,
                   const std::string& path, const std::string& what) {
  for (const auto& e : entries) {
    if (e.name == name) return;
  }
  const auto names = names_of(entries);
  throw ConfigError(path, "unknown " + what + " \"" + name + "\"" + did_you_mean(name, names) +
                              "; valid: " + quoted_list(names));
}

std::optional<PartInfo> RegistryBase::find(const std::string& name) const {
  for (const auto& p : parts()) {
    if (p.name == name) return p;
  }
  return std::nullopt;
}

std::vector<RegistryEntry> RegistryBase::infos() const {
  std::vector<RegistryEntry> out;
  for (const auto& p : parts()) out.push_back({p.name, p.description});
  return out;
}

}  // namespace commsim::sim
