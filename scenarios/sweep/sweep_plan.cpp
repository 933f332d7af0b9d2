#include "scenarios/sweep/sweep_plan.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "scenarios/scenario_file.hpp"
#include "sim/kernel/errors.hpp"
#include "sim/kernel/input_file.hpp"
#include "sim/kernel/rng.hpp"
#include "sim/kernel/text.hpp"

namespace commsim::scenario {
namespace fs = std::filesystem;
using OJson = nlohmann::ordered_json;

namespace {

// Seeds are kept to 53 bits: exact in a double, so pandas and every JSON reader keep them.
constexpr std::uint64_t kSeedMask = (std::uint64_t{1} << 53) - 1;

const std::vector<std::string> kSweepKeys = {"base", "grid", "zip", "seeds", "seed", "description"};

sim::Json to_json(const OJson& o) {
  return sim::Json::parse(o.dump());
}
OJson to_ordered(const sim::Json& j) {
  return OJson::parse(j.dump());
}

// A value at a dotted path made only of keys (no `[i]`), or null.
const sim::Json* find_keys_path(const sim::Json& doc, const std::string& path) {
  if (path.find('[') != std::string::npos) return nullptr;
  const sim::Json* node = &doc;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t dot = std::min(path.find('.', start), path.size());
    const std::string key = path.substr(start, dot - start);
    if (!node->is_object()) return nullptr;
    const auto it = node->find(key);
    if (it == node->end()) return nullptr;
    node = &*it;
    start = dot + 1;
  }
  return node;
}

// Axis values that are (or hold) file paths become absolute, like the base scenario's.
sim::Json absolutize_axis_value(const std::string& path, const sim::Json& value,
                                const fs::path& dir) {
  sim::Json doc = sim::Json::object();
  try {
    set_at_path(doc, path, value);
  } catch (const UserError&) {
    return value;
  }
  resolve_relative_paths(doc, dir);
  const sim::Json* v = find_keys_path(doc, path);
  return v ? *v : value;
}

std::vector<SweepAxis> read_axes(const OJson& def, const char* key, const fs::path& dir) {
  std::vector<SweepAxis> axes;
  const auto it = def.find(key);
  if (it == def.end()) return axes;
  if (!it->is_object()) {
    throw ConfigError(key, fmt::format("expected an object {{\"json.path\": [values…]}}, got {}",
                                       sim::json_type_name(to_json(*it))));
  }
  for (const auto& [path, values] : it->items()) {
    const std::string where = fmt::format("{}.{}", key, path);
    if (!values.is_array()) {
      throw ConfigError(where, fmt::format("expected a list of values, got {}",
                                           sim::json_type_name(to_json(values))));
    }
    if (values.empty()) throw ConfigError(where, "empty axis; give at least one value");
    SweepAxis axis{path, {}};
    for (const auto& v : values)
      axis.values.push_back(absolutize_axis_value(path, to_json(v), dir));
    axes.push_back(std::move(axis));
  }
  return axes;
}

void flatten_into(const sim::Json& node, const std::string& prefix, std::vector<std::string>& out) {
  if (node.is_object()) {
    for (const auto& [k, v] : node.items()) {
      const std::string p = prefix.empty() ? k : prefix + "." + k;
      out.push_back(p);
      flatten_into(v, p, out);
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      const std::string p = fmt::format("{}[{}]", prefix, i);
      out.push_back(p);
      flatten_into(node[i], p, out);
    }
  }
}

std::string parent_path(const std::string& path) {
  const auto cut = path.find_last_of(".[");
  return cut == std::string::npos ? std::string() : path.substr(0, cut);
}

void check_sweep_keys(const OJson& definition) {
  if (!definition.is_object()) {
    throw ConfigError("sweep", fmt::format("expected an object with base, grid, zip, seeds; got {}",
                                           sim::json_type_name(to_json(definition))));
  }
  for (const auto& [key, value] : definition.items()) {
    if (std::find(kSweepKeys.begin(), kSweepKeys.end(), key) == kSweepKeys.end()) {
      throw ConfigError(
          key, fmt::format("unknown sweep key{}; valid keys: {}",
                           sim::did_you_mean(key, kSweepKeys), sim::quoted_list(kSweepKeys)));
    }
  }
}

// The base scenario, inlined with absolute paths so the stored definition is self-contained.
sim::Json read_base(const OJson& definition, const fs::path& dir) {
  const auto base_it = definition.find("base");
  if (base_it == definition.end())
    throw ConfigError("base", "required: a scenario file name or a scenario object");
  sim::Json base;
  if (base_it->is_string()) {
    const fs::path file = fs::absolute(dir / base_it->get<std::string>());
    base = load_json_file(file);
    resolve_relative_paths(base, file.parent_path());
  } else if (base_it->is_object()) {
    base = to_json(*base_it);
    resolve_relative_paths(base, dir);
  } else {
    throw ConfigError("base", fmt::format("expected a scenario file name or object, got {}",
                                          sim::json_type_name(to_json(*base_it))));
  }
  if (!base.is_object()) throw ConfigError("base", "the base scenario must be a JSON object");
  return base;
}

std::uint64_t read_sweep_seed(const OJson& definition) {
  const auto it = definition.find("seed");
  if (it == definition.end()) return 1;
  if (!it->is_number_integer() ||
      (it->is_number_integer() && !it->is_number_unsigned() && it->get<std::int64_t>() < 0)) {
    throw ConfigError("seed",
                      fmt::format("{} must be an integer >= 0 (the sweep seed)", it->dump()));
  }
  return it->get<std::uint64_t>();
}

// The common length of the zip lists (1 without zip).
std::size_t zip_rows(const std::vector<SweepAxis>& zip) {
  if (zip.empty()) return 1;
  const std::size_t rows = zip.front().values.size();
  for (const auto& a : zip) {
    if (a.values.size() != rows) {
      throw ConfigError(
          "zip." + a.path,
          fmt::format("{} values, but zip.{} has {}; zip lists must have equal lengths",
                      a.values.size(), zip.front().path, rows));
    }
  }
  return rows;
}

std::vector<sim::Json> read_seed_list(const OJson& list) {
  if (list.empty())
    throw ConfigError("seeds", "empty list; give at least one seed or {\"count\": N}");
  std::vector<sim::Json> seeds;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& s = list[i];
    if (!s.is_number_integer() || (!s.is_number_unsigned() && s.get<std::int64_t>() < 0)) {
      throw ConfigError(fmt::format("seeds[{}]", i),
                        fmt::format("{} must be an integer >= 0", s.dump()));
    }
    seeds.push_back(to_json(s));
  }
  return seeds;
}

// `{"count": N}`: N seeds derived from the sweep seed, the same at every grid point.
std::vector<sim::Json> derive_seeds(const OJson& spec, std::uint64_t sweep_seed) {
  for (const auto& [k, v] : spec.items()) {
    if (k != "count") throw ConfigError("seeds." + k, "unknown key; valid keys here: \"count\"");
  }
  const auto c = spec.find("count");
  if (c == spec.end() || !c->is_number_integer() || c->get<std::int64_t>() < 1) {
    throw ConfigError("seeds.count", "required: an integer >= 1 (the number of derived seeds)");
  }
  std::vector<sim::Json> seeds;
  const sim::RngStreams streams(sweep_seed);
  for (std::int64_t j = 0; j < c->get<std::int64_t>(); ++j)
    seeds.push_back(streams.derive("sweep_seed", static_cast<std::uint64_t>(j)) & kSeedMask);
  return seeds;
}

std::vector<sim::Json> read_seeds(const OJson& definition, std::uint64_t sweep_seed) {
  const auto it = definition.find("seeds");
  if (it == definition.end()) return {};
  if (it->is_array()) return read_seed_list(*it);
  if (it->is_object()) return derive_seeds(*it, sweep_seed);
  throw ConfigError("seeds", "expected a list of seeds or {\"count\": N}");
}

// Π|grid axis| · |zip rows| · |seeds|, checked: 64 axes of two values would otherwise wrap
// around to zero runs.
std::size_t count_runs(const std::vector<SweepAxis>& grid, std::size_t zip_rows,
                       std::size_t seeds) {
  constexpr std::size_t kMaxRuns = 1'000'000'000;
  std::size_t size = 1;
  auto multiply = [&](std::size_t factor) {
    if (factor != 0 && size > kMaxRuns / factor) {
      throw ConfigError("grid",
                        fmt::format("the sweep expands to more than {} runs; split it", kMaxRuns));
    }
    size *= factor;
  };
  for (const auto& a : grid) multiply(a.values.size());
  multiply(zip_rows);
  multiply(std::max<std::size_t>(seeds, 1));
  return size;
}

std::vector<double> read_report_eps(const sim::Json& base) {
  std::vector<double> out;
  if (const sim::Json* eps = find_keys_path(base, "stop.report_eps"); eps && eps->is_array()) {
    std::set<double> seen;  // merged as the run merges them: one index column per ε
    for (const auto& e : *eps) {
      if (e.is_number() && seen.insert(e.get<double>()).second) out.push_back(e.get<double>());
    }
  }
  return out;
}

// `workers` and `workers.count` both swept: the later one set wins and index.csv would show a
// value the run did not use, so an axis may not lie inside another.
void refuse_nested_axes(const std::vector<std::string>& paths,
                        const std::vector<std::string>& where) {
  for (std::size_t a = 0; a < paths.size(); ++a) {
    for (std::size_t b = 0; b < paths.size(); ++b) {
      const std::string& outer = paths[a];
      const std::string& inner = paths[b];
      if (a == b || inner.size() <= outer.size() || inner.compare(0, outer.size(), outer) != 0 ||
          (inner[outer.size()] != '.' && inner[outer.size()] != '['))
        continue;
      throw ConfigError(where[b],
                        fmt::format("lies inside the axis {} (\"{}\" contains \"{}\"), so "
                                    "one would overwrite the other; sweep one of them",
                                    where[a], outer, inner));
    }
  }
}

OJson stored_axes(const std::vector<SweepAxis>& axes) {
  OJson o = OJson::object();
  for (const auto& a : axes) o[a.path] = to_ordered(sim::Json(a.values));
  return o;
}

}  // namespace

std::vector<std::string> flatten_paths(const sim::Json& doc) {
  std::vector<std::string> out;
  flatten_into(doc, "", out);
  return out;
}

std::string axis_value_text(const sim::Json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

SweepPlan::SweepPlan(const OJson& definition, const fs::path& dir) {
  check_sweep_keys(definition);
  base_ = read_base(definition, dir);
  sweep_seed_ = read_sweep_seed(definition);
  grid_ = read_axes(definition, "grid", dir);
  zip_ = read_axes(definition, "zip", dir);
  zip_rows_ = zip_rows(zip_);
  seeds_ = read_seeds(definition, sweep_seed_);

  std::set<std::string> seen;
  auto add_axis = [&](const std::string& path, const std::string& where) {
    if (!seen.insert(path).second)
      throw ConfigError(where, fmt::format("\"{}\" is swept twice; give each path once", path));
    axis_paths_.push_back(path);
    axis_where_.push_back(where);
    if (path == "seed") seed_axis_ = true;
  };
  for (const auto& a : grid_) add_axis(a.path, "grid." + a.path);
  for (const auto& a : zip_) add_axis(a.path, "zip." + a.path);
  if (!seeds_.empty()) add_axis("seed", "seeds");
  refuse_nested_axes(axis_paths_, axis_where_);

  size_ = count_runs(grid_, zip_rows_, seeds_.size());
  report_eps_ = read_report_eps(base_);

  definition_ = OJson::object();
  if (const auto it = definition.find("description"); it != definition.end())
    definition_["description"] = *it;
  definition_["seed"] = sweep_seed_;
  definition_["base"] = to_ordered(base_);
  if (!grid_.empty()) definition_["grid"] = stored_axes(grid_);
  if (!zip_.empty()) definition_["zip"] = stored_axes(zip_);
  if (const auto it = definition.find("seeds"); it != definition.end()) definition_["seeds"] = *it;
}

SweepPlan SweepPlan::load(const fs::path& file) {
  const std::string text = sim::read_input_file(file, "sweep file");
  parse_json(text, file.string());  // syntax errors with line:column
  return SweepPlan(OJson::parse(text), fs::absolute(file).parent_path());
}

std::string SweepPlan::id(std::size_t index) const {
  const std::size_t width =
      std::max<std::size_t>(4, fmt::format("{}", size_ > 0 ? size_ - 1 : 0).size());
  return fmt::format("{:0{}}", index, width);
}

SweepRun SweepPlan::run(std::size_t index) const {
  COMMSIM_ASSERT(index < size_, "sweep run index out of range");
  SweepRun r;
  r.index = index;
  r.id = id(index);
  r.scenario = base_;
  std::size_t rest = index;
  const std::size_t num_seeds = std::max<std::size_t>(seeds_.size(), 1);
  const std::size_t seed_j = rest % num_seeds;
  rest /= num_seeds;
  const std::size_t zip_row = rest % zip_rows_;
  rest /= zip_rows_;
  std::vector<std::size_t> grid_pick(grid_.size());
  for (std::size_t k = grid_.size(); k-- > 0;) {
    grid_pick[k] = rest % grid_[k].values.size();
    rest /= grid_[k].values.size();
  }
  for (std::size_t k = 0; k < grid_.size(); ++k) r.values.push_back(grid_[k].values[grid_pick[k]]);
  for (const auto& a : zip_) r.values.push_back(a.values[zip_row]);
  if (!seeds_.empty()) r.values.push_back(seeds_[seed_j]);
  for (std::size_t k = 0; k < axis_paths_.size(); ++k) {
    try {
      set_at_path(r.scenario, axis_paths_[k], r.values[k]);
    } catch (const UserError& e) {
      throw ConfigError(axis_where_[k],
                        fmt::format("cannot set run {}'s value: {}", r.id, e.what()));
    }
  }
  if (!seed_axis_) {
    r.seed = sim::RngStreams(sweep_seed_).derive("sweep_run", index) & kSeedMask;
    r.scenario["seed"] = r.seed;
  } else {
    const sim::Json& s = r.scenario["seed"];
    r.seed =
        s.is_number_unsigned() ? s.get<std::uint64_t>() : 0;  // build_scenario rejects the rest
  }
  return r;
}

void SweepPlan::check_axis_paths(const sim::Json& base_resolved) const {
  const std::vector<std::string> valid = flatten_paths(base_resolved);
  const std::set<std::string> valid_set(valid.begin(), valid.end());
  for (std::size_t k = 0; k < axis_paths_.size(); ++k) {
    const std::string& path = axis_paths_[k];
    if (valid_set.count(path)) continue;
    const std::string parent = parent_path(path);
    const sim::Json* parent_value = find_keys_path(base_resolved, parent);
    // A new key inside an existing object: the strict scenario reader judges it per run.
    if (parent.empty() || (parent_value && parent_value->is_object())) continue;
    std::string best;
    std::size_t best_d = static_cast<std::size_t>(-1);
    for (const auto& v : valid) {
      const std::size_t d = sim::edit_distance(path, v);
      if (d < best_d) best_d = d, best = v;
    }
    throw ConfigError(
        axis_where_[k],
        fmt::format("no such path in the base scenario (nearest valid path: \"{}\")", best));
  }
}

}  // namespace commsim::scenario
