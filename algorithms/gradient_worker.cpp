#include "algorithms/gradient_worker.hpp"

#include "algorithms/builtin.hpp"

namespace commsim::algo {

GradientWorker::GradientWorker(const LocalOracle& oracle, int float_bits)
    : oracle_(oracle), bits_(dense_bits(oracle.dim(), float_bits)) {}

void GradientWorker::on_point(const Vector& point, std::vector<Uplink>& out) {
  out.resize(1);
  Uplink& u = out.front();
  u.work = oracle_.gradient(point, u.payload);
  u.bits = bits_;
  u.kind = sim::MessageKind::full_gradient;
}

}  // namespace commsim::algo
