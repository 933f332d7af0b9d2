#include "algorithms/rennala_sgd.hpp"

#include "algorithms/event_roles.hpp"
#include "algorithms/gradient_worker.hpp"
#include "algorithms/shared_point.hpp"

namespace commsim::algo {
namespace {

class RennalaServer final : public EventServerRole {
 public:
  RennalaServer(const Problem& problem, std::int64_t batch, double stepsize, int float_bits)
      : n_(problem.num_workers()),
        batch_(batch),
        stepsize_(stepsize),
        bits_(dense_bits(problem.dim(), float_bits)),
        x_(Vector::Zero(problem.dim())),
        sum_(Vector::Zero(problem.dim())) {}

  void start(std::vector<Dispatch>& out) override {
    for (int i = 0; i < n_; ++i) out.push_back(Dispatch{i, x_.share(), bits_, 0, false});
  }
  ArrivalOutcome on_arrival(const Arrival& a, std::vector<Dispatch>& out) override {
    ArrivalOutcome outcome;
    if (a.version == step_) {
      sum_ += a.uplink.payload;
      outcome.used = 1;
      if (++collected_ == batch_) {
        x_.write() -= (stepsize_ / static_cast<double>(batch_)) * sum_;
        sum_.setZero();
        collected_ = 0;
        ++step_;
        outcome.stepped = true;
      }
    } else {
      outcome.discarded = 1;
    }
    out.push_back(Dispatch{a.worker, x_.share(), bits_, step_, false});
    return outcome;
  }
  const Vector& iterate() const override { return x_.get(); }

 private:
  int n_;
  std::int64_t batch_;
  double stepsize_;
  sim::Bits bits_;
  SharedPoint x_;
  Vector sum_;
  std::int64_t collected_ = 0;
  std::uint64_t step_ = 0;
};

class Rennala final : public Algorithm {
 public:
  Rennala(const Problem& problem, const RennalaParams& p)
      : problem_(problem),
        p_(p),
        s_(resolve_count_and_stepsize(p, p.batch, problem, "rennala_sgd's theory",
                                      batch_sgd_stepsize)) {}
  Protocol protocol() const override { return Protocol::event_driven; }
  std::unique_ptr<EventServerRole> make_event_server() const override {
    return std::make_unique<RennalaServer>(problem_, s_.count, s_.stepsize, p_.float_bits);
  }
  std::unique_ptr<EventWorkerRole> make_event_worker(int worker) const override {
    return std::make_unique<GradientWorker>(problem_.local(worker), p_.float_bits);
  }
  nlohmann::json constants() const override {
    nlohmann::json c = {
        {"stepsize", s_.stepsize},
        {"stepsize_rule", p_.stepsize.describe()},
        {"batch", s_.count},
        {"batch_rule", p_.batch.value ? "given" : "theory: max(ceil(sigma^2/eps), 1)"},
        {"L", problem_.constants().max_local},
        {"float_bits", p_.float_bits}};
    s_.add_theory(c);
    return c;
  }

 private:
  const Problem& problem_;
  RennalaParams p_;
  CountAndStepsize s_;
};

}  // namespace

const sim::ParamsDecl<RennalaParams>& rennala_params() {
  static const sim::ParamsDecl<RennalaParams> decl = [] {
    sim::ParamsDecl<RennalaParams> d;
    declare_stochastic_common(d);
    d.custom(theory_count_key("batch", "S, gradients at the current point per step"),
             &RennalaParams::batch,
             sim::ParamsDecl<RennalaParams>::Parser<TheoryCount>(parse_theory_count));
    return d;
  }();
  return decl;
}

std::unique_ptr<Algorithm> make_rennala_sgd(const sim::PartSpec& spec,
                                            const AlgorithmContext& ctx) {
  return std::make_unique<Rennala>(ctx.problem, spec.get<RennalaParams>());
}

}  // namespace commsim::algo
