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

class Gd final : public Algorithm {
 public:
  Gd(const Problem& problem, StepsizeRule rule, int float_bits)
      : problem_(problem), rule_(rule), float_bits_(float_bits) {
    theory_ = 1.0 / problem.constants().max_local;
    stepsize_ = rule_.resolve(theory_, theory_);
  }
  std::unique_ptr<ServerRole> make_server() const override {
    return std::make_unique<GdServer>(problem_, stepsize_, float_bits_);
  }
  std::unique_ptr<WorkerRole> make_worker(int worker) const override {
    return std::make_unique<GdWorker>(problem_.local(worker), float_bits_);
  }
  nlohmann::json constants() const override {
    return {{"stepsize", stepsize_},
            {"stepsize_rule", rule_.describe()},
            {"stepsize_theory", theory_},
            {"L", problem_.constants().max_local},
            {"float_bits", float_bits_}};
  }

 private:
  const Problem& problem_;
  StepsizeRule rule_;
  int float_bits_;
  double theory_ = 0.0, stepsize_ = 0.0;
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

std::unique_ptr<Algorithm> make_gd(const sim::PartSpec& spec, const AlgorithmContext& ctx) {
  const auto& p = spec.get<GdParams>();
  return std::make_unique<Gd>(ctx.problem, p.stepsize, p.float_bits);
}

}  // namespace commsim::algo
