#pragma once
/// \file
/// A sweep file expanded into numbered runs. Shape:
/// `{"base": "file.json" | {…scenario…}, "grid": {"json.path": [values…], …},
///   "zip": {"json.path": [values…], …}, "seeds": [1, 2, 3] | {"count": 10}, "seed": 1}`.
///
/// Expansion order (stable, documented): grid axes in the order written in the file, the first
/// one outermost (slowest); then the zip rows; then the seeds innermost. Run `i` gets the id
/// `i` zero-padded to max(4, digits(total)) characters. A run's `seed` is the `seeds` value (or
/// a grid/zip axis named `seed`) when one is given, otherwise derived from (sweep seed, run
/// index): `RngStreams(seed).derive("sweep_run", i)`, kept to 53 bits so every JSON and CSV
/// reader holds it exactly. `seeds: {"count": N}` draws N seeds from
/// `RngStreams(seed).derive("sweep_seed", j)` that are the same at every grid point, so methods
/// are compared on paired draws.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/kernel/json_reader.hpp"

namespace commsim::scenario {

/// One swept scenario value: its JSON path and the values it takes.
struct SweepAxis {
  std::string path;  ///< dotted path, as `--set` takes it (`network.topology.uplink.bandwidth`)
  std::vector<sim::Json> values;  ///< never empty
};

/// One expanded run.
struct SweepRun {
  std::size_t index = 0;
  std::string id;                 ///< zero-padded index, the folder name under `runs/`
  std::vector<sim::Json> values;  ///< one per `SweepPlan::axis_paths()`, in that order
  std::uint64_t seed = 0;         ///< the scenario seed the run uses
  sim::Json scenario;             ///< the base scenario with every axis value (and the seed) set
};

/// A validated sweep definition (the structure only: scenarios are built elsewhere).
class SweepPlan {
 public:
  /// Checks and expands a sweep definition (an axis inside another, `workers` and
  /// `workers.count`, is refused); relative paths (the base file, data files named
  /// in the base or in axis values) are taken relative to `dir`. Throws ConfigError.
  SweepPlan(const nlohmann::ordered_json& definition, const std::filesystem::path& dir);

  /// Reads a sweep file (JSON errors carry file:line:column).
  static SweepPlan load(const std::filesystem::path& file);

  /// The definition with the base scenario inlined, file paths made absolute and the sweep
  /// seed filled in: what `DIR/sweep.json` holds, and re-expands to the same plan anywhere.
  const nlohmann::ordered_json& definition() const { return definition_; }
  /// The base scenario document (paths absolute).
  const sim::Json& base() const { return base_; }
  /// Grid axes (file order), then zip axes (file order), then `seed` when `seeds` is given.
  const std::vector<std::string>& axis_paths() const { return axis_paths_; }
  /// True when an axis sets `seed` (so index.csv needs no separate seed column).
  bool has_seed_axis() const { return seed_axis_; }
  /// The ‖∇f‖² thresholds of the base scenario's `stop.report_eps` (index.csv columns).
  const std::vector<double>& report_eps() const { return report_eps_; }
  std::uint64_t sweep_seed() const { return sweep_seed_; }
  /// Number of runs: Π|grid axis| · |zip rows| · |seeds|.
  std::size_t size() const { return size_; }
  /// Run `index` (< size()), expanded on demand.
  SweepRun run(std::size_t index) const;
  /// The id of run `index`.
  std::string id(std::size_t index) const;
  /// Checks every axis path against the base scenario's resolved document (all defaults
  /// filled): a path must name a value in it or a new key inside one of its objects (the strict
  /// scenario reader then judges that key in every run). Otherwise ConfigError naming the
  /// nearest valid path.
  void check_axis_paths(const sim::Json& base_resolved) const;

 private:
  nlohmann::ordered_json definition_;
  sim::Json base_;
  std::vector<SweepAxis> grid_, zip_;
  std::vector<sim::Json> seeds_;  ///< empty: no seeds axis
  std::vector<std::string> axis_paths_;
  std::vector<std::string> axis_where_;  ///< `grid.PATH` / `zip.PATH` / `seeds`, for messages
  std::vector<double> report_eps_;
  std::uint64_t sweep_seed_ = 1;
  std::size_t zip_rows_ = 1, size_ = 1;
  bool seed_axis_ = false;
};

/// Every path of a JSON document in dotted form (`a`, `a.b`, `a.list[0]`, `a.list[0].c`, …).
std::vector<std::string> flatten_paths(const sim::Json& doc);

/// An axis value as an index.csv cell: strings as they are, everything else as compact JSON.
std::string axis_value_text(const sim::Json& value);

}  // namespace commsim::scenario
