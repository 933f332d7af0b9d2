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
  double sum = 0.0;
  for (const auto& l : locals_) sum += l->loss(x);
  return sum / static_cast<double>(locals_.size());
}

void Problem::gradient(const Vector& x, Vector& out) const {
  Vector local(dim());
  out.setZero(dim());
  for (const auto& l : locals_) {
    l->gradient(x, local);
    out += local;
  }
  out /= static_cast<double>(locals_.size());
}

Evaluation Problem::evaluate(const Vector& x, Vector& scratch_local, Vector& scratch_sum) const {
  Evaluation e;
  scratch_sum.setZero(dim());
  double loss_sum = 0.0, local_norm_sum = 0.0;
  for (const auto& l : locals_) {
    loss_sum += l->loss_and_gradient(x, scratch_local);
    local_norm_sum += scratch_local.squaredNorm();
    scratch_sum += scratch_local;
  }
  const double n = static_cast<double>(locals_.size());
  scratch_sum /= n;
  e.loss = loss_sum / n;
  e.grad_norm_sq = scratch_sum.squaredNorm();
  e.mean_local_grad_norm_sq = local_norm_sum / n;
  return e;
}

}  // namespace commsim::algo
