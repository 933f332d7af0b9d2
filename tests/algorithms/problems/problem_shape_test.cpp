#include "algorithms/problems/problem_shape.hpp"

#include <doctest/doctest.h>

#include "algorithms/problems/problem_factory.hpp"

using namespace commsim::algo;

TEST_CASE("problem_shape: dimension, workers and the smallest local sample count") {
  ProblemSpec spec;
  spec.type.name = "least_squares";
  spec.type.params = commsim::sim::AnyParams::of(ProblemTypeParams{});
  spec.data.synthetic = SyntheticSpec{.samples = 62, .features = 5, .seed = 3};
  const auto p = build_problem(spec, 4, commsim::sim::RngStreams(1));
  const ProblemShape shape = shape_of(*p);
  CHECK(shape.dim == 6);  // 5 features + bias
  CHECK(shape.num_workers == 4);
  CHECK(shape.min_local_samples == 15);  // 62 / 4, the remainder dropped
}
