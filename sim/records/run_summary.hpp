#pragma once
/// \file
/// How a run ended and what it reached (Ceres Solver::Summary style). Divergence is a
/// termination status, not an exception, so a sweep goes on past one bad point.

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/kernel/time.hpp"
#include "sim/kernel/types.hpp"

namespace commsim::sim {

/// Why a run ended.
enum class Termination : std::uint8_t {
  converged,  ///< ‖∇f‖² reached stop.grad_norm_sq
  max_rounds,
  max_time,
  max_bits,
  diverged,     ///< non-finite values, or ‖∇f‖² grew past stop.divergence_factor × initial
  stalled,      ///< no progress over stop.stall_rounds
  interrupted,  ///< SIGINT/SIGTERM
};

/// `converged`, `max_rounds`, ...
const char* to_string(Termination t);

/// The outcome of one run.
struct RunSummary {
  Termination termination = Termination::max_rounds;
  std::string message;  ///< one sentence on why it stopped
  std::uint64_t rounds = 0;
  Time time;
  Bits bits_up = 0, bits_down = 0;
  std::uint64_t grad_evals = 0;
  double initial_grad_norm_sq = 0.0, initial_loss = 0.0;
  double final_grad_norm_sq = 0.0, final_loss = 0.0, final_mean_local_grad_norm_sq = 0.0;
  double best_grad_norm_sq = 0.0;  ///< the best ‖∇f‖² among the recorded rows
  /// The round whose iterate, loss or gradient was non-finite (the final values are then those
  /// of the last finite round, which is the last row of the trace).
  std::optional<std::uint64_t> non_finite_round;
  std::optional<double> optimality_gap;       ///< f(x) − f* for problems with a known optimum
  std::optional<double> distance_to_optimum;  ///< ‖x − x*‖
  double wall_seconds = 0.0;                  ///< wall-clock time of the simulation itself
  nlohmann::json constants;                   ///< stepsize and every constant the method used
  nlohmann::json extra;                       ///< additions by other components (time-to-ε, ...)

  /// One line: status, rounds, ‖∇f‖², f, bits, time.
  std::string brief_report() const;
  /// A short aligned table for the terminal.
  std::string full_report() const;
  /// The summary.json document.
  nlohmann::json to_json() const;
};

}  // namespace commsim::sim
