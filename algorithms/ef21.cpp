#include "algorithms/ef21.hpp"

#include <cmath>

#include <fmt/format.h>

#include "algorithms/method_common.hpp"
#include "algorithms/stepsize.hpp"
#include "algorithms/tracking_worker.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::algo {
namespace {

// c_i = C(∇f_i(x^{k+1}) − g_i).
class Ef21Worker final : public TrackingWorker {
 public:
  using TrackingWorker::TrackingWorker;

 private:
  const Vector& message(Vector& gradient) override { return gradient -= g_; }
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
  WorkerFactory workers = [float_bits = s.float_bits](const WorkerSetup& w) {
    return std::unique_ptr<WorkerRole>(std::make_unique<Ef21Worker>(w, float_bits));
  };
  return std::make_unique<AccumulatingAlgorithm>(problem, ctx.streams, std::move(q), std::move(s),
                                                 std::move(workers), std::move(constants));
}

}  // namespace commsim::algo
