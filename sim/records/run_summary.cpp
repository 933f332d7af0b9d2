#include "sim/records/run_summary.hpp"

#include <fmt/format.h>

namespace commsim::sim {

const char* to_string(Termination t) {
  switch (t) {
    case Termination::converged: return "converged";
    case Termination::max_rounds: return "max_rounds";
    case Termination::max_time: return "max_time";
    case Termination::max_bits: return "max_bits";
    case Termination::diverged: return "diverged";
    case Termination::stalled: return "stalled";
    case Termination::interrupted: return "interrupted";
  }
  return "unknown";
}

std::string RunSummary::brief_report() const {
  return fmt::format(
      "{}: {} rounds, ||grad f||^2 = {:.6g}, f = {:.10g}, {} uplink bits, {:.6g} s simulated",
      to_string(termination), rounds, final_grad_norm_sq, final_loss, bits_up, time.to_seconds());
}

std::string RunSummary::full_report() const {
  std::string out;
  auto row = [&out](std::string_view key, const std::string& value) {
    out += fmt::format("  {:<26} {}\n", key, value);
  };
  out += fmt::format("status: {} ({})\n", to_string(termination), message);
  row("rounds", fmt::format("{}", rounds));
  if (non_finite_round) {
    row("non-finite at round",
        fmt::format("{} (final values: the last finite round)", *non_finite_round));
  }
  row("simulated time", fmt::format("{:.6g} s", time.to_seconds()));
  row("uplink bits", fmt::format("{}", bits_up));
  row("downlink bits", fmt::format("{}", bits_down));
  row("sample gradients", fmt::format("{}", grad_evals));
  row("||grad f(x)||^2", fmt::format("{:.6g} (initial {:.6g}, best {:.6g})", final_grad_norm_sq,
                                     initial_grad_norm_sq, best_grad_norm_sq));
  row("f(x)", fmt::format("{:.10g} (initial {:.10g})", final_loss, initial_loss));
  if (optimality_gap) row("f(x) - f*", fmt::format("{:.6g}", *optimality_gap));
  if (distance_to_optimum) row("||x - x*||", fmt::format("{:.6g}", *distance_to_optimum));
  if (constants.contains("stepsize"))
    row("stepsize", fmt::format("{}", constants["stepsize"].dump()));
  row("wall time", fmt::format("{:.3f} s", wall_seconds));
  return out;
}

nlohmann::json RunSummary::to_json() const {
  nlohmann::json j;
  j["status"] = to_string(termination);
  j["message"] = message;
  j["rounds"] = rounds;
  j["time_s"] = time.to_seconds();
  j["bits_up"] = bits_up;
  j["bits_down"] = bits_down;
  j["grad_evals"] = grad_evals;
  j["initial"] = {{"grad_norm_sq", initial_grad_norm_sq}, {"loss", initial_loss}};
  j["final"] = {{"grad_norm_sq", final_grad_norm_sq},
                {"loss", final_loss},
                {"mean_local_grad_norm_sq", final_mean_local_grad_norm_sq},
                {"best_grad_norm_sq", best_grad_norm_sq}};
  if (optimality_gap) j["final"]["optimality_gap"] = *optimality_gap;
  if (distance_to_optimum) j["final"]["distance_to_optimum"] = *distance_to_optimum;
  if (non_finite_round) j["non_finite_round"] = *non_finite_round;
  j["constants"] = constants;
  for (const auto& [k, v] : extra.items()) j[k] = v;
  j["wall_seconds"] = wall_seconds;
  return j;
}

}  // namespace commsim::sim
