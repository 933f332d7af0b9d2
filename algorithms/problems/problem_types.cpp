#include "algorithms/problems/problem_types.hpp"

#include "algorithms/problems/least_squares.hpp"
#include "algorithms/problems/logistic_nonconvex.hpp"
#include "algorithms/problems/quadratic.hpp"
#include "algorithms/problems/sigmoid_squared.hpp"

namespace commsim::algo {
namespace {

const sim::ParamsDecl<ProblemTypeParams>& no_keys() {
  static const sim::ParamsDecl<ProblemTypeParams> decl;
  return decl;
}

ProblemParts sigmoid_squared(ProblemInputs in) {
  const std::optional<double>& lambda = in.spec.lambda;
  std::vector<Dataset>& shards = in.shards;
  ProblemParts parts;
  parts.constants.lambda = lambda ? *lambda : sigmoid_squared_default_lambda(shards);
  for (auto& s : shards)
    parts.locals.push_back(make_sigmoid_squared(std::move(s), parts.constants.lambda));
  return parts;
}

ProblemParts logistic_nonconvex(ProblemInputs in) {
  const std::optional<double>& lambda = in.spec.lambda;
  std::vector<Dataset>& shards = in.shards;
  ProblemParts parts;
  parts.constants.lambda = lambda.value_or(kLogisticNonconvexDefaultLambda);
  for (auto& s : shards)
    parts.locals.push_back(make_logistic_nonconvex(std::move(s), parts.constants.lambda));
  return parts;
}

ProblemParts least_squares(ProblemInputs in) {
  const std::optional<double>& lambda = in.spec.lambda;
  std::vector<Dataset>& shards = in.shards;
  ProblemParts parts;
  parts.convex = true;
  parts.constants.lambda = lambda.value_or(0.0);
  LeastSquaresAnalysis analysis = analyse_least_squares(shards, parts.constants.lambda);
  parts.constants.l_minus = analysis.l_minus;
  parts.constants.l_plus_minus = analysis.l_plus_minus;
  parts.optimum = std::move(analysis.optimum);
  for (std::size_t i = 0; i < shards.size(); ++i)
    parts.locals.push_back(
        make_least_squares(std::move(shards[i]), parts.constants.lambda, analysis.local[i]));
  return parts;
}

ProblemParts quadratic(ProblemInputs in) {
  COMMSIM_ASSERT(in.spec.quadratic.has_value(), "the quadratic type needs its keys");
  return quadratic_parts(*in.spec.quadratic, in.num_workers, in.streams);
}

}  // namespace

const sim::Registry<ProblemFactory>& problem_registry() {
  using Entry = sim::Registry<ProblemFactory>::Entry;
  static const sim::Registry<ProblemFactory> registry(
      "problems", "problem", "type", std::nullopt,
      {
          Entry{"sigmoid_squared",
                "Paper's non-convex classifier: (1/m)sum (1 - sigmoid(y a'x))^2 + "
                "(lambda/2)|x|^2",
                &no_keys(), &sigmoid_squared},
          Entry{"logistic_nonconvex",
                "Logistic loss + lambda sum x_t^2/(1 + x_t^2) (non-convex regulariser)", &no_keys(),
                &logistic_nonconvex},
          Entry{"least_squares",
                "Ridge least squares (1/2m)|Ax - y|^2 + (lambda/2)|x|^2 (convex, closed-form "
                "optimum)",
                &no_keys(), &least_squares},
          Entry{kQuadraticType,
                "x'Ax/2 - b'x, the same f on every worker (no data; keys in problem.quadratic: "
                "tridiagonal or random matrix, known optimum)",
                &no_keys(), &quadratic},
      });
  return registry;
}

const std::vector<sim::RegistryEntry>& problem_types() {
  static const std::vector<sim::RegistryEntry> types = problem_registry().infos();
  return types;
}

}  // namespace commsim::algo
