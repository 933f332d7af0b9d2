#include "algorithms/dasha.hpp"

#include <cmath>

#include "algorithms/marina_core.hpp"
#include "algorithms/method_common.hpp"
#include "algorithms/stepsize.hpp"

namespace commsim::algo {
namespace {

class DashaWorker final : public WorkerRole {
 public:
  DashaWorker(const LocalOracle& oracle, const Compressor& q, const sim::RngStreams& streams,
              int worker, int num_workers, double stepsize, double momentum, int float_bits)
      : oracle_(oracle),
        compression_(q, streams, worker, num_workers),
        stepsize_(stepsize),
        momentum_(momentum),
        dense_bits_(dense_bits(oracle.dim(), float_bits)),
        x_(Vector::Zero(oracle.dim())) {}

  void on_downlink(const Downlink& d, std::span<Uplink> out) override {
    if (d.phase == Phase::setup) {
      for (Uplink& u : out) {
        u.work = oracle_.gradient(x_, u.payload);
        g_ = u.payload;
        h_ = u.payload;
        u.bits = dense_bits_;
        u.kind = sim::MessageKind::full_gradient;
      }
      return;
    }
    x_ -= stepsize_ * d.payload;
    compression_.next_round();
    if (out.empty()) return;
    Uplink& u = out[0];
    u.work = oracle_.gradient(x_, h_new_);
    message_ = h_new_ - h_ - momentum_ * (g_ - h_);
    u.bits = compression_.compress(message_, u.payload);
    u.kind = sim::MessageKind::compressed;
    g_ += u.payload;
    h_.swap(h_new_);
  }

 private:
  const LocalOracle& oracle_;
  WorkerCompression compression_;
  double stepsize_, momentum_;
  sim::Bits dense_bits_;
  Vector x_, g_, h_, h_new_, message_;
};

class Dasha final : public Algorithm {
 public:
  Dasha(const Problem& problem, const sim::RngStreams& streams, std::unique_ptr<Compressor> q,
        MarinaConfig config, double momentum, nlohmann::json constants)
      : problem_(problem),
        streams_(streams),
        q_(std::move(q)),
        config_(config),
        momentum_(momentum),
        constants_(std::move(constants)) {}
  std::unique_ptr<ServerRole> make_server() const override {
    return std::make_unique<MarinaServer>(problem_, streams_, config_);
  }
  std::unique_ptr<WorkerRole> make_worker(int worker) const override {
    return std::make_unique<DashaWorker>(problem_.local(worker), *q_, streams_, worker,
                                         problem_.num_workers(), config_.stepsize, momentum_,
                                         config_.float_bits);
  }
  nlohmann::json constants() const override { return constants_; }

 private:
  const Problem& problem_;
  sim::RngStreams streams_;
  std::unique_ptr<Compressor> q_;
  MarinaConfig config_;
  double momentum_;
  nlohmann::json constants_;
};

}  // namespace

const sim::ParamsDecl<DashaParams>& dasha_params() {
  static const sim::ParamsDecl<DashaParams> decl = [] {
    sim::ParamsDecl<DashaParams> d;
    declare_compressed_common(d);
    d.custom<Probability>(probability_key("momentum", "\"theory\" = 1/(2 omega + 1)"),
                          &DashaParams::momentum, parse_probability);
    return d;
  }();
  return decl;
}

sim::Json check_dasha(const sim::PartSpec& spec, const ProblemShape& shape) {
  const auto& p = spec.get<DashaParams>();
  shaped_compressor(p, shape, p.float_bits, "dasha");
  return sim::Json::object();
}

std::unique_ptr<Algorithm> make_dasha(const sim::PartSpec& spec, const AlgorithmContext& ctx) {
  const Problem& problem = ctx.problem;
  const auto& params = spec.get<DashaParams>();
  const StepsizeRule rule = params.stepsize;
  MarinaConfig c;
  c.float_bits = params.float_bits;
  c.p = 0.0;  // no sync rounds
  c.initial_exchange = true;
  auto q = shaped_compressor(params, shape_of(problem), c.float_bits, "dasha");
  const double omega = q->omega(problem.dim());
  const double momentum = params.momentum.resolve(1.0 / (2.0 * omega + 1.0));
  const double n = problem.num_workers();
  const double L = problem.constants().max_local;
  const double L_hat =
      problem.constants().quadratic_mean > 0.0 ? problem.constants().quadratic_mean : L;
  const double theory = 1.0 / (L + std::sqrt(16.0 * omega * (2.0 * omega + 1.0) / n) * L_hat);
  c.stepsize = rule.resolve(theory, theory);
  nlohmann::json constants = {{"stepsize", c.stepsize},
                              {"stepsize_rule", rule.describe()},
                              {"stepsize_theory", theory},
                              {"momentum", momentum},
                              {"omega", omega},
                              {"L", L},
                              {"L_hat", L_hat},
                              {"n", problem.num_workers()},
                              {"compressor", q->name()},
                              {"float_bits", c.float_bits}};
  return std::make_unique<Dasha>(problem, ctx.streams, std::move(q), c, momentum,
                                 std::move(constants));
}

}  // namespace commsim::algo
