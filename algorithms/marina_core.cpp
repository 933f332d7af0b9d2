#include "algorithms/marina_core.hpp"

#include "sim/kernel/errors.hpp"

namespace commsim::algo {
namespace {

class MarinaWorker final : public WorkerRole {
 public:
  MarinaWorker(const Compressor& q, const sim::RngStreams& streams, int worker, int num_workers,
               Eigen::Index dim, const MarinaConfig& config, const SharedIterates& iterates,
               std::unique_ptr<GradientEstimator> estimator, MarinaScratch& scratch)
      : iterates_(iterates),
        shared_(scratch),
        estimator_(std::move(estimator)),
        compression_(q, streams, worker, num_workers, config.shared_compressor_seed),
        dense_bits_(dense_bits(dim, config.server.float_bits)) {}

  void on_downlink(const Downlink& d, std::span<Uplink> out) override {
    COMMSIM_ASSERT(iterates_.x != nullptr, "the server publishes the iterates");
    if (d.phase == Phase::setup) {
      for (Uplink& u : out) send_dense(u, *iterates_.x);
      return;
    }
    const Vector& x_prev = *iterates_.x;  // x^k
    const Vector& x = *iterates_.x_next;  // x^{k+1} = x^k − γ g^k, this worker's step
    compression_.next_round();
    if (out.empty()) {
      estimator_->skip();
      return;
    }
    if (d.full_sync) {
      for (Uplink& u : out) send_dense(u, x);
      return;
    }
    for (std::size_t j = 0; j < out.size(); ++j) {
      Uplink& u = out[j];
      u.work = estimator_->difference(x_prev, x, j, shared_.diff);
      u.bits = compression_.compress(shared_.diff, u.payload);
      u.kind = sim::MessageKind::compressed;
    }
    estimator_->end_round();
  }

 private:
  void send_dense(Uplink& u, const Vector& x) {
    u.work = estimator_->dense(x, u.payload);
    u.bits = dense_bits_;
    u.kind = sim::MessageKind::full_gradient;
  }

  const SharedIterates& iterates_;
  MarinaScratch& shared_;
  std::unique_ptr<GradientEstimator> estimator_;
  WorkerCompression compression_;
  sim::Bits dense_bits_;
};

}  // namespace

MarinaBuilder::MarinaBuilder(const MarinaCommon& params, const Problem& problem, const char* method)
    : params_(params), problem_(problem) {
  config.server.float_bits = params.float_bits;
  config.server.initial_exchange = params.initial_exchange;
  q = shaped_compressor(params, shape_of(problem), params.float_bits, method);
  omega = q->omega(problem.dim());
  zeta = q->expected_nonzeros(problem.dim());
  L = problem.constants().max_local;
}

double MarinaBuilder::sync_probability(double p_theory) {
  p_theory_ = p_theory;
  p_ = params_.p.resolve(p_theory);
  config.server.sync_coin = p_;
  return p_;
}

nlohmann::json MarinaBuilder::constants(double theory, double code) {
  const StepsizeRule rule = params_.stepsize;
  config.server.stepsize = rule.resolve(theory, code);
  return {{"stepsize", config.server.stepsize},
          {"stepsize_rule", rule.describe()},
          {"stepsize_theory", theory},
          {"p", p_},
          {"p_theory", p_theory_},
          {"omega", omega},
          {"zeta", zeta},
          {"L", L},
          {"n", problem_.num_workers()},
          {"compressor", q->name()},
          {"initial_exchange", config.server.initial_exchange},
          {"float_bits", config.server.float_bits}};
}

std::unique_ptr<Algorithm> MarinaBuilder::build(const sim::RngStreams& streams,
                                                nlohmann::json constants) {
  return make_marina_algorithm(problem_, streams, std::move(q), std::move(config),
                               std::move(constants));
}

std::unique_ptr<Algorithm> make_marina_algorithm(const Problem& problem,
                                                 const sim::RngStreams& streams,
                                                 std::unique_ptr<Compressor> q, MarinaConfig config,
                                                 nlohmann::json constants) {
  auto scratch = std::make_shared<MarinaScratch>();  // one set for all workers (MarinaScratch)
  WorkerFactory workers = [config, scratch](const WorkerSetup& w) -> std::unique_ptr<WorkerRole> {
    return std::make_unique<MarinaWorker>(
        w.q, w.streams, w.worker, w.num_workers, w.oracle.dim(), config, w.iterates,
        config.estimator(w.oracle, w.streams, w.worker, *scratch), *scratch);
  };
  return std::make_unique<AccumulatingAlgorithm>(problem, streams, std::move(q),
                                                 std::move(config.server), std::move(workers),
                                                 std::move(constants));
}

}  // namespace commsim::algo
