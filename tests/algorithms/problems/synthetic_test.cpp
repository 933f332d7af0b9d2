#include "algorithms/problems/synthetic.hpp"

#include <cmath>

#include <doctest/doctest.h>

#include "sim/kernel/errors.hpp"

using namespace commsim::algo;

TEST_CASE("synthetic: shape, density, bias column and determinism") {
  SyntheticOptions o;
  o.samples = 200;
  o.features = 50;
  o.density = 0.1;
  o.seed = 7;
  const Dataset a = make_synthetic(o);
  CHECK(a.num_samples() == 200);
  CHECK(a.dim() == 51);
  for (Eigen::Index r = 0; r < a.num_samples(); ++r) {
    CHECK(a.features.row(r).nonZeros() == 1 + 5);  // bias + round(0.1 · 50)
    CHECK(a.features.coeff(r, 0) == 1.0);
    CHECK(std::abs(a.labels[r]) == 1.0);
  }
  const Dataset b = make_synthetic(o);
  CHECK(Eigen::MatrixXd(a.features) == Eigen::MatrixXd(b.features));
  CHECK(a.labels == b.labels);
  o.seed = 8;
  const Dataset c = make_synthetic(o);
  CHECK(Eigen::MatrixXd(a.features) != Eigen::MatrixXd(c.features));

  o.density = 1e-6;  // still one nonzero per row
  o.bias = false;
  const Dataset sparse = make_synthetic(o);
  CHECK(sparse.dim() == 50);
  for (Eigen::Index r = 0; r < sparse.num_samples(); ++r)
    CHECK(sparse.features.row(r).nonZeros() == 1);
}

TEST_CASE("synthetic: labels are sign(a'x_true) and values are N(0,1)") {
  SyntheticOptions o;
  o.samples = 2000;
  o.features = 10;
  o.seed = 5;
  Vector truth;
  const Dataset d = make_synthetic(o, &truth);
  REQUIRE(truth.size() == 10);
  const Eigen::MatrixXd raw = Eigen::MatrixXd(d.features).rightCols(10);
  const Vector margins = raw * truth;
  for (Eigen::Index r = 0; r < d.num_samples(); ++r)
    CHECK(d.labels[r] == (margins[r] >= 0 ? 1.0 : -1.0));
  // 20000 N(0,1) values: the mean has sd 0.0071 and the variance sd sqrt(2/20000) = 0.01; allow 5
  // sd.
  const double mean = raw.mean();
  const double var = (raw.array() - mean).square().mean();
  CHECK(std::abs(mean) < 0.036);
  CHECK(std::abs(var - 1.0) < 0.05);
}

TEST_CASE("synthetic: label_noise flips that fraction of labels and keeps the features") {
  SyntheticOptions o;
  o.samples = 10000;
  o.features = 5;
  o.seed = 9;
  const Dataset clean = make_synthetic(o);
  o.label_noise = 0.2;
  const Dataset noisy = make_synthetic(o);
  CHECK(Eigen::MatrixXd(clean.features) == Eigen::MatrixXd(noisy.features));
  const double flipped = (clean.labels.array() != noisy.labels.array()).cast<double>().mean();
  // Binomial(10000, 0.2)/10000 has sd 0.004; allow 5 sd.
  CHECK(std::abs(flipped - 0.2) < 0.02);
}

TEST_CASE("synthetic: invalid options are ConfigErrors naming the field") {
  SyntheticOptions o;
  o.density = 0.0;
  CHECK_THROWS_WITH_AS(o.validate("problem.data.synthetic"),
                       doctest::Contains("problem.data.synthetic.density"), commsim::ConfigError);
  o = {};
  o.samples = 0;
  CHECK_THROWS_AS(o.validate("x"), commsim::ConfigError);
  o = {};
  o.label_noise = 1.5;
  CHECK_THROWS_AS(o.validate("x"), commsim::ConfigError);
}
