#include "algorithms/ef21.hpp"

#include <cmath>

#include <fmt/format.h>

#include "algorithms/accumulating_algorithm.hpp"
#include "algorithms/method_common.hpp"
#include "algorithms/stepsize.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::algo {
namespace {

class Ef21Worker final : public WorkerRole {
 public:
  Ef21Worker(const LocalOracle& oracle, const Compressor& q, const sim::RngStreams& streams,
             int worker, int num_workers, double stepsize, int float_bits)
      : oracle_(oracle),
        compression_(q, streams, worker, num_workers),
        stepsize_(stepsize),
        dense_bits_(dense_bits(oracle.dim(), float_bits)),
        x_(Vector::Zero(oracle.dim())) {}

  void on_downlink(const Downlink& d, std::span<Uplink> out) override {
    if (d.phase == Phase::setup) {
      for (Uplink& u : out) {
        u.work = oracle_.gradient(x_, u.payload);
        g_ = u.payload;
        u.bits = dense_bits_;
        u.kind = sim::MessageKind::full_gradient;
      }
      return;
    }
    x_ -= stepsize_ * d.payload;
    compression_.next_round();
    if (out.empty()) return;
    Uplink& u = out[0];
    u.work = oracle_.gradient(x_, grad_);
    grad_ -= g_;
    u.bits = compression_.compress(grad_, u.payload);
    u.kind = sim::MessageKind::compressed;
    g_ += u.payload;
  }

 private:
  const LocalOracle& oracle_;
  WorkerCompression compression_;
  double stepsize_;
  sim::Bits dense_bits_;
  Vector x_, g_, grad_;
};

// The compressor, checked to be contractive; its α.
std::unique_ptr<Compressor> contractive(const Ef21Params& p, const ProblemShape& shape,
                                        double& alpha) {
  auto q = shaped_compressor(p, shape, p.float_bits, nullptr);
  const auto a = q->contraction(shape.dim);
  if (!a) {
    throw ConfigError(
        compressor_name_path(p.path),
        fmt::format("ef21 needs a contractive compressor (topk or identity); {} is not",
                    q->name()));
  }
  alpha = *a;
  return q;
}
}  // namespace

const sim::ParamsDecl<Ef21Params>& ef21_params() {
  static const sim::ParamsDecl<Ef21Params> decl = [] {
    sim::ParamsDecl<Ef21Params> d;
    declare_compressed_common(d);
    return d;
  }();
  return decl;
}

sim::Json check_ef21(const sim::PartSpec& spec, const ProblemShape& shape) {
  double alpha = 0.0;
  contractive(spec.get<Ef21Params>(), shape, alpha);
  return sim::Json::object();
}

std::unique_ptr<Algorithm> make_ef21(const sim::PartSpec& spec, const AlgorithmContext& ctx) {
  const Problem& problem = ctx.problem;
  const auto& params = spec.get<Ef21Params>();
  const StepsizeRule rule = params.stepsize;
  AccumulatingConfig s;  // no sync coin: the server only accumulates g ← g + mean(c_i)
  s.float_bits = params.float_bits;
  s.initial_exchange = true;
  double alpha = 0.0;
  auto q = contractive(params, shape_of(problem), alpha);
  const double root = std::sqrt(1.0 - alpha);
  const double theta = 1.0 - root;
  const double beta = alpha >= 1.0 ? 0.0 : (1.0 - alpha) / (1.0 - root);
  const double L = problem.constants().max_local;
  const double theory = 1.0 / (L * (1.0 + std::sqrt(beta / theta)));
  s.stepsize = rule.resolve(theory, theory);
  nlohmann::json constants = {{"stepsize", s.stepsize},
                              {"stepsize_rule", rule.describe()},
                              {"stepsize_theory", theory},
                              {"alpha", alpha},
                              {"theta", theta},
                              {"beta", beta},
                              {"L", L},
                              {"n", problem.num_workers()},
                              {"compressor", q->name()},
                              {"float_bits", s.float_bits}};
  WorkerFactory workers = [stepsize = s.stepsize, float_bits = s.float_bits](
                              const WorkerSetup& w) -> std::unique_ptr<WorkerRole> {
    // Each worker steps its own x: EF21 keeps per-worker iterates (SharedIterates unused).
    return std::make_unique<Ef21Worker>(w.oracle, w.q, w.streams, w.worker, w.num_workers, stepsize,
                                        float_bits);
  };
  return std::make_unique<AccumulatingAlgorithm>(problem, ctx.streams, std::move(q), std::move(s),
                                                 std::move(workers), std::move(constants));
}

}  // namespace commsim::algo
