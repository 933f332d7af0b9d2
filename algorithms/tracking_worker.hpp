#pragma once
/// \file
/// The worker shape EF21 and DASHA share on the AccumulatingServer: worker i keeps its own
/// estimate g_i, of which the server's g is the mean. The setup exchange sends g_i⁰ = ∇f_i(x⁰)
/// densely; each round the worker evaluates ∇f_i(x^{k+1}) at the algorithm's SharedIterates
/// (the server's step, to the bit, so no worker keeps a replica of x), uploads the compression
/// of a method-specific message, and adds what it sent to g_i, exactly as the server adds the
/// mean of the uplinks to g.

#include <span>

#include "algorithms/accumulating_algorithm.hpp"
#include "algorithms/method_common.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::algo {

/// A worker tracking its share g_i of the server's g; subclasses say what to compress.
class TrackingWorker : public WorkerRole {
 public:
  TrackingWorker(const WorkerSetup& w, int float_bits)
      : oracle_(w.oracle),
        iterates_(w.iterates),
        compression_(w.q, w.streams, w.worker, w.num_workers),
        dense_bits_(dense_bits(w.oracle.dim(), float_bits)) {}

  void on_downlink(const Downlink& d, std::span<Uplink> out) final {
    COMMSIM_ASSERT(iterates_.x != nullptr, "the server publishes the iterates");
    if (d.phase == Phase::setup) {
      for (Uplink& u : out) {
        u.work = oracle_.gradient(*iterates_.x, u.payload);
        g_ = u.payload;
        started(u.payload);
        u.bits = dense_bits_;
        u.kind = sim::MessageKind::full_gradient;
      }
      return;
    }
    compression_.next_round();
    if (out.empty()) return;
    Uplink& u = out[0];
    u.work = oracle_.gradient(*iterates_.x_next, grad_);  // x^{k+1} = x^k − γ g^k
    u.bits = compression_.compress(message(grad_), u.payload);
    u.kind = sim::MessageKind::compressed;
    g_ += u.payload;
    sent(grad_);
  }

 protected:
  /// After the setup upload of g_i⁰ = `gradient`.
  virtual void started(const Vector& /*gradient*/) {}
  /// The vector to compress, given ∇f_i(x^{k+1}) in `gradient` (which it may overwrite).
  virtual const Vector& message(Vector& gradient) = 0;
  /// After g_i += the sent message; `gradient` is what message() left there.
  virtual void sent(Vector& /*gradient*/) {}

  Vector g_;  ///< g_i

 private:
  const LocalOracle& oracle_;
  const SharedIterates& iterates_;
  WorkerCompression compression_;
  sim::Bits dense_bits_;
  Vector grad_;
};

}  // namespace commsim::algo
