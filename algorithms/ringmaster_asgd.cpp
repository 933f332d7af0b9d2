#include "algorithms/ringmaster_asgd.hpp"

#include <algorithm>
#include <deque>

#include "algorithms/event_roles.hpp"
#include "algorithms/gradient_worker.hpp"
#include "algorithms/shared_point.hpp"

namespace commsim::algo {
namespace {

class RingmasterServer final : public EventServerRole {
 public:
  RingmasterServer(const Problem& problem, std::int64_t threshold, double stepsize, int float_bits,
                   bool stop_stale)
      : n_(problem.num_workers()),
        threshold_(static_cast<std::uint64_t>(threshold)),
        stepsize_(stepsize),
        bits_(dense_bits(problem.dim(), float_bits)),
        stop_stale_(stop_stale),
        x_(Vector::Zero(problem.dim())),
        version_(static_cast<std::size_t>(n_), 0) {}

  void start(std::vector<Dispatch>& out) override {
    for (int i = 0; i < n_; ++i) send(i, false, out);
  }
  ArrivalOutcome on_arrival(const Arrival& a, std::vector<Dispatch>& out) override {
    ArrivalOutcome outcome;
    // After a restart, the abandoned computation's uplink may still arrive: it is discarded and
    // the worker, already busy on the newer point, is not sent another.
    const bool current = a.version == version_[static_cast<std::size_t>(a.worker)];
    if (step_ - a.version < threshold_) {
      x_.write() -= stepsize_ * a.uplink.payload;
      ++step_;
      outcome = {1, 0, true};
    } else {
      outcome.discarded = 1;
    }
    if (current) send(a.worker, false, out);
    if (stop_stale_ && outcome.stepped) restart_stale(out);
    return outcome;
  }
  const Vector& iterate() const override { return x_.get(); }

 private:
  void send(int w, bool restart, std::vector<Dispatch>& out) {
    version_[static_cast<std::size_t>(w)] = step_;
    if (stop_stale_) sent_.push_back({step_, w});
    out.push_back(Dispatch{w, x_.share(), bits_, step_, restart});
  }
  // Points go out in step order, so the stale ones are at the front of sent_.
  void restart_stale(std::vector<Dispatch>& out) {
    while (!sent_.empty() && step_ - sent_.front().first >= threshold_) {
      const auto [version, w] = sent_.front();
      sent_.pop_front();
      if (version_[static_cast<std::size_t>(w)] == version) send(w, true, out);
    }
  }

  int n_;
  std::uint64_t threshold_;
  double stepsize_;
  sim::Bits bits_;
  bool stop_stale_;
  SharedPoint x_;
  std::vector<std::uint64_t> version_;  ///< the point each worker is computing on
  std::deque<std::pair<std::uint64_t, int>> sent_;
  std::uint64_t step_ = 0;
};

class Ringmaster final : public Algorithm {
 public:
  Ringmaster(const Problem& problem, const RingmasterParams& p)
      : problem_(problem),
        p_(p),
        s_(resolve_count_and_stepsize(p, p.delay_threshold, problem, "ringmaster_asgd's theory",
                                      ringmaster_stepsize)) {}
  Protocol protocol() const override { return Protocol::event_driven; }
  std::unique_ptr<EventServerRole> make_event_server() const override {
    return std::make_unique<RingmasterServer>(problem_, s_.count, s_.stepsize, p_.float_bits,
                                              p_.stop_stale_computations);
  }
  std::unique_ptr<EventWorkerRole> make_event_worker(int worker) const override {
    return std::make_unique<GradientWorker>(problem_.local(worker), p_.float_bits);
  }
  nlohmann::json constants() const override {
    nlohmann::json c = {{"stepsize", s_.stepsize},
                        {"stepsize_rule", p_.stepsize.describe()},
                        {"delay_threshold", s_.count},
                        {"delay_threshold_rule",
                         p_.delay_threshold.value ? "given" : "theory: max(1, ceil(sigma^2/eps))"},
                        {"stop_stale_computations", p_.stop_stale_computations},
                        {"L", problem_.constants().max_local},
                        {"float_bits", p_.float_bits}};
    s_.add_theory(c);
    return c;
  }

 private:
  const Problem& problem_;
  RingmasterParams p_;
  CountAndStepsize s_;
};

}  // namespace

double ringmaster_stepsize(double L, std::int64_t threshold, const NoiseTarget& t) {
  const double delayed = 1.0 / (2.0 * static_cast<double>(threshold) * L);
  if (t.sigma_sq <= 0.0) return delayed;
  return std::min(delayed, t.eps / (4.0 * L * t.sigma_sq));
}

const sim::ParamsDecl<RingmasterParams>& ringmaster_params() {
  static const sim::ParamsDecl<RingmasterParams> decl = [] {
    sim::ParamsDecl<RingmasterParams> d;
    declare_stochastic_common(d);
    d.custom(theory_count_key("delay_threshold", "R: gradients with delay >= R are ignored"),
             &RingmasterParams::delay_threshold,
             sim::ParamsDecl<RingmasterParams>::Parser<TheoryCount>(parse_theory_count));
    d.boolean("stop_stale_computations", &RingmasterParams::stop_stale_computations, false,
              "restart a worker whose computation in progress reaches delay R");
    return d;
  }();
  return decl;
}

std::unique_ptr<Algorithm> make_ringmaster_asgd(const sim::PartSpec& spec,
                                                const AlgorithmContext& ctx) {
  return std::make_unique<Ringmaster>(ctx.problem, spec.get<RingmasterParams>());
}

}  // namespace commsim::algo
