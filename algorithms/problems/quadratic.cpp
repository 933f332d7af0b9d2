#include "algorithms/problems/quadratic.hpp"

#include <cmath>
#include <numbers>

#include <Eigen/QR>

#include "algorithms/problems/forwarding_oracle.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::algo {
namespace {

// The shared parts of both quadratic oracles: loss and batch gradients from `gradient`.
class QuadraticOracle : public LocalOracle {
 public:
  QuadraticOracle(Vector b, double smoothness) : b_(std::move(b)), smoothness_(smoothness) {}

  Eigen::Index dim() const override { return b_.size(); }
  Eigen::Index num_samples() const override { return 1; }
  double smoothness() const override { return smoothness_; }
  double loss(const Vector& x) const override {
    Vector g;
    return loss_and_gradient(x, g);
  }
  // ½ xᵀAx − bᵀx = ½ xᵀ(Ax − b) − ½ bᵀx, from the gradient g = Ax − b.
  double loss_and_gradient(const Vector& x, Vector& out) const override {
    gradient(x, out);
    return 0.5 * x.dot(out) - 0.5 * b_.dot(x);
  }
  // Every "sample" is the one function: the mean of |S| equal gradients, |S| times the work.
  sim::Work batch_gradient(const Vector& x, std::span<const std::uint32_t> samples,
                           Vector& out) const override {
    COMMSIM_ASSERT(!samples.empty(), "a minibatch needs at least one sample");
    sim::Work one = gradient(x, out);
    const auto count = static_cast<std::uint64_t>(samples.size());
    return sim::Work{one.sample_gradients * count, one.flops * static_cast<double>(count)};
  }

 protected:
  Vector b_;

 private:
  double smoothness_;
};

// A = tridiag(off, diagonal, off), constant bands.
class TridiagonalQuadratic final : public QuadraticOracle {
 public:
  TridiagonalQuadratic(double diagonal, double off, Vector b, double smoothness)
      : QuadraticOracle(std::move(b), smoothness), diagonal_(diagonal), off_(off) {}

  sim::Work gradient(const Vector& x, Vector& out) const override {
    const Eigen::Index d = dim();
    out.resize(d);
    for (Eigen::Index i = 0; i < d; ++i) {
      double ax = diagonal_ * x[i];
      if (i > 0) ax += off_ * x[i - 1];
      if (i + 1 < d) ax += off_ * x[i + 1];
      out[i] = ax - b_[i];
    }
    const double dd = static_cast<double>(d);
    return sim::Work{1, quadratic_gradient_flops(3.0 * dd - 2.0, dd)};
  }

 private:
  double diagonal_, off_;
};

class DenseQuadratic final : public QuadraticOracle {
 public:
  DenseQuadratic(Eigen::MatrixXd a, Vector b, double smoothness)
      : QuadraticOracle(std::move(b), smoothness), a_(std::move(a)) {}

  sim::Work gradient(const Vector& x, Vector& out) const override {
    out.noalias() = a_ * x;
    out -= b_;
    const double d = static_cast<double>(dim());
    return sim::Work{1, quadratic_gradient_flops(d * d, d)};
  }

 private:
  Eigen::MatrixXd a_;
};

// x* of the tridiagonal system (Thomas algorithm: O(d), stable for this diagonally dominant,
// positive definite matrix).
Vector solve_tridiagonal(double diagonal, double off, const Vector& b) {
  const Eigen::Index d = b.size();
  Vector c(d), x(d);
  double pivot = diagonal;
  x[0] = b[0] / pivot;
  for (Eigen::Index i = 1; i < d; ++i) {
    c[i - 1] = off / pivot;
    pivot = diagonal - off * c[i - 1];
    x[i] = (b[i] - off * x[i - 1]) / pivot;
  }
  for (Eigen::Index i = d - 2; i >= 0; --i) x[i] -= c[i] * x[i + 1];
  return x;
}

QuadraticProblem tridiagonal(Eigen::Index d) {
  const double diagonal = 0.5, off = -0.25;
  Vector b = Vector::Zero(d);
  b[0] = -0.25;
  const double angle = std::numbers::pi / static_cast<double>(d + 1);
  QuadraticProblem q;
  q.L = 0.25 * (2.0 - 2.0 * std::cos(static_cast<double>(d) * angle));
  q.mu = 0.25 * (2.0 - 2.0 * std::cos(angle));
  q.optimum = solve_tridiagonal(diagonal, off, b);
  q.oracle = std::make_shared<TridiagonalQuadratic>(diagonal, off, std::move(b), q.L);
  return q;
}

QuadraticProblem random(Eigen::Index d, double L, double mu, sim::Rng rng) {
  Eigen::MatrixXd q(d, d);
  {
    Eigen::MatrixXd g(d, d);
    for (Eigen::Index j = 0; j < d; ++j)
      for (Eigen::Index i = 0; i < d; ++i) g(i, j) = rng.normal();
    Eigen::HouseholderQR<Eigen::Ref<Eigen::MatrixXd>> qr(g);
    q = qr.householderQ();
    // Q·diag(sign(R_jj)) is Haar-distributed (QR alone is not).
    for (Eigen::Index j = 0; j < d; ++j)
      if (qr.matrixQR()(j, j) < 0.0) q.col(j) = -q.col(j);
  }
  Vector lambda(d);
  for (Eigen::Index k = 0; k < d; ++k)
    lambda[k] = mu + (L - mu) * static_cast<double>(k) / static_cast<double>(d - 1);
  lambda[d - 1] = L;  // exactly, whatever the rounding of the spacing
  Vector b(d);
  for (Eigen::Index i = 0; i < d; ++i) b[i] = rng.normal();
  QuadraticProblem out;
  out.L = L;
  out.mu = mu;
  out.optimum = q * (q.transpose() * b).cwiseQuotient(lambda);
  Eigen::MatrixXd a = q * lambda.asDiagonal() * q.transpose();
  q.resize(0, 0);
  a = 0.5 * (a + a.transpose()).eval();  // exactly symmetric
  out.oracle = std::make_shared<DenseQuadratic>(std::move(a), std::move(b), L);
  return out;
}

}  // namespace

double quadratic_gradient_flops(double stored_entries, double dim) {
  return 2.0 * stored_entries + dim;
}

QuadraticProblem make_quadratic(const QuadraticSpec& spec, const sim::RngStreams& streams) {
  const auto d = static_cast<Eigen::Index>(spec.dim);
  if (spec.matrix == QuadraticMatrix::tridiagonal) return tridiagonal(d);
  COMMSIM_ASSERT(spec.L && spec.mu && d >= 2, "the random matrix needs L, mu and d >= 2");
  return random(d, *spec.L, *spec.mu, streams.stream("quadratic", 0));
}

ProblemParts quadratic_parts(const QuadraticSpec& spec, int num_workers,
                             const sim::RngStreams& streams) {
  QuadraticProblem q = make_quadratic(spec, streams);
  ProblemParts parts;
  parts.convex = true;
  parts.homogeneous = true;
  parts.constants.lambda = 0.0;
  parts.constants.l_minus = q.L;
  parts.constants.l_plus_minus = 0.0;  // identical f_i
  parts.constants.mu = q.mu;
  parts.optimum = std::move(q.optimum);
  for (int i = 0; i < num_workers; ++i)
    parts.locals.push_back(std::make_unique<ForwardingOracle>(q.oracle));
  return parts;
}

double quadratic_bytes(const QuadraticSpec& spec) {
  const double d = static_cast<double>(spec.dim);
  if (spec.matrix == QuadraticMatrix::tridiagonal) return 4.0 * d * 8.0;
  return (3.0 * d * d + 6.0 * d) * 8.0;
}

}  // namespace commsim::algo
