#pragma once
// Monte Carlo checks of a compressor's moments. With N independent draws, a sample mean is
// within 5 standard errors (5·s/√N, s the sample standard deviation) of its expectation except
// with probability < 1e-6 per coordinate; every tolerance below is of that form, with fixed seeds.

#include <cmath>
#include <memory>

#include <doctest/doctest.h>

#include "algorithms/compressors/compressor.hpp"

namespace commsim::testing {

/// Moments of Q(x) estimated from `samples` draws.
struct Moments {
  algo::Vector mean;         ///< sample mean of Q(x)
  algo::Vector mean_se;      ///< its standard error per coordinate
  double error_sq = 0.0;     ///< sample mean of ‖Q(x) − x‖²
  double error_sq_se = 0.0;  ///< its standard error
};

inline Moments estimate(const algo::Compressor& q, const algo::Vector& x, int samples,
                        std::uint64_t seed, const algo::CompressionContext& ctx = {}) {
  sim::Rng rng(seed);
  const Eigen::Index d = x.size();
  algo::Vector sum = algo::Vector::Zero(d), sum_sq = algo::Vector::Zero(d), out;
  double e_sum = 0.0, e_sum_sq = 0.0;
  for (int s = 0; s < samples; ++s) {
    q.compress(x, rng, ctx, out);
    sum += out;
    sum_sq += out.cwiseProduct(out);
    const double e = (out - x).squaredNorm();
    e_sum += e;
    e_sum_sq += e * e;
  }
  const double n = samples;
  Moments m;
  m.mean = sum / n;
  const algo::Vector var = (sum_sq / n - m.mean.cwiseProduct(m.mean)).cwiseMax(0.0);
  m.mean_se = (var / n).cwiseSqrt();
  m.error_sq = e_sum / n;
  m.error_sq_se = std::sqrt(std::max(0.0, e_sum_sq / n - m.error_sq * m.error_sq) / n);
  return m;
}

/// E[Q(x)] = x within 5 standard errors (+1e-12 for coordinates with zero variance).
inline void check_unbiased(const Moments& m, const algo::Vector& x) {
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    CHECK(std::abs(m.mean[j] - x[j]) <= 5.0 * m.mean_se[j] + 1e-12);
  }
}

/// A test vector with varied magnitudes and signs.
inline algo::Vector test_vector(Eigen::Index d) {
  algo::Vector x(d);
  for (Eigen::Index j = 0; j < d; ++j)
    x[j] = (j % 3 == 0 ? -1.0 : 1.0) * (0.3 + 0.7 * std::sin(1.0 + j) * std::sin(1.0 + j));
  return x;
}

/// Builds a compressor from a JSON object (path `algorithm.compressor`).
inline std::unique_ptr<algo::Compressor> make_compressor(const nlohmann::json& cfg, Eigen::Index d,
                                                         int float_bits = 32, int n = 1) {
  sim::JsonReader reader(cfg, "algorithm.compressor");
  const sim::PartSpec spec = algo::compressor_registry().read(reader);
  auto q = algo::build_compressor(spec, {d, float_bits, algo::BitPolicy::paper, n});
  reader.finish();
  return q;
}

}  // namespace commsim::testing
