#include "sim/runtime/runtime.hpp"

#include <memory>

#include "sim/kernel/errors.hpp"
#include "sim/records/stop_evaluator.hpp"
#include "sim/runtime/protocol.hpp"
#include "sim/runtime/run_records.hpp"

namespace commsim::sim {

/// The run's control: the protocol reports each round or server step, the stop evaluator
/// decides, the records observe. Nothing here words or orders a stop criterion.
class Runtime::Impl final : public StepListener {
 public:
  Impl(const algo::Problem& problem, const algo::Algorithm& algorithm, net::Platform& platform,
       RuntimeOptions options)
      : algorithm_(algorithm),
        options_(options),
        stop_(options.stop),
        records_(problem, recorders) {
    COMMSIM_ASSERT(platform.num_workers() == problem.num_workers(),
                   "platform and problem disagree on worker count");
    COMMSIM_ASSERT(options_.record_every >= 1, "record_every must be >= 1");
    protocol_ = make_protocol(algorithm, platform, *this, recorders, options_.record_messages);
  }

  std::vector<Recorder*> recorders;
  const std::atomic<bool>* interrupt = nullptr;

  RunSummary run() {
    records_.begin(algorithm_.constants());
    protocol_->begin();
    while (!records_.ended()) {
      const bool interrupted = interrupt && interrupt->load(std::memory_order_relaxed);
      const NextEvent next = protocol_->next_event();
      if (auto v = stop_.before_event(interrupted, next.time, protocol_->unreachable())) {
        records_.end(*v);
        break;
      }
      protocol_->step(next);
    }
    return finish();
  }

  bool on_start() override { return record_row(/*is_initial=*/true); }

  // Every round is evaluated and judged (the evaluation caches of the problems make this free
  // for methods that compute full local gradients at the iterate); rows are emitted only every
  // record_every rounds, at a stop, and for the last finite round before a non-finite one.
  bool on_step() override {
    const RunCounters& c = protocol_->counters();
    const auto limit = stop_.after_round(records_.counters_row(c, protocol_->now()),
                                         protocol_->iterate().allFinite());
    if (limit && !limit->record) {
      records_.end_non_finite(*limit, c.round);
      return false;
    }
    const RoundRecord r = records_.evaluated_row(protocol_->iterate(), c, protocol_->now());
    const auto quality = stop_.on_row(r, /*is_initial=*/false);
    if (quality && !quality->record) {
      records_.end_non_finite(*quality, c.round);
      return false;
    }
    // A quality verdict wins over a limit reached in the same round.
    const auto& v = quality ? quality : limit;
    if (v || c.round % options_.record_every == 0) {
      records_.emit(r, /*is_initial=*/false);
    } else {
      records_.hold(r);
    }
    if (v) records_.end(*v);
    return !v;
  }

 private:
  /// Evaluates the starting point and emits its row unless the stop evaluator rejects it.
  /// Returns false when the run ended.
  bool record_row(bool is_initial) {
    const RoundRecord r =
        records_.evaluated_row(protocol_->iterate(), protocol_->counters(), protocol_->now());
    const auto v = stop_.on_row(r, is_initial);
    if (!v || v->record) records_.emit(r, is_initial);
    if (v && !v->record) {
      records_.end_non_finite(*v, r.round);
    } else if (v) {
      records_.end(*v);
    }
    return !v;
  }

  RunSummary finish() {
    // The last completed round is always in the trace (unless it is the non-finite one); the
    // interruption stands whatever that row shows.
    if (records_.status() == Termination::interrupted) records_.emit_held();
    if (algorithm_.protocol() == algo::Protocol::event_driven) {
      const RunCounters& c = protocol_->counters();
      records_.add_extra("protocol", "event_driven");
      records_.add_extra("gradients_used", c.gradients_used);
      records_.add_extra("gradients_discarded", c.gradients_discarded);
    }
    return records_.finish(protocol_->counters(), protocol_->now(), protocol_->iterate());
  }

  const algo::Algorithm& algorithm_;
  RuntimeOptions options_;
  StopEvaluator stop_;
  RunRecords records_;
  std::unique_ptr<Protocol> protocol_;
};

Runtime::Runtime(const algo::Problem& problem, const algo::Algorithm& algorithm,
                 net::Platform& platform, RuntimeOptions options)
    : impl_(std::make_unique<Impl>(problem, algorithm, platform, options)) {}

Runtime::~Runtime() = default;

void Runtime::add_recorder(Recorder& recorder) {
  impl_->recorders.push_back(&recorder);
}

RunSummary Runtime::run() {
  impl_->interrupt = interrupt_;
  return impl_->run();
}

}  // namespace commsim::sim
