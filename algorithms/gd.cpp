#include "algorithms/gd.hpp"

#include "algorithms/stepsize.hpp"

namespace commsim::algo {
namespace {

class GdServer final : public ServerRole {
 public:
  GdServer(const Problem& problem, double stepsize, int float_bits)
      : stepsize_(stepsize), x_(Vector::Zero(problem.dim())), mean_(problem.dim()) {
    downlink_.bits = dense_bits(problem.dim(), float_bits);
    downlink_.uploads.assign(static_cast<std::size_t>(problem.num_workers()), 1);
    downlink_.payload = x_;
  }
  const Downlink& start() override { return downlink_; }
  const Downlink& on_uplinks(std::span<const Uplink* const> uplinks) override {
    mean_.setZero();
    for (const Uplink* u : uplinks) mean_ += u->payload;
    mean_ /= static_cast<double>(uplinks.size());
    x_ -= stepsize_ * mean_;
    downlink_.payload = x_;
    return downlink_;
  }
  const Vector& iterate() const override { return x_; }

 private:
  double stepsize_;
  Vector x_, mean_;
  Downlink downlink_;
};

class GdWorker final : public WorkerRole {
 public:
  GdWorker(const LocalOracle& oracle, int float_bits)
      : oracle_(oracle), bits_(dense_bits(oracle.dim(), float_bits)) {}
  void on_downlink(const Downlink& downlink, std::span<Uplink> out) override {
    for (Uplink& u : out) {
      u.work = oracle_.gradient(downlink.payload, u.payload);
      u.bits = bits_;
      u.kind = sim::MessageKind::full_gradient;
    }
  }

 private:
  const LocalOracle& oracle_;
  sim::Bits bits_;
};

class AveragingMethod final : public Algorithm {
 public:
  AveragingMethod(const Problem& problem, double stepsize, int float_bits, nlohmann::json constants)
      : problem_(problem),
        stepsize_(stepsize),
        float_bits_(float_bits),
        constants_(std::move(constants)) {}
  std::unique_ptr<ServerRole> make_server() const override {
    return std::make_unique<GdServer>(problem_, stepsize_, float_bits_);
  }
  std::unique_ptr<WorkerRole> make_worker(int worker) const override {
    return std::make_unique<GdWorker>(problem_.local(worker), float_bits_);
  }
  nlohmann::json constants() const override { return constants_; }

 private:
  const Problem& problem_;
  double stepsize_;
  int float_bits_;
  nlohmann::json constants_;
};

}  // namespace

const sim::ParamsDecl<GdParams>& gd_params() {
  static const sim::ParamsDecl<GdParams> decl = [] {
    sim::ParamsDecl<GdParams> d;
    declare_method_common(d);
    return d;
  }();
  return decl;
}

std::unique_ptr<Algorithm> make_averaging_method(const Problem& problem, double stepsize,
                                                 int float_bits, nlohmann::json constants) {
  return std::make_unique<AveragingMethod>(problem, stepsize, float_bits, std::move(constants));
}

std::unique_ptr<Algorithm> make_gd(const sim::PartSpec& spec, const AlgorithmContext& ctx) {
  const auto& p = spec.get<GdParams>();
  const double L = ctx.problem.constants().max_local;
  const double theory = 1.0 / L;
  const double stepsize = p.stepsize.resolve(theory, theory);
  return make_averaging_method(ctx.problem, stepsize, p.float_bits,
                               {{"stepsize", stepsize},
                                {"stepsize_rule", p.stepsize.describe()},
                                {"stepsize_theory", theory},
                                {"L", L},
                                {"float_bits", p.float_bits}});
}

}  // namespace commsim::algo
