#include "scenarios/spec/catalog.hpp"

#include <fmt/format.h>

#include "algorithms/builtin.hpp"
#include "algorithms/compressors/compressor.hpp"
#include "algorithms/problems/problem_types.hpp"
#include "networks/network_spec.hpp"
#include "networks/topology_registry.hpp"
#include "scenarios/command_line.hpp"
#include "scenarios/spec/key_listing.hpp"
#include "scenarios/spec/scenario_spec.hpp"
#include "sim/kernel/errors.hpp"
#include "sim/kernel/text.hpp"

namespace commsim::scenario {
namespace {

constexpr const char* kSections = "sections";

std::string entries_text(const std::string& title, const std::vector<sim::RegistryEntry>& e) {
  std::string out = title + ":\n";
  for (const auto& x : e) out += fmt::format("  {:<22} {}\n", x.name, x.description);
  return out;
}

// The scenario's sections (top-level keys with declared keys of their own).
std::vector<sim::RegistryEntry> sections() {
  std::vector<sim::RegistryEntry> out;
  for (const sim::KeyDecl& k : scenario_decl().keys()) {
    if (k.nested || k.registry) out.push_back({k.path, k.help});
  }
  return out;
}

std::string describe_section(const std::string& name) {
  for (const sim::KeyDecl& k : scenario_decl().keys()) {
    if (k.path != name) continue;
    if (k.nested) return fmt::format("section {}: {}\n{}", name, k.help, format_keys(*k.nested));
    if (k.registry)
      return fmt::format("section {}: {} (its keys depend on the {}: commsim list {} NAME)\n", name,
                         k.help, k.registry->noun(), k.registry->kind());
  }
  const auto names = sim::names_of(sections());
  throw UsageError(fmt::format("list: no section \"{}\"{}; valid: {}", name,
                               sim::did_you_mean(name, names), sim::quoted_list(names)));
}

// "models", the kind's name before the registry's own, still lists the transfer models.
std::string canonical(const std::string& kind) {
  return kind == "models" ? "transfer_models" : kind;
}

const CatalogKind* find_kind(const std::string& kind) {
  for (const auto& k : catalog()) {
    if (k.kind == canonical(kind)) return &k;
  }
  return nullptr;
}

}  // namespace

const std::vector<CatalogKind>& catalog() {
  static const std::vector<CatalogKind> kinds = {
      {"problems", "problems", &algo::problem_registry(), &algo::problem_spec_decl(), "problem"},
      {"algorithms", "algorithms", &algo::algorithm_registry(), nullptr, ""},
      {"compressors", "compressors", &algo::compressor_registry(), nullptr, ""},
      {"topologies", "topologies", &net::topology_registry(), nullptr, ""},
      {"transfer_models", "transfer models", &net::transfer_model_registry(), nullptr, ""},
  };
  return kinds;
}

std::string kind_names() {
  std::string out;
  for (const auto& k : catalog()) out += k.kind + ", ";
  return out + kSections;
}

std::string list_kind(const std::string& kind) {
  if (kind == kSections) return entries_text("sections", sections());
  std::string out;
  for (const auto& k : catalog()) {
    if (kind.empty() || kind == "all" || canonical(kind) == k.kind)
      out += entries_text(k.title, k.registry->infos());
  }
  if (out.empty())
    throw UsageError(fmt::format("list: unknown kind \"{}\"; valid: {}", kind, kind_names()));
  return out;
}

std::string describe(const std::string& kind, const std::string& name) {
  if (kind == kSections) return describe_section(name);
  const CatalogKind* k = find_kind(kind);
  if (!k) throw UsageError(fmt::format("list: unknown kind \"{}\"; valid: {}", kind, kind_names()));
  const auto part = k->registry->find(name);
  if (!part) {
    const auto names = sim::names_of(k->registry->infos());
    throw UsageError(fmt::format("list: no {} \"{}\"{}; valid: {}", k->registry->noun(), name,
                                 sim::did_you_mean(name, names), sim::quoted_list(names)));
  }
  std::string out = format_part(*k->registry, *part);
  if (k->common)
    out += fmt::format("keys of every {} (in {}):\n{}", k->registry->noun(), k->common_path,
                       format_keys(*k->common));
  return out;
}

}  // namespace commsim::scenario
