#include "algorithms/dasha.hpp"

#include <cmath>

#include "algorithms/accumulating_algorithm.hpp"
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
  AccumulatingConfig s;  // no sync coin: the server only accumulates g ← g + mean(m_i)
  s.float_bits = params.float_bits;
  s.initial_exchange = true;
  auto q = shaped_compressor(params, shape_of(problem), s.float_bits, "dasha");
  const double omega = q->omega(problem.dim());
  const double momentum = params.momentum.resolve(1.0 / (2.0 * omega + 1.0));
  const double n = problem.num_workers();
  const double L = problem.constants().max_local;
  const double L_hat =
      problem.constants().quadratic_mean > 0.0 ? problem.constants().quadratic_mean : L;
  const double theory = 1.0 / (L + std::sqrt(16.0 * omega * (2.0 * omega + 1.0) / n) * L_hat);
  s.stepsize = rule.resolve(theory, theory);
  nlohmann::json constants = {{"stepsize", s.stepsize},
                              {"stepsize_rule", rule.describe()},
                              {"stepsize_theory", theory},
                              {"momentum", momentum},
                              {"omega", omega},
                              {"L", L},
                              {"L_hat", L_hat},
                              {"n", problem.num_workers()},
                              {"compressor", q->name()},
                              {"float_bits", s.float_bits}};
  WorkerFactory workers = [stepsize = s.stepsize, momentum, float_bits = s.float_bits](
                              const WorkerSetup& w) -> std::unique_ptr<WorkerRole> {
    // Each worker steps its own x: DASHA keeps per-worker iterates (SharedIterates unused).
    return std::make_unique<DashaWorker>(w.oracle, w.q, w.streams, w.worker, w.num_workers,
                                         stepsize, momentum, float_bits);
  };
  return std::make_unique<AccumulatingAlgorithm>(problem, ctx.streams, std::move(q), std::move(s),
                                                 std::move(workers), std::move(constants));
}

}  // namespace commsim::algo
