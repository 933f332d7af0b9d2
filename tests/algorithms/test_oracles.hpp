#pragma once
// Test helpers for the method tests: a least-squares local oracle with real per-sample
// structure, f_i(x) = (1/m) Σ_j ½(a_jᵀx − y_j)², its problem with exact smoothness constants and
// minimiser, and a plain loop that drives a method's roles directly (no runtime, no network).

#include <cmath>
#include <memory>
#include <optional>
#include <vector>

#include <Eigen/Dense>

#include "algorithms/builtin.hpp"
#include "algorithms/problems/problem.hpp"
#include "sim/kernel/json_reader.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::testing {

using algo::Vector;
using Matrix = Eigen::MatrixXd;

/// f_i(x) = (1/m) Σ_j ½(a_jᵀx − y_j)² over the rows a_j of A.
class LeastSquaresOracle final : public algo::LocalOracle {
 public:
  LeastSquaresOracle(Matrix a, Vector y) : a_(std::move(a)), y_(std::move(y)) {
    hessian_ = a_.transpose() * a_ / static_cast<double>(a_.rows());
    linear_ = a_.transpose() * y_ / static_cast<double>(a_.rows());
    Eigen::SelfAdjointEigenSolver<Matrix> eig(hessian_);
    smoothness_ = eig.eigenvalues().maxCoeff();
  }
  Eigen::Index dim() const override { return a_.cols(); }
  Eigen::Index num_samples() const override { return a_.rows(); }
  double loss(const Vector& x) const override {
    return 0.5 * (a_ * x - y_).squaredNorm() / a_.rows();
  }
  sim::Work gradient(const Vector& x, Vector& out) const override {
    out.noalias() = hessian_ * x;  // noalias: no temporary, so rounds stay allocation-free
    out -= linear_;
    return {static_cast<std::uint64_t>(a_.rows()), 0.0};
  }
  sim::Work batch_gradient(const Vector& x, std::span<const std::uint32_t> samples,
                           Vector& out) const override {
    out.setZero(dim());
    for (std::uint32_t j : samples) out += (a_.row(j).dot(x) - y_[j]) * a_.row(j).transpose();
    out /= static_cast<double>(samples.size());
    return {samples.size(), 0.0};
  }
  double smoothness() const override { return smoothness_; }
  const Matrix& hessian() const { return hessian_; }
  const Vector& linear() const { return linear_; }

 private:
  Matrix a_;
  Vector y_;
  Matrix hessian_;
  Vector linear_;
  double smoothness_ = 0.0;
};

/// n workers, m samples each, dimension d, Gaussian rows and targets from a fixed seed. With
/// `identical`, every worker holds the same data. The exact minimiser is stored as the optimum.
inline std::unique_ptr<algo::Problem> make_least_squares(int n, int m, int d,
                                                         std::uint64_t seed = 7,
                                                         bool identical = false) {
  sim::Rng rng(seed);
  std::vector<std::unique_ptr<algo::LocalOracle>> locals;
  algo::SmoothnessConstants c;
  Matrix h = Matrix::Zero(d, d);
  Vector b = Vector::Zero(d);
  Matrix a0;
  Vector y0;
  for (int i = 0; i < n; ++i) {
    Matrix a(m, d);
    Vector y(m);
    if (identical && i > 0) {
      a = a0;
      y = y0;
    } else {
      for (int r = 0; r < m; ++r) {
        for (int k = 0; k < d; ++k) a(r, k) = rng.normal() + (k == i % d ? 1.0 : 0.0);
        y[r] = rng.normal() + i;  // heterogeneous targets
      }
      a0 = a;
      y0 = y;
    }
    auto oracle = std::make_unique<LeastSquaresOracle>(a, y);
    h += oracle->hessian() / n;
    b += oracle->linear() / n;
    c.local.push_back(oracle->smoothness());
    locals.push_back(std::move(oracle));
  }
  double sq = 0.0;
  for (double l : c.local) {
    c.max_local = std::max(c.max_local, l);
    sq += l * l;
  }
  c.quadratic_mean = std::sqrt(sq / n);
  auto problem = std::make_unique<algo::Problem>("least_squares_test", std::move(locals), c, true);
  const Vector x_star = h.ldlt().solve(b);
  problem->set_optimum(x_star, problem->loss(x_star));
  return problem;
}

/// Builds the method described by `config` (an `algorithm` object) and checks unknown keys.
inline std::unique_ptr<algo::Algorithm> build(const nlohmann::json& config,
                                              const algo::Problem& problem,
                                              std::uint64_t seed = 1) {
  sim::JsonReader reader(config, "algorithm");
  const sim::RngStreams streams(seed);
  auto alg = algo::build_algorithm(algo::algorithm_registry().read(reader),
                                   algo::AlgorithmContext{problem, streams});
  reader.finish();
  return alg;
}

/// What one exchange (setup or round) did.
struct Exchange {
  algo::Phase phase = algo::Phase::round;
  bool full_sync = false;
  std::vector<std::uint32_t> uploads;
  sim::Bits bits_up = 0;
  sim::Bits bits_down = 0;
  std::vector<std::uint64_t> sample_gradients;  ///< per worker
};

/// Calls a method's roles directly, as the runtime would over an ideal network.
class RoleLoop {
 public:
  RoleLoop(const algo::Algorithm& algorithm, int n)
      : server_(algorithm.make_server()), buffers_(n) {
    for (int i = 0; i < n; ++i) workers_.push_back(algorithm.make_worker(i));
    next_ = &server_->start();
  }
  /// One exchange.
  Exchange step() {
    const algo::Downlink& d = *next_;
    Exchange e;
    e.phase = d.phase;
    e.full_sync = d.full_sync;
    e.uploads = d.uploads;
    e.sample_gradients.assign(workers_.size(), 0);
    ordered_.clear();
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      const std::uint32_t u = d.uploads[i];
      if (u == 0 && !d.to_all) continue;
      e.bits_down += d.bits;
      if (buffers_[i].size() < u) buffers_[i].resize(u);
      workers_[i]->on_downlink(d, std::span<algo::Uplink>(buffers_[i].data(), u));
      for (std::uint32_t j = 0; j < u; ++j) {
        e.bits_up += buffers_[i][j].bits;
        e.sample_gradients[i] += buffers_[i][j].work.sample_gradients;
        ordered_.push_back(&buffers_[i][j]);
      }
    }
    next_ = &server_->on_uplinks(ordered_);
    return e;
  }
  /// Runs exchanges until `rounds` round-phase exchanges have completed; returns them all.
  std::vector<Exchange> run(int rounds) {
    std::vector<Exchange> all;
    int done = 0;
    while (done < rounds) {
      all.push_back(step());
      if (all.back().phase == algo::Phase::round) ++done;
    }
    return all;
  }
  const algo::ServerRole& server() const { return *server_; }
  const Vector& iterate() const { return server_->iterate(); }
  const algo::Downlink& next() const { return *next_; }
  /// The uplinks of the last exchange, in worker order.
  const std::vector<const algo::Uplink*>& last_uplinks() const { return ordered_; }

 private:
  std::unique_ptr<algo::ServerRole> server_;
  std::vector<std::unique_ptr<algo::WorkerRole>> workers_;
  std::vector<std::vector<algo::Uplink>> buffers_;
  std::vector<const algo::Uplink*> ordered_;
  const algo::Downlink* next_ = nullptr;
};

/// ‖∇f(x)‖².
inline double grad_norm_sq(const algo::Problem& problem, const Vector& x) {
  Vector g;
  problem.gradient(x, g);
  return g.squaredNorm();
}

/// Runs `build(config)` for `rounds` rounds and returns ‖∇f(x^K)‖² / ‖∇f(x⁰)‖².
inline double relative_grad_reduction(const nlohmann::json& config, const algo::Problem& problem,
                                      int rounds, std::uint64_t seed = 1) {
  auto alg = build(config, problem, seed);
  RoleLoop loop(*alg, problem.num_workers());
  const double initial = grad_norm_sq(problem, Vector::Zero(problem.dim()));
  loop.run(rounds);
  return grad_norm_sq(problem, loop.iterate()) / initial;
}

}  // namespace commsim::testing
