// The structural test of the algorithm/engine boundary for the compressed methods: a runtime
// run over a star whose workers have different latencies (so uplinks arrive out of worker order)
// reproduces the plain role loop exactly, setup exchanges, partial participation and double
// draws included.

#include <limits>

#include <doctest/doctest.h>

#include "networks/ideal_transfer.hpp"
#include "networks/platform.hpp"
#include "networks/topology.hpp"
#include "sim/runtime/runtime.hpp"
#include "test_oracles.hpp"

using namespace commsim;
using namespace commsim::testing;
using nlohmann::json;

namespace {

std::unique_ptr<net::Platform> uneven_star(int n) {
  std::vector<net::HostSpec> hosts(static_cast<std::size_t>(n), net::HostSpec{1e9, std::nullopt});
  std::vector<net::LinkSpec> up, down;
  for (int i = 0; i < n; ++i) {
    // Worker 0 is the slowest, so arrival order is the reverse of worker order.
    up.push_back({1e6, sim::Time::from_seconds(0.010 * (n - i))});
    down.push_back({1e6, sim::Time::from_seconds(0.001 * (i + 1))});
  }
  const net::LinkSpec unlimited{std::numeric_limits<double>::infinity(), sim::Time::zero()};
  auto topology = net::make_star(up, down, unlimited, unlimited);
  return std::make_unique<net::Platform>(
      std::move(hosts), std::move(topology), [](const auto& links) {
        return std::unique_ptr<net::TransferModel>(std::make_unique<net::IdealTransfer>(links));
      });
}

}  // namespace

TEST_CASE("algo + sim::Runtime: compressed methods over an uneven star equal the plain role loop") {
  const int n = 4, rounds = 150;
  const auto problem = make_least_squares(n, 25, 6);
  const json q = {{"name", "randk"}, {"k", 2}};
  const std::vector<json> configs = {
      {{"name", "marina"}, {"p", 0.2}, {"compressor", q}},
      {{"name", "pp_marina"}, {"r", 3}, {"p", 0.2}, {"compressor", q}},
      {{"name", "vr_marina"}, {"batch", 3}, {"p", 0.2}, {"compressor", q}},
      {{"name", "vr_diana"}, {"batch", 3}, {"compressor", q}},
      {{"name", "diana"}, {"compressor", {{"name", "natural"}}}},
      {{"name", "ef21"}, {"compressor", {{"name", "topk"}, {"k", 2}}}},
      {{"name", "dasha"}, {"compressor", {{"name", "permk"}}}},
  };
  for (const json& cfg : configs) {
    CAPTURE(cfg.dump());
    auto alg = build(cfg, *problem, 21);
    RoleLoop loop(*alg, n);
    sim::Bits bits_up = 0;
    std::uint64_t evals = 0;
    for (const auto& e : loop.run(rounds)) {
      bits_up += e.bits_up;
      for (auto s : e.sample_gradients) evals += s;
    }
    auto platform = uneven_star(n);
    sim::RuntimeOptions options;
    options.stop.max_rounds = rounds;
    options.record_every = rounds;
    sim::Runtime runtime(*problem, *alg, *platform, options);
    const sim::RunSummary s = runtime.run();
    CHECK(s.rounds == static_cast<std::uint64_t>(rounds));
    CHECK(s.bits_up == bits_up);
    CHECK(s.grad_evals == evals);
    Vector scratch_local, scratch_sum;
    const auto e = problem->evaluate(loop.iterate(), scratch_local, scratch_sum);
    CHECK(s.final_grad_norm_sq == e.grad_norm_sq);
    CHECK(s.final_loss == e.loss);
  }
}
