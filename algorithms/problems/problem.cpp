#include "algorithms/problems/problem.hpp"

#include "sim/kernel/errors.hpp"

namespace commsim::algo {

Problem::Problem(std::string type, std::vector<std::unique_ptr<LocalOracle>> locals,
                 SmoothnessConstants constants, bool convex)
    : type_(std::move(type)),
      locals_(std::move(locals)),
      constants_(std::move(constants)),
      convex_(convex) {
  COMMSIM_ASSERT(!locals_.empty(), "a problem needs at least one worker");
  for (const auto& l : locals_)
    COMMSIM_ASSERT(l->dim() == locals_.front()->dim(), "local dimensions differ");
}

double Problem::loss(const Vector& x) const {
  const std::size_t count = evaluated_locals();
  double sum = 0.0;
  for (std::size_t i = 0; i < count; ++i) sum += locals_[i]->loss(x);
  return sum / static_cast<double>(count);
}

void Problem::gradient(const Vector& x, Vector& out) const {
  const std::size_t count = evaluated_locals();
  Vector local(dim());
  out.setZero(dim());
  for (std::size_t i = 0; i < count; ++i) {
    locals_[i]->loss_and_gradient(x, local);
    out += local;
  }
  out /= static_cast<double>(count);
}

Evaluation Problem::evaluate(const Vector& x, Vector& scratch_local, Vector& scratch_sum) const {
  const std::size_t count = evaluated_locals();
  Evaluation e;
  scratch_sum.setZero(dim());
  double loss_sum = 0.0, local_norm_sum = 0.0;
  for (std::size_t i = 0; i < count; ++i) {
    loss_sum += locals_[i]->loss_and_gradient(x, scratch_local);
    local_norm_sum += scratch_local.squaredNorm();
    scratch_sum += scratch_local;
  }
  const double n = static_cast<double>(count);
  scratch_sum /= n;
  e.loss = loss_sum / n;
  e.grad_norm_sq = scratch_sum.squaredNorm();
  e.mean_local_grad_norm_sq = local_norm_sum / n;
  return e;
}

}  // namespace commsim::algo
