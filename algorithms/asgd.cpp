#include "algorithms/asgd.hpp"

#include <fmt/format.h>

#include "algorithms/event_roles.hpp"
#include "algorithms/gradient_worker.hpp"
#include "algorithms/shared_point.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::algo {
namespace {

class AsgdServer final : public EventServerRole {
 public:
  AsgdServer(const Problem& problem, double stepsize, int float_bits)
      : n_(problem.num_workers()),
        stepsize_(stepsize),
        bits_(dense_bits(problem.dim(), float_bits)),
        x_(Vector::Zero(problem.dim())) {}

  void start(std::vector<Dispatch>& out) override {
    for (int i = 0; i < n_; ++i) out.push_back(Dispatch{i, x_.share(), bits_, 0, false});
  }
  ArrivalOutcome on_arrival(const Arrival& a, std::vector<Dispatch>& out) override {
    x_.write() -= stepsize_ * a.uplink.payload;
    ++step_;
    out.push_back(Dispatch{a.worker, x_.share(), bits_, step_, false});
    return ArrivalOutcome{1, 0, true};
  }
  const Vector& iterate() const override { return x_.get(); }

 private:
  int n_;
  double stepsize_;
  sim::Bits bits_;
  SharedPoint x_;
  std::uint64_t step_ = 0;
};

class Asgd final : public Algorithm {
 public:
  Asgd(const Problem& problem, double stepsize, int float_bits)
      : problem_(problem), stepsize_(stepsize), float_bits_(float_bits) {}
  Protocol protocol() const override { return Protocol::event_driven; }
  std::unique_ptr<EventServerRole> make_event_server() const override {
    return std::make_unique<AsgdServer>(problem_, stepsize_, float_bits_);
  }
  std::unique_ptr<EventWorkerRole> make_event_worker(int worker) const override {
    return std::make_unique<GradientWorker>(problem_.local(worker), float_bits_);
  }
  nlohmann::json constants() const override {
    return {{"stepsize", stepsize_},
            {"stepsize_rule", "fixed"},
            {"L", problem_.constants().max_local},
            {"float_bits", float_bits_}};
  }

 private:
  const Problem& problem_;
  double stepsize_;
  int float_bits_;
};

}  // namespace

void require_fixed_stepsize(const MethodCommon& params, const char* method) {
  if (params.stepsize.kind != StepsizeRule::Kind::fixed)
    throw ConfigError(
        sim::join_path(params.path, "stepsize"),
        fmt::format("{} has no theory stepsize here; give a number (see README)", method));
}

const sim::ParamsDecl<AsgdParams>& asgd_params() {
  static const sim::ParamsDecl<AsgdParams> decl = [] {
    sim::ParamsDecl<AsgdParams> d;
    declare_method_common(d);
    return d;
  }();
  return decl;
}

sim::Json check_asgd(const sim::PartSpec& spec, const ProblemShape&) {
  require_fixed_stepsize(spec.get<AsgdParams>(), "asgd");
  return sim::Json::object();
}

std::unique_ptr<Algorithm> make_asgd(const sim::PartSpec& spec, const AlgorithmContext& ctx) {
  const auto& p = spec.get<AsgdParams>();
  return std::make_unique<Asgd>(ctx.problem, p.stepsize.value, p.float_bits);
}

}  // namespace commsim::algo
