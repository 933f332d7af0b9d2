#pragma once
/// \file
/// How the flow-level model shares a link: the parameters that make `maxmin`, `cm02` and `lv08`
/// one solver (weighted max-min fair sharing, as SimGrid's lmm) with different calibrations.
///
/// A flow over a route of raw latency λ (the sum of its links' latencies) and links ℓ:
/// - spends λ · latency_factor in its latency phase, using no bandwidth;
/// - then has sharing penalty p = λ + Σ_ℓ weight_s / bandwidth_ℓ when latency_weights and λ > 0,
///   else p = 1 (SimGrid: a zero-latency flow's variable keeps weight 1);
/// - its value v solves weighted max-min fairness: on each link Σ c·v ≤ capacity, flows
///   saturated on a link get v = level / p (level = remaining capacity / Σ c/p), c = 1 on the
///   route's links and 0.05 on the reverse route's links when crosstraffic (both: 1.05);
/// - v ≤ tcp_gamma / (2 λ) when tcp_gamma > 0 and λ > 0 (TCP's window over its round trip);
/// - and moves its bits at rate bandwidth_factor · v.

namespace commsim::net {

struct SharingRule {
  bool latency_weights = false;  ///< weight flows by 1 / penalty (else every penalty is 1)
  double weight_s_bits = 0.0;    ///< SimGrid's weight-S, in bits
  double tcp_gamma_bits = 0.0;   ///< the largest TCP window, in bits; 0 = no window bound
  double latency_factor = 1.0;
  double bandwidth_factor = 1.0;
  bool crosstraffic = false;  ///< a flow also loads its reverse route (acknowledgements)

  /// The consumption on a reverse-route link under crosstraffic (SimGrid's constant).
  static constexpr double kReverseConsumption = 0.05;

  /// Plain max-min: every flow weighs the same, no window, no calibration.
  static SharingRule plain() { return SharingRule{}; }
  bool is_plain() const {
    return !latency_weights && tcp_gamma_bits == 0.0 && latency_factor == 1.0 &&
           bandwidth_factor == 1.0 && !crosstraffic;
  }
};

}  // namespace commsim::net
