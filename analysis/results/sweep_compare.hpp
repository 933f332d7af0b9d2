#pragma once
/// \file
/// `commsim compare DIR…`: methods × metrics from finished runs. A DIR is a run directory
/// (summary.json, scenario.json, rounds.csv) or a sweep directory (sweep.json + runs/). Runs of
/// a sweep are grouped by (setting, method), where the setting is the non-algorithm axis values
/// and seeds are averaged over. Metrics at ε (first recorded row of rounds.csv with
/// ‖∇f‖² ≤ ε): uplink bits per worker and simulated time; plus the final ‖∇f‖² and the status.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace commsim::analysis {

/// One line of the comparison.
struct CompareRow {
  std::string source;   ///< the DIR the runs came from
  std::string setting;  ///< non-algorithm axis values, `path=value` separated by spaces
  std::string method;   ///< e.g. `marina+randk(k=5)`, plus algorithm axes other than the name
  std::size_t runs = 0;
  std::string status;                 ///< the common status, or `mixed(2 converged, 1 max_rounds)`
  std::size_t reached = 0;            ///< runs whose ‖∇f‖² reached ε
  std::optional<double> bits_to_eps;  ///< mean uplink bits per worker at ε (all runs reached)
  std::optional<double> time_to_eps;  ///< mean simulated seconds at ε (all runs reached)
  double final_grad_norm_sq = 0.0;    ///< geometric mean over runs
  std::size_t order = 0;              ///< source and first-run position, for sorting
};

/// The comparison and the ε it was measured at.
struct CompareTable {
  std::optional<double> eps;
  std::vector<CompareRow>
      rows;  ///< sorted: by source and setting, then time to ε, bits to ε, final ‖∇f‖²
};

/// Reads the runs under `dirs`. `eps` defaults to the smallest ε of `stop.report_eps` that every
/// run lists (else the smallest any run lists; none: no ε columns).
CompareTable compare_dirs(const std::vector<std::filesystem::path>& dirs,
                          std::optional<double> eps);

/// An aligned table for the terminal.
std::string format_compare_table(const CompareTable& table);

/// The same as CSV:
/// source,setting,method,runs,status,reached,eps,bits_to_eps,time_to_eps_s,final_grad_norm_sq.
std::string format_compare_csv(const CompareTable& table);

}  // namespace commsim::analysis
