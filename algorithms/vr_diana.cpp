#include "algorithms/vr_diana.hpp"

#include "algorithms/diana.hpp"
#include "algorithms/method_common.hpp"
#include "algorithms/stepsize.hpp"

namespace commsim::algo {
namespace {

class VrDianaWorker final : public WorkerRole {
 public:
  VrDianaWorker(const LocalOracle& oracle, const Compressor& q, const sim::RngStreams& streams,
                int worker, int num_workers, double alpha, std::uint32_t batch)
      : oracle_(oracle),
        compression_(q, streams, worker, num_workers),
        sampling_(streams.stream("sampling", static_cast<std::uint64_t>(worker))),
        alpha_(alpha),
        h_(Vector::Zero(oracle.dim())),
        indices_(batch) {}

  void on_downlink(const Downlink& d, std::span<Uplink> out) override {
    compression_.next_round();
    if (out.empty()) return;
    Uplink& u = out[0];
    u.work = sim::Work{};
    if (!has_reference_) {
      w_ = d.payload;
      u.work += oracle_.gradient(w_, grad_w_);
      has_reference_ = true;
    }
    sampling_.sample_without_replacement(static_cast<std::uint64_t>(oracle_.num_samples()),
                                         indices_, scratch_);
    u.work += oracle_.batch_gradient(d.payload, indices_, estimate_);
    u.work += oracle_.batch_gradient(w_, indices_, at_reference_);
    estimate_ -= at_reference_;
    estimate_ += grad_w_;
    estimate_ -= h_;
    u.bits = compression_.compress(estimate_, u.payload);
    u.kind = sim::MessageKind::compressed;
    h_ += alpha_ * u.payload;
    if (d.full_sync) {
      w_ = d.payload;
      u.work += oracle_.gradient(w_, grad_w_);
    }
  }

 private:
  const LocalOracle& oracle_;
  WorkerCompression compression_;
  sim::Rng sampling_;
  double alpha_;
  Vector h_, w_, grad_w_, estimate_, at_reference_;
  bool has_reference_ = false;
  std::vector<std::uint32_t> indices_, scratch_;
};

}  // namespace

const sim::ParamsDecl<VrDianaParams>& vr_diana_params() {
  static const sim::ParamsDecl<VrDianaParams> decl = [] {
    sim::ParamsDecl<VrDianaParams> d;
    declare_diana_keys(d);
    d.custom<std::optional<std::int64_t>>(
        batch_key("batch", "b', 1 <= b' <= min local samples (default ceil(0.01 m))"),
        &VrDianaParams::batch, parse_batch);
    d.custom<Probability>(probability_key("refresh_probability", "\"theory\" = b'/m"),
                          &VrDianaParams::refresh, parse_probability);
    return d;
  }();
  return decl;
}

namespace {
std::uint32_t vr_diana_batch(const VrDianaParams& p, Eigen::Index m) {
  return resolve_batch(p.batch, p.path, "batch", one_percent(m), m,
                       "the smallest local sample count");
}
}  // namespace

sim::Json check_vr_diana(const sim::PartSpec& spec, const ProblemShape& shape) {
  const auto& p = spec.get<VrDianaParams>();
  shaped_compressor(p, shape, p.float_bits, "vr_diana");
  return {{"batch", vr_diana_batch(p, shape.min_local_samples)}};
}

std::unique_ptr<Algorithm> make_vr_diana(const sim::PartSpec& spec, const AlgorithmContext& ctx) {
  const Problem& problem = ctx.problem;
  const auto& p = spec.get<VrDianaParams>();
  const StepsizeRule rule = p.stepsize;
  const int float_bits = p.float_bits;
  auto q = shaped_compressor(p, shape_of(problem), float_bits, "vr_diana");
  const Eigen::Index m = min_local_samples(problem);
  const std::uint32_t batch = vr_diana_batch(p, m);
  const double M = static_cast<double>(m) / batch;
  const double refresh = p.refresh.resolve(1.0 / M);
  const double omega = q->omega(problem.dim());
  const double alpha = p.alpha.resolve(1.0 / (1.0 + omega));
  const bool damped = p.damped;
  const double L = problem.constants().max_local;
  const double theory = diana_stepsize(L, omega, problem.num_workers(), M);
  const double stepsize = rule.resolve(theory, theory);
  nlohmann::json constants = {{"stepsize", stepsize},
                              {"stepsize_rule", rule.describe()},
                              {"stepsize_theory", theory},
                              {"alpha", alpha},
                              {"omega", omega},
                              {"M", M},
                              {"refresh_probability", refresh},
                              {"batch", batch},
                              {"m", m},
                              {"L", L},
                              {"n", problem.num_workers()},
                              {"estimator", damped ? "code" : "paper"},
                              {"compressor", q->name()},
                              {"float_bits", float_bits}};
  std::shared_ptr<const Compressor> shared_q = std::move(q);
  auto workers = [problem = &problem, streams = ctx.streams, shared_q, alpha, batch](int worker) {
    return std::make_unique<VrDianaWorker>(problem->local(worker), *shared_q, streams, worker,
                                           problem->num_workers(), alpha, batch);
  };
  return std::make_unique<DianaAlgorithm>(
      problem, ctx.streams, DianaServerSettings{stepsize, alpha, damped, refresh, float_bits},
      workers, std::move(constants));
}

}  // namespace commsim::algo
