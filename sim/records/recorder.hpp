#pragma once
/// \file
/// Observers of a run (OMNeT++ signals / Ceres callbacks): the runtime emits records, recorders
/// (CSV writers, progress lines; implementations in analysis/) consume them. The model never
/// computes statistics for them.

#include <cstdint>
#include <span>

#include "sim/kernel/time.hpp"
#include "sim/kernel/types.hpp"

namespace commsim::sim {

struct RunSummary;

/// One recorded round: cumulative counters and the observed quality of the iterate.
struct RoundRecord {
  std::uint64_t round = 0;          ///< rounds completed (0: the starting point, after any setup)
  Time time;                        ///< simulated time at the end of the round
  Bits bits_up = 0;                 ///< cumulative uplink bits, all workers
  Bits bits_down = 0;               ///< cumulative downlink bits, all workers
  double bits_up_per_worker = 0.0;  ///< bits_up / n (the paper's #bits/n)
  double grad_norm_sq = 0.0;        ///< ‖∇f(x^k)‖²
  double loss = 0.0;                ///< f(x^k)
  double mean_local_grad_norm_sq = 0.0;  ///< (1/n) Σ ‖∇f_i(x^k)‖²
  std::uint64_t grad_evals = 0;          ///< cumulative sample gradients, all workers
  std::uint32_t participants = 0;        ///< uplinks received in this round
  bool full_sync = false;  ///< this round was a full synchronisation (MARINA's c_k = 1)
  Time compute_time;       ///< critical-path compute time of this round
  Time comm_time;          ///< critical-path communication (and waiting) time of this round
  /// Event-driven protocol: cumulative gradients accepted and discarded by the server, and the
  /// mean delay (in server steps, at arrival) of the gradients accepted in this step.
  std::uint64_t gradients_used = 0, gradients_discarded = 0;
  double mean_delay = 0.0;
  std::span<const Bits> bits_up_by_worker;    ///< cumulative uplink bits per worker
  std::span<const Bits> bits_down_by_worker;  ///< cumulative downlink bits per worker
};

/// One message, at its arrival.
struct MessageRecord {
  std::uint64_t round = 0;
  int src = 0;  ///< worker index, or -1 for the server
  int dst = 0;  ///< worker index, or -1 for the server
  MessageKind kind = MessageKind::broadcast;
  Bits bits = 0;  ///< payload as the algorithm/compressor accounts it, without protocol headers
  Time send_time;
  Time arrival_time;
  Bits wire_bits = 0;  ///< what the network transferred: `bits` + the platform's header bits
};

/// Receives records in simulated-time order.
class Recorder {
 public:
  virtual ~Recorder() = default;
  virtual void on_round(const RoundRecord&) {}
  virtual void on_message(const MessageRecord&) {}
  virtual void on_finish(const RunSummary&) {}
};

}  // namespace commsim::sim
