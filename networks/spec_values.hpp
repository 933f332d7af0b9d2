#pragma once
/// \file
/// Values of the workers and network sections that have their own grammar (a quantity or a
/// distribution object, a link's {bandwidth, latency}, a worker selection), with the declarations
/// and parsers the section declarations share. Parsing is pure: no file is opened here.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "networks/topology.hpp"
#include "sim/kernel/params.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::net {

/// A link latency beyond a year is a typo, and sums of such latencies along a route would run
/// past the end of sim::Time (int64 nanoseconds, ±292 years).
inline constexpr double kMaxLatencySeconds = 365.0 * 24 * 3600;

/// {bandwidth, latency} as read (seconds as a double, as the quantity declaration stores them).
struct LinkParams {
  double bandwidth_bps = 0.0;
  double latency_s = 0.0;
  bool bandwidth_given = false, latency_given = false;  ///< written by the user, not defaulted
  LinkSpec spec() const { return {bandwidth_bps, sim::Time::from_seconds(latency_s)}; }
};

/// The defaults of a link object, by where it sits.
enum class LinkDefaults : std::uint8_t {
  access,     ///< 100Mbps, 1ms: worker access links, ring and peer links
  unlimited,  ///< inf, 0: server and core links
  rack,       ///< 10Gbps, 0.05ms: rack uplinks of a two-level tree
  required,   ///< both keys required: per-worker overrides
};
/// The declaration of a link object with the given defaults.
const sim::ParamsDecl<LinkParams>& link_decl(LinkDefaults defaults);

/// A per-worker value drawn from {distribution: uniform|log_uniform, min, max}.
struct Distribution {
  enum class Kind : std::uint8_t { uniform, log_uniform };
  Kind kind = Kind::uniform;
  double min = 0.0, max = 0.0;
  double draw(sim::Rng& rng) const;
};

/// Reads a distribution object at `path` into `out`; min and max are > 0 when `positive` or
/// log_uniform, else >= 0. Returns the resolved object.
sim::Json read_distribution(const sim::Json& value, const std::string& path, sim::Unit unit,
                            bool positive, Distribution& out);

/// A per-worker value that grows with the worker's index: worker i (from 0) gets
/// scale · g(i + 1) with g(j) = √j or j. The time-complexity papers' τ_i = √i is
/// {law: "sqrt", scale: "1s"}, so a sweep over workers.count keeps each worker's value.
struct IndexLaw {
  enum class Kind : std::uint8_t { sqrt, linear };
  Kind kind = Kind::sqrt;
  double scale = 0.0;
  double value(int worker) const;
};

/// Reads a per-worker object at `path`: an index law ({law, scale}) or a distribution.
struct PerWorkerValue;
sim::Json read_per_worker_object(const sim::Json& value, const std::string& path, sim::Unit unit,
                                 bool positive, PerWorkerValue& out);

/// A fixed quantity for every worker, a distribution to draw each worker's value from, an index
/// law, or an explicit list of one value per worker.
struct PerWorkerValue {
  double fixed = 0.0;
  std::optional<Distribution> drawn;
  std::optional<IndexLaw> by_index;
  std::optional<std::vector<double>> listed;  ///< length checked when building (n known there)
  std::string path;                           ///< where it was read
  /// Whether workers get different values (drawn or listed).
  bool is_per_worker() const { return drawn || listed || by_index; }
  /// The n workers' values: listed, drawn from `rng`, or `fixed` for all. ConfigError at `path`
  /// naming both lengths when a list does not have n values.
  std::vector<double> values(int n, sim::Rng& rng) const;
};

/// Reads an array of one quantity per worker at `path` (elements >= 0, > 0 when `positive`;
/// an element's error names `path[i]`) into `out`; returns the resolved array.
sim::Json read_per_worker_list(const sim::Json& value, const std::string& path, sim::Unit unit,
                               bool positive, std::vector<double>& out);

/// Inclusive worker indices [lo, hi] as written at `path` (checked against the worker count
/// when building, where the count is known).
struct WorkerRange {
  std::int64_t lo = 0, hi = 0;
  std::string path;
};
/// Parses a worker selection: an index, an array of indices, or "a-b" / "a" strings. `noun`
/// names what is selected in messages ("worker", "rack").
std::vector<WorkerRange> parse_worker_set(const sim::Json& value, const std::string& path,
                                          const std::string& noun = "worker");
/// The indices of `ranges`, in order; ConfigError at a range's path when one is outside [0, n).
std::vector<int> expand_worker_set(const std::vector<WorkerRange>& ranges, int n,
                                   const std::string& noun = "worker");

/// A present optional quantity >= 0 (> 0 when `positive`), with the reader's messages. (Read
/// by hand: a one-key declaration would publish the key as required.)
double read_present_quantity(const sim::Json& value, const std::string& path, sim::Unit unit,
                             bool positive);
/// A present optional boolean, with the reader's type error.
bool read_present_boolean(const sim::Json& value, const std::string& path);

/// Throws the reader's type error ("expected an array, got ...") unless `value` is an array.
void require_array(const sim::Json& value, const std::string& path);

/// Reads `v` (absent: none), an array of objects each read by `decl` at `path[i]`, appending
/// them to `out` with their path in `T::path` (for later messages); returns the resolved array.
template <class T>
sim::Json read_object_list(const sim::ParamsDecl<T>& decl, const sim::Json* v,
                           const std::string& path, std::vector<T>& out) {
  sim::Json resolved = sim::Json::array();
  if (!v) return resolved;
  require_array(*v, path);
  for (std::size_t i = 0; i < v->size(); ++i) {
    sim::Json element;
    const std::string p = path + "[" + std::to_string(i) + "]";
    out.push_back(decl.read_object((*v)[i], p, &element));
    out.back().path = p;
    resolved.push_back(std::move(element));
  }
  return resolved;
}
/// Throws the reader's type error for a nested object ("expected an object, got ...") unless
/// `value` is an object.
void require_object(const sim::Json& value, const std::string& path);

/// `file` resolved against `base_dir` when it is relative and `base_dir` is not empty.
std::string resolve_relative(const std::string& base_dir, const std::string& file);

/// A listing entry for a key with its own grammar.
sim::KeyDecl grammar_key(std::string key, std::string type_text, std::string help);

}  // namespace commsim::net
