#include "algorithms/minibatch_sgd.hpp"

#include "algorithms/gd.hpp"

namespace commsim::algo {

const sim::ParamsDecl<MinibatchSgdParams>& minibatch_sgd_params() {
  static const sim::ParamsDecl<MinibatchSgdParams> decl = [] {
    sim::ParamsDecl<MinibatchSgdParams> d;
    declare_stochastic_common(d);
    return d;
  }();
  return decl;
}

std::unique_ptr<Algorithm> make_minibatch_sgd(const sim::PartSpec& spec,
                                              const AlgorithmContext& ctx) {
  const auto& p = spec.get<MinibatchSgdParams>();
  const double L = ctx.problem.constants().max_local;
  nlohmann::json c = {{"L", L}, {"float_bits", p.float_bits}};
  double theory = 0.0;
  if (p.stepsize.kind != StepsizeRule::Kind::fixed) {
    const NoiseTarget t = resolve_noise_target(p, ctx.problem, "minibatch_sgd's theory stepsize");
    theory = batch_sgd_stepsize(L, ctx.problem.num_workers(), t);
    c["stepsize_theory"] = theory;
    c["sigma_sq"] = t.sigma_sq;
    c["eps"] = t.eps;
  }
  const double stepsize = p.stepsize.resolve(theory, theory);
  c["stepsize"] = stepsize;
  c["stepsize_rule"] = p.stepsize.describe();
  c["batch"] = ctx.problem.num_workers();
  return make_averaging_method(ctx.problem, stepsize, p.float_bits, std::move(c));
}

}  // namespace commsim::algo
