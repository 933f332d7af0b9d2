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
