#pragma once
// A tiny quadratic problem for engine tests: f_i(x) = (a_i / 2) ‖x − c_i‖², so that
// ∇f_i(x) = a_i (x − c_i), L_i = a_i, and each gradient "costs" a fixed number of flops.

#include <memory>
#include <vector>

#include "algorithms/problems/problem.hpp"

namespace commsim::testing {

class QuadraticOracle final : public algo::LocalOracle {
 public:
  QuadraticOracle(double a, algo::Vector c, double flops)
      : a_(a), c_(std::move(c)), flops_(flops) {}
  Eigen::Index dim() const override { return c_.size(); }
  Eigen::Index num_samples() const override { return 1; }
  double loss(const algo::Vector& x) const override { return 0.5 * a_ * (x - c_).squaredNorm(); }
  sim::Work gradient(const algo::Vector& x, algo::Vector& out) const override {
    out = a_ * (x - c_);
    return {1, flops_};
  }
  sim::Work batch_gradient(const algo::Vector& x, std::span<const std::uint32_t> s,
                           algo::Vector& out) const override {
    out = a_ * (x - c_);
    return {s.size(), flops_};
  }
  double smoothness() const override { return a_; }

 private:
  double a_;
  algo::Vector c_;
  double flops_;
};

/// n workers in dimension d with curvatures 1..n and centres c_i = (i+1)·(1, 2, …, d)/d.
inline std::unique_ptr<algo::Problem> make_quadratic_problem(int n, int d, double flops = 1000.0) {
  std::vector<std::unique_ptr<algo::LocalOracle>> locals;
  algo::SmoothnessConstants c;
  for (int i = 0; i < n; ++i) {
    algo::Vector centre(d);
    for (int j = 0; j < d; ++j) centre[j] = (i + 1.0) * (j + 1.0) / d;
    locals.push_back(std::make_unique<QuadraticOracle>(i + 1.0, centre, flops));
    c.local.push_back(i + 1.0);
  }
  c.max_local = n;
  double sq = 0;
  for (double l : c.local) sq += l * l;
  c.quadratic_mean = std::sqrt(sq / n);
  return std::make_unique<algo::Problem>("quadratic", std::move(locals), c, true);
}

}  // namespace commsim::testing
