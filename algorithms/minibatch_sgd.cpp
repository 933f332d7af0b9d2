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
  // The batch is the n workers' gradients: fixed, so only a theory stepsize needs sigma^2.
  const CountAndStepsize s =
      resolve_count_and_stepsize(p, TheoryCount{ctx.problem.num_workers()}, ctx.problem,
                                 "minibatch_sgd's theory stepsize", batch_sgd_stepsize);
  nlohmann::json c = {{"L", ctx.problem.constants().max_local},
                      {"float_bits", p.float_bits},
                      {"stepsize", s.stepsize},
                      {"stepsize_rule", p.stepsize.describe()},
                      {"batch", s.count}};
  s.add_theory(c);
  return make_averaging_method(ctx.problem, s.stepsize, p.float_bits, std::move(c));
}

}  // namespace commsim::algo
