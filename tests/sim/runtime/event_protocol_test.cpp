#include "sim/runtime/event_protocol.hpp"

#include <doctest/doctest.h>

#include <functional>

#include "../../algorithms/event_test_support.hpp"
#include "algorithms/gradient_worker.hpp"
#include "algorithms/shared_point.hpp"
#include "test_problem.hpp"

using namespace commsim;

namespace {

/// A server whose reaction to each arrival is scripted by the test: it always steps (x moves by
/// −0.1 g) and sends what `react` appends; `start` sends x⁰ to every worker.
class ScriptedServer final : public algo::EventServerRole {
 public:
  using React = std::function<void(const algo::Arrival&, std::uint64_t step,
                                   const std::shared_ptr<const algo::Vector>& x,
                                   std::vector<algo::Dispatch>& out)>;
  ScriptedServer(int n, int d, React react) : n_(n), x_(algo::Vector::Zero(d)), react_(react) {}
  void start(std::vector<algo::Dispatch>& out) override {
    for (int i = 0; i < n_; ++i) out.push_back({i, x_.share(), 64, 0, false});
  }
  algo::ArrivalOutcome on_arrival(const algo::Arrival& a,
                                  std::vector<algo::Dispatch>& out) override {
    x_.write() -= 0.1 * a.uplink.payload;
    ++step_;
    react_(a, step_, x_.share(), out);
    return {1, 0, true};
  }
  const algo::Vector& iterate() const override { return x_.get(); }

 private:
  int n_;
  algo::SharedPoint x_;
  React react_;
  std::uint64_t step_ = 0;
};

class Scripted final : public algo::Algorithm {
 public:
  Scripted(const algo::Problem& p, ScriptedServer::React react) : p_(p), react_(react) {}
  algo::Protocol protocol() const override { return algo::Protocol::event_driven; }
  std::unique_ptr<algo::EventServerRole> make_event_server() const override {
    return std::make_unique<ScriptedServer>(p_.num_workers(), int(p_.dim()), react_);
  }
  std::unique_ptr<algo::EventWorkerRole> make_event_worker(int w) const override {
    return std::make_unique<algo::GradientWorker>(p_.local(w), 32);
  }
  nlohmann::json constants() const override { return {{"stepsize", 0.1}}; }

 private:
  const algo::Problem& p_;
  ScriptedServer::React react_;
};

/// Hosts with τ_i seconds per call, uplinks and downlinks with the given latencies.
std::unique_ptr<net::Platform> latency_star(const std::vector<double>& tau, double up_s,
                                            double down_s) {
  std::vector<net::HostSpec> hosts;
  for (double t : tau) hosts.push_back(net::HostSpec{1e9, t});
  const double inf = std::numeric_limits<double>::infinity();
  const net::LinkSpec up{inf, sim::Time::from_seconds(up_s)},
      down{inf, sim::Time::from_seconds(down_s)};
  const net::LinkSpec instant{inf, sim::Time::zero()};
  auto topology = net::make_star(std::vector<net::LinkSpec>(tau.size(), up),
                                 std::vector<net::LinkSpec>(tau.size(), down), instant, instant);
  return std::make_unique<net::Platform>(
      std::move(hosts), std::move(topology), [](const auto& links) {
        return std::unique_ptr<net::TransferModel>(std::make_unique<net::IdealTransfer>(links));
      });
}

void send_back(const algo::Arrival& a, std::uint64_t step,
               const std::shared_ptr<const algo::Vector>& x, std::vector<algo::Dispatch>& out) {
  out.push_back({a.worker, x, 64, step, false});
}

}  // namespace

TEST_CASE("EventProtocol: each cycle is downlink latency + compute + uplink latency") {
  auto problem = testing::make_quadratic_problem(2, 3);
  Scripted method(*problem, send_back);
  auto platform = latency_star({1.0, 2.5}, /*up=*/0.1, /*down=*/0.2);
  const auto trace = testing::run_for(*problem, method, *platform, 4);
  // Worker 0 cycles every 1.3 s from t = 0 (arrivals 1.3, 2.6, 3.9), worker 1 at 2.8.
  REQUIRE(trace.rows.size() == 5);
  const double expected[] = {0.0, 1.3, 2.6, 2.8, 3.9};
  for (int k = 1; k <= 4; ++k)
    CHECK(trace.rows[k].time.to_seconds() == doctest::Approx(expected[k]));
  // Worker 1's gradient was computed at x⁰ and arrived after two steps.
  CHECK(trace.rows[3].mean_delay == 2.0);
  CHECK(trace.rows[2].mean_delay == 0.0);
  // Step 3 (t = 2.8): its uplink's compute (2.5 s) is capped at the step's 0.2 s.
  CHECK(trace.rows[3].compute_time.to_seconds() == doctest::Approx(1.0 + 1.0 + 0.2));
  // messages.csv's round is the server step at which the message was sent.
  for (const auto& m : trace.messages) {
    if (m.src < 0 && m.send_time.to_seconds() == doctest::Approx(2.6)) CHECK(m.round == 2);
    if (m.src == 1) CHECK(m.round == 2);  // computed on x⁰, sent at t = 2.7, after step 2
  }
}

TEST_CASE("EventProtocol: points sent to a busy worker queue up and are computed in order") {
  auto problem = testing::make_quadratic_problem(2, 3);
  // On worker 0's first arrival, worker 1 (busy until t = 3) is sent two more points.
  Scripted method(*problem, [](const algo::Arrival& a, std::uint64_t step, const auto& x,
                               std::vector<algo::Dispatch>& out) {
    out.push_back({a.worker, x, 64, step, false});
    if (a.worker == 0 && step == 1) {
      out.push_back({1, x, 64, step, false});
      out.push_back({1, x, 64, step, false});
    }
  });
  auto platform = testing::timed_star({1.0, 3.0});
  const auto trace = testing::run_for(*problem, method, *platform, 12);
  std::vector<double> worker1;
  for (const auto& m : trace.messages)
    if (m.src == 1) worker1.push_back(m.arrival_time.to_seconds());
  // Worker 1 finishes x⁰ at 3, then the two queued points at 6 and 9.
  REQUIRE(worker1.size() >= 3);
  CHECK(worker1[0] == doctest::Approx(3.0));
  CHECK(worker1[1] == doctest::Approx(6.0));
  CHECK(worker1[2] == doctest::Approx(9.0));
}

TEST_CASE("EventProtocol: a restart abandons the computation in progress and its work") {
  auto problem = testing::make_quadratic_problem(2, 3);
  // At worker 0's first arrival (t = 1), worker 1 (computing x⁰ until t = 4) is restarted.
  Scripted method(*problem, [](const algo::Arrival& a, std::uint64_t step, const auto& x,
                               std::vector<algo::Dispatch>& out) {
    out.push_back({a.worker, x, 64, step, false});
    if (a.worker == 0 && step == 1) out.push_back({1, x, 64, step, true});
  });
  auto platform = testing::timed_star({1.0, 4.0});
  const auto trace = testing::run_for(*problem, method, *platform, 6);
  std::vector<double> worker1;
  for (const auto& m : trace.messages)
    if (m.src == 1) worker1.push_back(m.arrival_time.to_seconds());
  // Restarted at t = 1, worker 1 delivers at 5 (not 4), with the point of step 1. Worker 0 also
  // finishes at 5; worker 1's completion was scheduled first, so it is step 5, after worker 0's
  // steps at 1, 2, 3, 4: delay 4 − 1 = 3.
  REQUIRE(worker1.size() == 1);
  CHECK(worker1[0] == doctest::Approx(5.0));
  CHECK(trace.rows[5].time.to_seconds() == doctest::Approx(5.0));
  CHECK(trace.rows[5].mean_delay == 3.0);
  // Six completed computations: worker 0 at 1, 2, 3, 4, 5 and worker 1's restarted one; the
  // abandoned one is not counted.
  CHECK(trace.summary.grad_evals == 6);
}
