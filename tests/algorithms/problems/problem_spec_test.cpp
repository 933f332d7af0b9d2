#include "algorithms/problems/problem_spec.hpp"

#include <doctest/doctest.h>

#include "algorithms/problems/problem_factory.hpp"
#include "algorithms/problems/problem_shape.hpp"
#include "sim/kernel/errors.hpp"

using namespace commsim::algo;
using commsim::ConfigError;
using commsim::sim::Json;
using commsim::sim::JsonReader;
using commsim::sim::RngStreams;

namespace problem_spec_test {

ProblemSpec read(const Json& j, Json* resolved = nullptr) {
  JsonReader reader(j, "problem", resolved);
  ProblemSpec spec = problem_spec_decl().read(reader);
  reader.finish();
  return spec;
}

Json synthetic(Json extra = Json::object()) {
  Json j = {{"type", "least_squares"},
            {"data", {{"synthetic", {{"samples", 40}, {"features", 4}, {"seed", 3}}}}}};
  for (auto& [k, v] : extra.items()) j[k] = v;
  return j;
}

Json quadratic(Json keys, Json extra = Json::object()) {
  Json j = {{"type", "quadratic"}, {"quadratic", std::move(keys)}};
  for (auto& [k, v] : extra.items()) j[k] = v;
  return j;
}

}  // namespace problem_spec_test

using problem_spec_test::quadratic;
using problem_spec_test::read;
using problem_spec_test::synthetic;

TEST_CASE("problem_spec: noise, batch and quadratic are absent by default, resolved when given") {
  Json resolved;
  const ProblemSpec plain = read(synthetic(), &resolved);
  CHECK_FALSE(plain.noise);
  CHECK_FALSE(plain.batch);
  CHECK_FALSE(plain.quadratic);
  CHECK_FALSE(resolved.contains("noise"));
  CHECK_FALSE(resolved.contains("batch"));
  CHECK_FALSE(resolved.contains("quadratic"));
  Json r2;
  const ProblemSpec s =
      read(synthetic({{"noise", {{"variance", 0.1}}}, {"batch", {{"size", 4}}}}), &r2);
  CHECK(s.noise->variance == 0.1);
  CHECK(s.batch->size == 4);
  CHECK(s.batch->replacement);
  CHECK(r2["batch"] == Json{{"size", 4}, {"replacement", true}});
  Json r3;
  const ProblemSpec q = read(quadratic({{"dim", 10}}), &r3);
  CHECK(q.quadratic->dim == 10);
  CHECK(q.quadratic->matrix == QuadraticMatrix::tridiagonal);
  CHECK_FALSE(q.uses_data());
  CHECK_FALSE(r3.contains("data"));
  CHECK(r3["quadratic"] == Json{{"dim", 10}, {"matrix", "tridiagonal"}});
}

TEST_CASE("problem_spec: bad noise, batch and quadratic keys name their path") {
  const auto fails = [](const Json& j, const char* text) {
    CHECK_THROWS_WITH_AS(read(j), doctest::Contains(text), ConfigError);
  };
  fails(synthetic({{"noise", {{"variance", -1}}}}), "problem.noise.variance");
  fails(synthetic({{"noise", Json::object()}}), "problem.noise.variance");
  fails(synthetic({{"batch", {{"size", 0}}}}), "problem.batch.size");
  fails(synthetic({{"quadratic", {{"dim", 3}}}}), "problem.quadratic: applies to type");
  fails({{"type", "least_squares"}}, "problem.data: give exactly one of");
  fails({{"type", "quadratic"}}, "problem.quadratic: required for type \"quadratic\"");
  fails(quadratic({{"dim", 3}}, {{"data", {{"libsvm", "a9a"}}}}), "problem.data: type");
  fails(quadratic({{"dim", 3}}, {{"batch", {{"size", 1}}}}), "problem.batch: type \"quadratic\"");
  fails(quadratic({{"dim", 3}}, {{"lambda", 0.1}}), "problem.lambda");
  fails(quadratic({{"dim", 3}, {"L", 1}}), "problem.quadratic.L: applies to matrix \"random\"");
  fails(quadratic({{"dim", 3}, {"matrix", "random"}, {"L", 1}}),
        "problem.quadratic.mu: required for matrix \"random\"");
  fails(quadratic({{"dim", 3}, {"matrix", "random"}, {"L", 1}, {"mu", 2}}),
        "problem.quadratic.mu: 2 violates mu <= L = 1");
  fails(quadratic({{"dim", 1}, {"matrix", "random"}, {"L", 1}, {"mu", 1}}),
        "problem.quadratic.dim");
  fails(quadratic({{"dim", 3}, {"matrix", "random"}, {"L", 1}, {"mu", 0}}), "problem.quadratic.mu");
  fails(quadratic(Json::object()), "problem.quadratic.dim");
}

TEST_CASE("problem_spec: a batch without replacement cannot exceed the local samples m") {
  // 40 samples over 4 workers: m = 10.
  const ProblemSpec ok = read(synthetic({{"batch", {{"size", 10}, {"replacement", false}}}}));
  CHECK(shape_of(ok, 4, RngStreams(1), nullptr).min_local_samples == 10);
  CHECK(build_problem(ok, 4, RngStreams(1))->num_workers() == 4);
  const ProblemSpec big = read(synthetic({{"batch", {{"size", 11}, {"replacement", false}}}}));
  CHECK_THROWS_WITH_AS(shape_of(big, 4, RngStreams(1), nullptr),
                       doctest::Contains("problem.batch.size: 11 violates size <= m = 10"),
                       ConfigError);
  CHECK_THROWS_WITH_AS(build_problem(big, 4, RngStreams(1)),
                       doctest::Contains("problem.batch.size: 11 violates size <= m = 10"),
                       ConfigError);
  // With replacement any size is fine.
  const ProblemSpec repl = read(synthetic({{"batch", {{"size", 50}}}}));
  CHECK(build_problem(repl, 4, RngStreams(1))->noise_variance() == std::nullopt);
}

TEST_CASE("problem_spec: stochastic workers draw from ('oracle_noise' | 'oracle_batch', worker)") {
  const ProblemSpec spec = read(synthetic({{"noise", {{"variance", 0.3}}}}));
  const auto a = build_problem(spec, 2, RngStreams(7));
  const auto b = build_problem(spec, 2, RngStreams(7));
  const auto exact = build_problem(read(synthetic()), 2, RngStreams(7));
  const Vector x = Vector::Constant(a->dim(), 0.3);
  Vector ga0, gb0, ga1, ge0;
  a->local(0).gradient(x, ga0);
  b->local(0).gradient(x, gb0);
  a->local(1).gradient(x, ga1);
  exact->local(0).gradient(x, ge0);
  CHECK(ga0 == gb0);
  CHECK((ga0 - ge0).norm() > 0.0);
  // Worker 0's noise is the first draws of its own stream, whatever else the run draws.
  commsim::sim::Rng stream = RngStreams(7).stream("oracle_noise", 0);
  const double sd = std::sqrt(0.3 / static_cast<double>(a->dim()));
  for (Eigen::Index t = 0; t < x.size(); ++t)
    CHECK(ga0[t] == doctest::Approx(ge0[t] + sd * stream.normal()).epsilon(1e-14));
  CHECK(a->noise_variance() == 0.3);
  CHECK_FALSE(a->is_homogeneous());
  // Evaluation is exact: the noisy problem evaluates like the noiseless one.
  Vector s1, s2, s3, s4;
  CHECK(a->evaluate(x, s1, s2).grad_norm_sq == exact->evaluate(x, s3, s4).grad_norm_sq);
}
