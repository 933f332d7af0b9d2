#pragma once
// Support for tests of event-driven methods: a star whose hosts take fixed seconds per oracle call
// and whose links are instantaneous, a runner that keeps every row and message, and a tiny
// independent replay of "each worker always computes on the newest point it was sent".

#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <vector>

#include "algorithms/builtin.hpp"
#include "networks/ideal_transfer.hpp"
#include "networks/platform.hpp"
#include "networks/topology.hpp"
#include "sim/kernel/json_reader.hpp"
#include "sim/runtime/runtime.hpp"

namespace commsim::testing {

/// Hosts with τ_i seconds per oracle call; instantaneous links (infinite bandwidth, no latency).
inline std::unique_ptr<net::Platform> timed_star(const std::vector<double>& tau) {
  std::vector<net::HostSpec> hosts;
  for (double t : tau) hosts.push_back(net::HostSpec{1e9, t});
  const net::LinkSpec instant{std::numeric_limits<double>::infinity(), sim::Time::zero()};
  const auto n = tau.size();
  auto topology = net::make_star(std::vector<net::LinkSpec>(n, instant),
                                 std::vector<net::LinkSpec>(n, instant), instant, instant);
  return std::make_unique<net::Platform>(
      std::move(hosts), std::move(topology), [](const auto& links) {
        return std::unique_ptr<net::TransferModel>(std::make_unique<net::IdealTransfer>(links));
      });
}

struct Trace final : sim::Recorder {
  std::vector<sim::RoundRecord> rows;
  std::vector<sim::MessageRecord> messages;
  sim::RunSummary summary;
  void on_round(const sim::RoundRecord& r) override {
    rows.push_back(r);
    rows.back().bits_up_by_worker = {};
    rows.back().bits_down_by_worker = {};
  }
  void on_message(const sim::MessageRecord& m) override { messages.push_back(m); }
  void on_finish(const sim::RunSummary& s) override { summary = s; }
};

/// Reads `cfg` as the `algorithm` object and builds the method.
inline std::unique_ptr<algo::Algorithm> build_method(const algo::Problem& p,
                                                     const sim::RngStreams& streams,
                                                     const sim::Json& cfg) {
  sim::JsonReader r(cfg, "algorithm");
  auto a =
      algo::build_algorithm(algo::algorithm_registry().read(r), algo::AlgorithmContext{p, streams});
  r.finish();
  return a;
}

/// Runs `algorithm` for `rounds` server steps (or rounds), recording every row and message.
inline Trace run_for(const algo::Problem& p, const algo::Algorithm& algorithm,
                     net::Platform& platform, std::uint64_t rounds) {
  sim::RuntimeOptions options;
  options.stop.max_rounds = rounds;
  options.record_messages = true;
  sim::Runtime runtime(p, algorithm, platform, options);
  Trace trace;
  runtime.add_recorder(trace);
  runtime.run();
  return trace;
}

/// One arrival in the replay.
struct ReplayArrival {
  double time;
  int worker;
  std::uint64_t version;  ///< the server step of the point the gradient was computed at
};

/// Replays workers with fixed times τ_i that each compute on the point they were last sent and are
/// sent the server's newest point as soon as they deliver (ASGD, Rennala, Ringmaster without
/// stops). `on_arrival` returns true when the server steps. Stops after `steps` steps; returns
/// every arrival in order. Written independently of the engine: a map from time to worker.
inline std::vector<ReplayArrival> replay_always_busy(
    const std::vector<double>& tau, std::uint64_t steps,
    const std::function<bool(const ReplayArrival&)>& on_arrival) {
  std::multimap<double, std::pair<int, std::uint64_t>> finishing;  // time → (worker, version)
  for (std::size_t i = 0; i < tau.size(); ++i) finishing.emplace(tau[i], std::pair{int(i), 0u});
  std::vector<ReplayArrival> arrivals;
  std::uint64_t step = 0;
  while (step < steps) {
    const auto first = finishing.begin();
    const ReplayArrival a{first->first, first->second.first, first->second.second};
    finishing.erase(first);
    arrivals.push_back(a);
    if (on_arrival(a)) ++step;
    finishing.emplace(a.time + tau[static_cast<std::size_t>(a.worker)], std::pair{a.worker, step});
  }
  return arrivals;
}

}  // namespace commsim::testing
