#include "sim/runtime/runtime.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "algorithms/builtin.hpp"
#include "networks/ideal_transfer.hpp"
#include "networks/topology.hpp"
#include "test_problem.hpp"

using namespace commsim;

namespace {

struct Rows final : sim::Recorder {
  std::vector<sim::RoundRecord> rows;
  std::vector<sim::MessageRecord> messages;
  void on_round(const sim::RoundRecord& r) override {
    rows.push_back(r);
    rows.back().bits_up_by_worker = {};
    rows.back().bits_down_by_worker = {};
  }
  void on_message(const sim::MessageRecord& m) override { messages.push_back(m); }
};

std::unique_ptr<net::Platform> star(int n, net::LinkSpec up, net::LinkSpec down, double speed) {
  std::vector<net::HostSpec> hosts(static_cast<std::size_t>(n), net::HostSpec{speed, std::nullopt});
  const net::LinkSpec unlimited{std::numeric_limits<double>::infinity(), sim::Time::zero()};
  auto topology = net::make_star(std::vector<net::LinkSpec>(static_cast<std::size_t>(n), up),
                                 std::vector<net::LinkSpec>(static_cast<std::size_t>(n), down),
                                 unlimited, unlimited);
  return std::make_unique<net::Platform>(
      std::move(hosts), std::move(topology), [](const auto& links) {
        return std::unique_ptr<net::TransferModel>(std::make_unique<net::IdealTransfer>(links));
      });
}

std::unique_ptr<algo::Algorithm> gd(const algo::Problem& p, const sim::RngStreams& streams,
                                    sim::Json cfg) {
  cfg["name"] = "gd";
  sim::JsonReader r(cfg, "algorithm");
  auto a =
      algo::build_algorithm(algo::algorithm_registry().read(r), algo::AlgorithmContext{p, streams});
  r.finish();
  return a;
}

}  // namespace

TEST_CASE("sim::Runtime: a message's wire_bits are its payload bits plus the platform's headers") {
  const int n = 2, d = 10;
  auto problem = testing::make_quadratic_problem(n, d, /*flops=*/2000.0);
  const sim::RngStreams streams(1);
  auto algorithm = gd(*problem, streams, {{"stepsize", 0.1}});
  auto platform =
      star(n, {2e6, sim::Time::from_seconds(0.010)}, {1e6, sim::Time::from_seconds(0.005)}, 1e6);
  platform->set_header_bits(480);
  sim::RuntimeOptions options;
  options.stop.max_rounds = 2;
  options.record_messages = true;
  sim::Runtime runtime(*problem, *algorithm, *platform, options);
  Rows rows;
  runtime.add_recorder(rows);
  const sim::RunSummary s = runtime.run();

  REQUIRE(rows.messages.size() == 2 * n * 2);
  for (const auto& m : rows.messages) {
    CHECK(m.bits == 320u);  // 10 coordinates × 32 bits, as GD accounts them
    CHECK(m.wire_bits == 320u + 480u);
    // The network moved the wire bits: downlink 1 Mbps / 5 ms, uplink 2 Mbps / 10 ms.
    const double took = (m.arrival_time - m.send_time).to_seconds();
    CHECK(took == doctest::Approx(m.src < 0 ? 0.005 + 800.0 / 1e6 : 0.010 + 800.0 / 2e6));
  }
  CHECK(s.bits_up == 2u * n * 320u);  // the counters keep payload bits
}

TEST_CASE("sim::Runtime: a GD round over the ideal star takes latency + size/bandwidth + compute") {
  const int n = 3, d = 10;
  auto problem = testing::make_quadratic_problem(n, d, /*flops=*/2000.0);
  const sim::RngStreams streams(1);
  auto algorithm = gd(*problem, streams, {{"stepsize", 0.1}});
  // Downlink 1 Mbps / 5 ms, uplink 2 Mbps / 10 ms, 1 MFlop/s hosts; messages are 10 × 32 bits.
  auto platform =
      star(n, {2e6, sim::Time::from_seconds(0.010)}, {1e6, sim::Time::from_seconds(0.005)}, 1e6);
  sim::RuntimeOptions options;
  options.stop.max_rounds = 4;
  options.record_messages = true;
  sim::Runtime runtime(*problem, *algorithm, *platform, options);
  Rows rows;
  runtime.add_recorder(rows);
  const sim::RunSummary s = runtime.run();

  const double round_s = (0.005 + 320.0 / 1e6) + 2000.0 / 1e6 + (0.010 + 320.0 / 2e6);
  REQUIRE(rows.rows.size() == 5);
  for (std::size_t k = 0; k < rows.rows.size(); ++k) {
    CHECK(rows.rows[k].round == k);
    CHECK(rows.rows[k].time.to_seconds() == doctest::Approx(k * round_s).epsilon(1e-12));
    CHECK(rows.rows[k].bits_up == k * n * 320u);
    CHECK(rows.rows[k].bits_down == k * n * 320u);
    CHECK(rows.rows[k].grad_evals == k * n);
    // The critical path splits the round exactly into compute and communication.
    CHECK(rows.rows[k].compute_time.to_seconds() == doctest::Approx(k * 0.002).epsilon(1e-12));
    CHECK((rows.rows[k].compute_time + rows.rows[k].comm_time) == rows.rows[k].time);
  }
  CHECK(s.termination == sim::Termination::max_rounds);
  CHECK(s.rounds == 4);
  // One broadcast and one uplink per worker per round, in arrival order.
  REQUIRE(rows.messages.size() == 4u * 2u * n);
  CHECK(rows.messages[0].kind == sim::MessageKind::broadcast);
  CHECK(rows.messages[0].arrival_time.to_seconds() == doctest::Approx(0.005 + 320.0 / 1e6));
  CHECK(rows.messages[n].kind == sim::MessageKind::full_gradient);
  CHECK(rows.messages[n].dst == -1);
  for (std::size_t i = 1; i < rows.messages.size(); ++i)
    CHECK(rows.messages[i].arrival_time >= rows.messages[i - 1].arrival_time);
}

TEST_CASE(
    "sim::Runtime: over an ideal network with zero latency, infinite bandwidth and zero compute, "
    "a run reproduces a plain loop calling the same roles") {
  const int n = 4, d = 6;
  auto problem = testing::make_quadratic_problem(n, d, 0.0);
  const sim::RngStreams streams(3);
  auto algorithm = gd(*problem, streams, {{"stepsize", "theory"}});
  const double inf = std::numeric_limits<double>::infinity();
  auto platform = star(n, {inf, sim::Time::zero()}, {inf, sim::Time::zero()}, inf);
  sim::RuntimeOptions options;
  options.stop.max_rounds = 25;
  sim::Runtime runtime(*problem, *algorithm, *platform, options);
  Rows rows;
  runtime.add_recorder(rows);
  runtime.run();

  // The plain loop: the same roles, called directly.
  auto server = algorithm->make_server();
  std::vector<std::unique_ptr<algo::WorkerRole>> workers;
  for (int i = 0; i < n; ++i) workers.push_back(algorithm->make_worker(i));
  std::vector<algo::Uplink> uplinks(static_cast<std::size_t>(n));
  const algo::Downlink* down = &server->start();
  for (int k = 0; k <= 25; ++k) {
    CHECK(rows.rows[static_cast<std::size_t>(k)].loss == problem->loss(server->iterate()));
    CHECK(rows.rows[static_cast<std::size_t>(k)].time == sim::Time::zero());
    if (k == 25) break;
    std::vector<const algo::Uplink*> ptrs;
    for (int i = 0; i < n; ++i) {
      workers[static_cast<std::size_t>(i)]->on_downlink(
          *down, std::span<algo::Uplink>(&uplinks[static_cast<std::size_t>(i)], 1));
      ptrs.push_back(&uplinks[static_cast<std::size_t>(i)]);
    }
    down = &server->on_uplinks(ptrs);
  }
}

TEST_CASE("sim::Runtime: GD on a quadratic converges to the average of the centres") {
  const int n = 3, d = 4;
  auto problem = testing::make_quadratic_problem(n, d);
  const sim::RngStreams streams(1);
  auto algorithm = gd(*problem, streams, {});
  auto platform = star(n, {1e9, sim::Time::zero()}, {1e9, sim::Time::zero()}, 1e9);
  sim::RuntimeOptions options;
  options.stop.max_rounds = 100000;
  options.stop.grad_norm_sq = 1e-20;
  sim::Runtime runtime(*problem, *algorithm, *platform, options);
  const sim::RunSummary s = runtime.run();
  CHECK(s.termination == sim::Termination::converged);
  CHECK(s.final_grad_norm_sq <= 1e-20);
  CHECK(s.rounds < 1000);
}

TEST_CASE("sim::Runtime: a too-large stepsize ends as diverged with only finite rows") {
  const int n = 2, d = 3;
  auto problem = testing::make_quadratic_problem(n, d);
  const sim::RngStreams streams(1);
  auto algorithm = gd(*problem, streams, {{"stepsize", 10.0}});
  auto platform = star(n, {1e9, sim::Time::zero()}, {1e9, sim::Time::zero()}, 1e9);
  sim::RuntimeOptions options;
  options.stop.max_rounds = 100000;
  sim::Runtime runtime(*problem, *algorithm, *platform, options);
  Rows rows;
  runtime.add_recorder(rows);
  const sim::RunSummary s = runtime.run();
  CHECK(s.termination == sim::Termination::diverged);
  CHECK(s.rounds < 100);
  for (const auto& r : rows.rows) {
    CHECK(std::isfinite(r.grad_norm_sq));
    CHECK(std::isfinite(r.loss));
  }
}

TEST_CASE(
    "sim::Runtime: record_every thins rows but always keeps the last round; limits stop the run") {
  const int n = 2, d = 3;
  auto problem = testing::make_quadratic_problem(n, d);
  const sim::RngStreams streams(1);
  auto algorithm = gd(*problem, streams, {{"stepsize", 0.01}});
  auto platform =
      star(n, {1e6, sim::Time::from_seconds(0.001)}, {1e6, sim::Time::from_seconds(0.001)}, 1e9);
  SUBCASE("record every 4 of 10 rounds") {
    sim::RuntimeOptions options;
    options.stop.max_rounds = 10;
    options.record_every = 4;
    sim::Runtime runtime(*problem, *algorithm, *platform, options);
    Rows rows;
    runtime.add_recorder(rows);
    runtime.run();
    std::vector<std::uint64_t> rounds;
    for (const auto& r : rows.rows) rounds.push_back(r.round);
    CHECK(rounds == std::vector<std::uint64_t>{0, 4, 8, 10});
  }
  SUBCASE("bit budget") {
    sim::RuntimeOptions options;
    options.stop.max_rounds = 1000;
    options.stop.max_bits = 5 * n * 96;  // five rounds of uplinks
    sim::Runtime runtime(*problem, *algorithm, *platform, options);
    const auto s = runtime.run();
    CHECK(s.termination == sim::Termination::max_bits);
    CHECK(s.rounds == 5);
  }
  SUBCASE("time limit") {
    sim::RuntimeOptions options;
    options.stop.max_rounds = 1000;
    options.stop.max_time = sim::Time::from_seconds(0.0101);  // each round is > 2 ms
    sim::Runtime runtime(*problem, *algorithm, *platform, options);
    const auto s = runtime.run();
    CHECK(s.termination == sim::Termination::max_time);
    CHECK(s.rounds == 4);
  }
}

namespace {

struct Outcome {
  sim::RunSummary summary;
  std::vector<sim::RoundRecord> rows;
};

Outcome run_gd(const algo::Problem& problem, double stepsize, sim::RuntimeOptions options,
               net::LinkSpec link = {1e9, sim::Time::zero()}) {
  const sim::RngStreams streams(1);
  auto algorithm = gd(problem, streams, {{"stepsize", stepsize}});
  auto platform = star(problem.num_workers(), link, link, 1e9);
  sim::Runtime runtime(problem, *algorithm, *platform, options);
  Rows rows;
  runtime.add_recorder(rows);
  Outcome out{runtime.run(), {}};
  out.rows = std::move(rows.rows);
  return out;
}

}  // namespace

TEST_CASE("sim::Runtime: stall and convergence are judged every round, whatever record_every") {
  // GD on the quadratic: ‖∇f‖² falls steadily, by a factor about (1 − 1.5γ)² per round.
  auto problem = testing::make_quadratic_problem(2, 3);
  sim::RuntimeOptions options;
  options.stop.max_rounds = 5000;
  double stepsize = 1e-4;
  SUBCASE("stall") {
    options.stop.stall_rounds = 97;
    options.stop.stall_tolerance = 0.05;
  }
  SUBCASE("convergence") {
    stepsize = 0.01;
    options.stop.grad_norm_sq = 1e-3;
  }
  const Outcome every1 = run_gd(*problem, stepsize, options);
  // The expected stop round from the every-round trace, by the definitions.
  std::vector<double> g;
  for (const auto& r : every1.rows) g.push_back(r.grad_norm_sq);
  std::uint64_t expected = 0;
  for (std::size_t k = 1; k < g.size() && expected == 0; ++k) {
    const std::size_t w = options.stop.stall_rounds;
    if (options.stop.grad_norm_sq > 0.0 && g[k] <= options.stop.grad_norm_sq) expected = k;
    if (w > 0 && k >= w && g[k] > (1.0 - options.stop.stall_tolerance) * g[k - w])
      expected = k;  // g is decreasing here, so the best is the value itself
  }
  REQUIRE(expected > 0);
  CHECK(every1.summary.rounds == expected);
  CHECK(expected % 10 != 0);  // not on a recorded round of every = 10: the test can tell
  for (std::uint64_t every : {10u, 7u, 1000u}) {
    options.record_every = every;
    const Outcome thin = run_gd(*problem, stepsize, options);
    CAPTURE(every);
    CHECK(thin.summary.termination == every1.summary.termination);
    CHECK(thin.summary.rounds == expected);
    CHECK(thin.summary.message == every1.summary.message);
    CHECK(thin.rows.back().round == expected);
    CHECK(thin.summary.final_grad_norm_sq == g[expected]);
  }
}

TEST_CASE(
    "sim::Runtime: per-round gains below the stall tolerance that add up beyond it are not "
    "a stall") {
  auto problem = testing::make_quadratic_problem(2, 3);
  sim::RuntimeOptions options;
  options.stop.max_rounds = 300;
  options.stop.stall_rounds = 100;
  options.stop.stall_tolerance = 1e-3;
  const Outcome out = run_gd(*problem, 1e-4, options);
  const auto& r = out.rows;
  REQUIRE(r.size() == 301);
  CHECK(1.0 - r[1].grad_norm_sq / r[0].grad_norm_sq < 1e-3);    // each round: below
  CHECK(1.0 - r[100].grad_norm_sq / r[0].grad_norm_sq > 1e-2);  // each window: 10× above
  CHECK(out.summary.termination == sim::Termination::max_rounds);
}

TEST_CASE("sim::Runtime: a non-finite round ends the run at that round with the last finite row") {
  auto problem = testing::make_quadratic_problem(2, 3);
  sim::RuntimeOptions options;
  options.stop.max_rounds = 100000;
  options.stop.divergence_factor = std::numeric_limits<double>::infinity();  // only NaN/Inf
  const Outcome every1 = run_gd(*problem, 10.0, options);
  REQUIRE(every1.summary.termination == sim::Termination::diverged);
  REQUIRE(every1.summary.non_finite_round);
  const std::uint64_t bad = *every1.summary.non_finite_round;
  CHECK(every1.summary.rounds == bad);
  CHECK(every1.rows.back().round == bad - 1);
  options.record_every = 1000;
  const Outcome thin = run_gd(*problem, 10.0, options);
  CHECK(thin.summary.termination == sim::Termination::diverged);
  CHECK(thin.summary.non_finite_round == bad);
  CHECK(thin.summary.message == every1.summary.message);
  // The trace keeps the start and the last finite round; the summary's final values are its.
  REQUIRE(thin.rows.size() == 2);
  CHECK(thin.rows.back().round == bad - 1);
  CHECK(thin.rows.back().time == every1.rows.back().time);
  CHECK(thin.summary.final_grad_norm_sq == every1.rows.back().grad_norm_sq);
  CHECK(thin.summary.final_loss == every1.rows.back().loss);
  CHECK(std::isfinite(thin.summary.final_loss));
  CHECK(thin.summary.final_grad_norm_sq > 1e200);  // it was diverging, not the initial point
}

TEST_CASE("sim::Runtime: simulated time past the int64 range stops the run and says so") {
  auto problem = testing::make_quadratic_problem(2, 3);
  sim::RuntimeOptions options;
  options.stop.max_rounds = 1000;
  const sim::Time year = sim::Time::from_seconds(31536000.0);
  const Outcome out = run_gd(*problem, 0.01, options, {1e9, year});
  // A round: downlink latency + uplink latency + 96 bits each way at 1 Gbps + 1000 flops at
  // 1 GFlop/s. int64 nanoseconds hold 9.223372036854775807e9 s: floor(that / round) rounds.
  const double round_s = 2 * 31536000.0 + 2 * 96e-9 + 1e-6;
  const auto expected = static_cast<std::uint64_t>(9.223372036854775807e9 / round_s);
  CHECK(expected == 146);
  CHECK(out.summary.termination == sim::Termination::max_time);
  CHECK(out.summary.rounds == expected);
  CHECK(out.summary.message.find("simulated time overflow in round 147") == 0);
  CHECK(out.summary.message.find("292 years") != std::string::npos);
  // With a limit of the user's below the range, the limit is what stopped it.
  options.stop.max_time = sim::Time::from_seconds(100.5 * round_s);
  const Outcome limited = run_gd(*problem, 0.01, options, {1e9, year});
  CHECK(limited.summary.rounds == 100);
  CHECK(limited.summary.message.find("simulated time limit") == 0);
}
