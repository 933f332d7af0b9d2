#include "algorithms/diana.hpp"

#include <cmath>

#include "algorithms/method_common.hpp"
#include "algorithms/stepsize.hpp"

namespace commsim::algo {
namespace {

class DianaWorker final : public WorkerRole {
 public:
  DianaWorker(const LocalOracle& oracle, const Compressor& q, const sim::RngStreams& streams,
              int worker, int num_workers, double alpha)
      : oracle_(oracle),
        compression_(q, streams, worker, num_workers),
        alpha_(alpha),
        h_(Vector::Zero(oracle.dim())) {}

  void on_downlink(const Downlink& d, std::span<Uplink> out) override {
    compression_.next_round();
    if (out.empty()) return;
    Uplink& u = out[0];
    u.work = oracle_.gradient(d.payload, grad_);
    grad_ -= h_;
    u.bits = compression_.compress(grad_, u.payload);
    u.kind = sim::MessageKind::compressed;
    h_ += alpha_ * u.payload;
  }

 private:
  const LocalOracle& oracle_;
  WorkerCompression compression_;
  double alpha_;
  Vector h_, grad_;
};

}  // namespace

DianaServer::DianaServer(const Problem& problem, const sim::RngStreams& streams, double stepsize,
                         double alpha, bool damped_estimator, double refresh_probability,
                         int float_bits)
    : stepsize_(stepsize),
      alpha_(alpha),
      damped_(damped_estimator),
      refresh_probability_(refresh_probability),
      coin_(streams.stream("server_coin")),
      x_(Vector::Zero(problem.dim())),
      h_(Vector::Zero(problem.dim())) {
  downlink_.bits = dense_bits(problem.dim(), float_bits);
  downlink_.uploads.assign(static_cast<std::size_t>(problem.num_workers()), 1);
}

const Downlink& DianaServer::start() {
  return next_round();
}

const Downlink& DianaServer::on_uplinks(std::span<const Uplink* const> uplinks) {
  mean_payload(uplinks, mean_);
  // g^k = h + m̄ (paper) or h + α m̄ (code); x^{k+1} = x^k − γ g^k; h ← h + α m̄.
  if (damped_) {
    h_ += alpha_ * mean_;
    x_ -= stepsize_ * h_;
  } else {
    x_ -= stepsize_ * (h_ + mean_);
    h_ += alpha_ * mean_;
  }
  return next_round();
}

const Downlink& DianaServer::next_round() {
  downlink_.payload = x_;
  downlink_.full_sync = refresh_probability_ > 0.0 && coin_.bernoulli(refresh_probability_);
  return downlink_;
}

double diana_stepsize(double L, double omega, double n, double M) {
  return 1.0 / (10.0 * L * std::sqrt(1.0 + omega / n) * (std::pow(M, 2.0 / 3.0) + omega + 1.0));
}

const sim::ParamsDecl<DianaParams>& diana_params() {
  static const sim::ParamsDecl<DianaParams> decl = [] {
    sim::ParamsDecl<DianaParams> d;
    declare_diana_keys(d);
    return d;
  }();
  return decl;
}

sim::Json check_diana(const sim::PartSpec& spec, const ProblemShape& shape) {
  const auto& p = spec.get<DianaParams>();
  shaped_compressor(p, shape, p.float_bits, "diana");
  return sim::Json::object();
}

std::unique_ptr<Algorithm> make_diana(const sim::PartSpec& spec, const AlgorithmContext& ctx) {
  const Problem& problem = ctx.problem;
  const auto& p = spec.get<DianaParams>();
  const StepsizeRule rule = p.stepsize;
  const int float_bits = p.float_bits;
  auto q = shaped_compressor(p, shape_of(problem), float_bits, "diana");
  const double omega = q->omega(problem.dim());
  const double alpha = p.alpha.resolve(1.0 / (1.0 + omega));
  const bool damped = p.damped;
  const double L = problem.constants().max_local;
  const double n = problem.num_workers();
  const double theory = diana_stepsize(L, omega, n, 1.0);
  const double stepsize = rule.resolve(theory, theory);
  nlohmann::json constants = {
      {"stepsize", stepsize},
      {"stepsize_rule", rule.describe()},
      {"stepsize_theory", theory},
      {"stepsize_formula", "1/(10 L sqrt(1+omega/n) (M^(2/3)+omega+1)), M = 1 (authors' code)"},
      {"alpha", alpha},
      {"omega", omega},
      {"M", 1.0},
      {"L", L},
      {"n", problem.num_workers()},
      {"estimator", damped ? "code" : "paper"},
      {"compressor", q->name()},
      {"float_bits", float_bits}};
  std::shared_ptr<const Compressor> shared_q = std::move(q);
  auto workers = [problem = &problem, streams = ctx.streams, shared_q, alpha](int worker) {
    return std::make_unique<DianaWorker>(problem->local(worker), *shared_q, streams, worker,
                                         problem->num_workers(), alpha);
  };
  return std::make_unique<DianaAlgorithm>(
      problem, ctx.streams, DianaServerSettings{stepsize, alpha, damped, 0.0, float_bits}, workers,
      std::move(constants));
}

}  // namespace commsim::algo
