#include "scenarios/spec/key_listing.hpp"

#include <cmath>
#include <vector>

#include <fmt/format.h>

namespace commsim::scenario {
namespace {

using sim::KeyDecl;

const char* quantity_noun(sim::Unit unit) {
  switch (unit) {
    case sim::Unit::bandwidth_bps: return "bandwidth (e.g. \"10Mbps\")";
    case sim::Unit::duration_s: return "duration (e.g. \"5ms\")";
    case sim::Unit::flops_per_s: return "speed (e.g. \"2GFlops\")";
    case sim::Unit::bits: return "size (e.g. \"1Mb\")";
  }
  return "quantity";
}

std::string show_bound(double x) {
  return std::floor(x) == x && std::fabs(x) < 1e15 ? fmt::format("{}", static_cast<long long>(x))
                                                   : fmt::format("{:g}", x);
}

std::string range_text(const KeyDecl& d) {
  if (!d.lo && !d.hi) return "";
  if (d.lo && d.hi)
    return fmt::format(" in {}{}, {}]", d.lo_exclusive ? "(" : "[", show_bound(*d.lo),
                       show_bound(*d.hi));
  if (d.lo) return fmt::format(" {} {}", d.lo_exclusive ? ">" : ">=", show_bound(*d.lo));
  return fmt::format(" <= {}", show_bound(*d.hi));
}

// Columns count characters, not bytes (help texts may hold ‖∇f‖²).
std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

struct Row {
  std::string key, type, def, help;
};

void collect(const sim::ParamsDeclBase& decl, const std::string& prefix, std::vector<Row>& rows) {
  for (const KeyDecl& k : decl.keys()) {
    const std::string key = prefix.empty() ? k.path : prefix + "." + k.path;
    const std::string def = k.required ? "required" : k.def.is_null() ? "-" : k.def.dump();
    rows.push_back({key, type_text(k), def, k.help});
    if (k.nested) collect(*k.nested, key, rows);
  }
}

}  // namespace

std::string type_text(const KeyDecl& d) {
  if (!d.type_text.empty()) return d.type_text;
  if (d.registry && d.kind == KeyDecl::Kind::any)
    return fmt::format("{} name or object ({}: {})", d.registry->noun(), d.registry->name_key(),
                       fmt::join(sim::names_of(d.registry->infos()), " | "));
  if (d.registry)
    return fmt::format("{} object ({}: {})", d.registry->noun(), d.registry->name_key(),
                       fmt::join(sim::names_of(d.registry->infos()), " | "));
  switch (d.kind) {
    case KeyDecl::Kind::number: return "number" + range_text(d);
    case KeyDecl::Kind::integer: return "integer" + range_text(d);
    case KeyDecl::Kind::boolean: return "boolean";
    case KeyDecl::Kind::string: return "string";
    case KeyDecl::Kind::choice: return fmt::format("one of {}", fmt::join(d.choices, " | "));
    case KeyDecl::Kind::quantity: return std::string(quantity_noun(*d.unit)) + range_text(d);
    case KeyDecl::Kind::object: return "object";
    case KeyDecl::Kind::array: return "array";
    default: return "any";
  }
}

std::string format_keys(const sim::ParamsDeclBase& decl, const std::string& prefix) {
  std::vector<Row> rows;
  collect(decl, prefix, rows);
  std::size_t wk = 3, wt = 4, wd = 7;
  for (const Row& r : rows) {
    wk = std::max(wk, r.key.size());
    wt = std::max(wt, display_width(r.type));
    wd = std::max(wd, display_width(r.def));
  }
  std::string out;
  for (const Row& r : rows) {
    out += fmt::format("  {:<{}}  {}{}  {}{}  {}\n", r.key, wk, r.type,
                       std::string(wt - display_width(r.type), ' '), r.def,
                       std::string(wd - display_width(r.def), ' '), r.help);
  }
  return out;
}

std::string format_part(const sim::RegistryBase& registry, const sim::PartInfo& part) {
  std::string out = fmt::format("{} {}: {}\n", registry.noun(), part.name, part.description);
  const std::string keys = part.params ? format_keys(*part.params) : "";
  out += keys.empty() ? "  (no keys of its own)\n" : keys;
  return out;
}

}  // namespace commsim::scenario
