#include "algorithms/dasha.hpp"

#include <cmath>

#include "algorithms/method_common.hpp"
#include "algorithms/stepsize.hpp"
#include "algorithms/tracking_worker.hpp"

namespace commsim::algo {
namespace {

// m_i = Q(h_i' − h_i − a(g_i − h_i)) with h_i' = ∇f_i(x^{k+1}); then h_i ← h_i'.
class DashaWorker final : public TrackingWorker {
 public:
  DashaWorker(const WorkerSetup& w, double momentum, int float_bits)
      : TrackingWorker(w, float_bits), momentum_(momentum) {}

 private:
  void started(const Vector& gradient) override { h_ = gradient; }
  const Vector& message(Vector& gradient) override {
    message_ = gradient - h_ - momentum_ * (g_ - h_);
    return message_;
  }
  void sent(Vector& gradient) override { h_.swap(gradient); }

  double momentum_;
  Vector h_, message_;
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
  WorkerFactory workers = [momentum, float_bits = s.float_bits](const WorkerSetup& w) {
    return std::unique_ptr<WorkerRole>(std::make_unique<DashaWorker>(w, momentum, float_bits));
  };
  return std::make_unique<AccumulatingAlgorithm>(problem, ctx.streams, std::move(q), std::move(s),
                                                 std::move(workers), std::move(constants));
}

}  // namespace commsim::algo
