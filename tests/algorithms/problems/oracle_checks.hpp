#pragma once
// Test helpers shared by the problem tests: an independent central-difference gradient and
// the relative error between two vectors.

#include <numeric>
#include <vector>

#include <doctest/doctest.h>

#include "algorithms/problems/local_oracle.hpp"
#include "algorithms/problems/synthetic.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::algo::testing {

/// A purely relative doctest::Approx (doctest's default adds 1 to the scale, which makes
/// epsilon an absolute tolerance for values below 1).
inline doctest::Approx rel(double value) {
  return doctest::Approx(value).scale(0.0);
}

/// Central differences of oracle.loss with step h per coordinate.
inline Vector finite_difference_gradient(const LocalOracle& oracle, const Vector& x,
                                         double h = 1e-5) {
  Vector g(x.size());
  Vector probe = x;
  for (Eigen::Index t = 0; t < x.size(); ++t) {
    probe[t] = x[t] + h;
    const double up = oracle.loss(probe);
    probe[t] = x[t] - h;
    const double down = oracle.loss(probe);
    probe[t] = x[t];
    g[t] = (up - down) / (2.0 * h);
  }
  return g;
}

inline double relative_error(const Vector& a, const Vector& b) {
  return (a - b).norm() / std::max(b.norm(), 1e-300);
}

/// A small synthetic shard (bias on).
inline Dataset small_data(std::int64_t samples = 40, std::int64_t features = 6,
                          double density = 0.7, std::uint64_t seed = 3) {
  SyntheticOptions o;
  o.samples = samples;
  o.features = features;
  o.density = density;
  o.seed = seed;
  o.label_noise = 0.1;
  return make_synthetic(o);
}

/// A point with entries of order one, drawn from a fixed generator.
inline Vector test_point(Eigen::Index d, std::uint64_t seed = 11) {
  sim::Rng rng(seed);
  Vector x(d);
  for (Eigen::Index t = 0; t < d; ++t) x[t] = 0.7 * rng.normal();
  return x;
}

/// 0, 1, ..., m-1.
inline std::vector<std::uint32_t> all_indices(Eigen::Index m) {
  std::vector<std::uint32_t> s(static_cast<std::size_t>(m));
  std::iota(s.begin(), s.end(), 0u);
  return s;
}

}  // namespace commsim::algo::testing
