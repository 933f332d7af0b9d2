// Simulator overhead: a method run through the whole simulator (roles + runtime + ideal network +
// evaluation) against a bare loop that computes the same gradients and the same compressed
// updates with no engine, network or recording. Interleaved repetitions, medians reported.
// Also counts heap allocations per round after warm-up (global operator new is replaced here).
//
// usage: overhead_bench METHOD DATASET ROUNDS REPS RECORD_EVERY
//   METHOD: gd | marina (RandK K=10)

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "algorithms/compressors/compressor.hpp"
#include "scenarios/scenario_builder.hpp"
#include "sim/runtime/runtime.hpp"

#include "scenarios/bench/counting_allocator.hpp"

using namespace commsim;

namespace {

sim::Json scenario_json(const std::string& method, const std::string& dataset, std::uint64_t rounds,
                        std::uint64_t every) {
  sim::Json doc = sim::Json::parse(R"({
    "problem": {"type": "sigmoid_squared", "split": "contiguous"},
    "workers": {"count": 5},
    "network": {"model": "ideal"},
    "stop": {}
  })");
  doc["problem"]["data"]["libsvm"] = dataset;
  doc["stop"]["max_rounds"] = rounds;
  doc["record"]["every"] = every;
  if (method == "gd") {
    doc["algorithm"] = {{"name", "gd"}};
  } else {
    doc["algorithm"] = {{"name", "marina"}, {"compressor", {{"name", "randk"}, {"k", 10}}}};
  }
  return doc;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The bare loop: same oracles, same maths, nothing else.
double bare_loop(const std::string& method, const algo::Problem& problem,
                 const sim::Json& constants, std::uint64_t rounds) {
  const int n = problem.num_workers();
  const auto d = problem.dim();
  const double gamma = constants["stepsize"].get<double>();
  std::vector<algo::Vector> grads(static_cast<std::size_t>(n), algo::Vector(d));
  algo::Vector x = algo::Vector::Zero(d), g(d), diff(d), q(d);
  const auto t0 = std::chrono::steady_clock::now();
  if (method == "gd") {
    for (std::uint64_t k = 0; k < rounds; ++k) {
      g.setZero();
      for (int i = 0; i < n; ++i) {
        problem.local(i).gradient(x, grads[static_cast<std::size_t>(i)]);
        g += grads[static_cast<std::size_t>(i)];
      }
      x -= gamma * (g / n);
    }
  } else {
    const double p = constants["p"].get<double>();
    sim::Json cfg = {{"name", "randk"}, {"k", 10}};
    sim::JsonReader r(cfg, "bench");
    auto compressor = algo::build_compressor(algo::compressor_registry().read(r),
                                             {d, 32, algo::BitPolicy::paper, n});
    sim::Rng coin(1);
    std::vector<sim::Rng> rngs;
    for (int i = 0; i < n; ++i) rngs.emplace_back(100 + i);
    g.setZero();
    for (int i = 0; i < n; ++i) {
      problem.local(i).gradient(x, grads[static_cast<std::size_t>(i)]);
      g += grads[static_cast<std::size_t>(i)];
    }
    g /= n;
    algo::Vector fresh(d), sum(d);
    for (std::uint64_t k = 0; k < rounds; ++k) {
      x -= gamma * g;
      const bool sync = coin.bernoulli(p);
      sum.setZero();
      for (int i = 0; i < n; ++i) {
        auto& prev = grads[static_cast<std::size_t>(i)];
        problem.local(i).gradient(x, fresh);
        if (sync) {
          sum += fresh;
        } else {
          diff = fresh - prev;
          compressor->compress(diff, rngs[static_cast<std::size_t>(i)],
                               algo::CompressionContext{i, n, k, 0}, q);
          sum += q;
        }
        prev = fresh;
      }
      g = sync ? algo::Vector(sum / n) : algo::Vector(g + sum / n);
    }
  }
  const double s = seconds_since(t0);
  if (!x.allFinite()) std::fprintf(stderr, "bare loop diverged\n");
  return s;
}

double simulated(scenario::Scenario& sc) {
  sim::Runtime runtime(*sc.problem, *sc.algorithm, *sc.platform, sc.options);
  const auto t0 = std::chrono::steady_clock::now();
  runtime.run();
  return seconds_since(t0);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: overhead_bench gd|marina DATASET ROUNDS REPS RECORD_EVERY\n");
    return 2;
  }
  const std::string method = argv[1], dataset = argv[2];
  const auto rounds = std::stoull(argv[3]);
  const int reps = std::stoi(argv[4]);
  const auto every = std::stoull(argv[5]);
  try {
    scenario::Scenario sc = scenario::build_scenario(scenario_json(method, dataset, rounds, every));
    const sim::Json constants = sc.algorithm->constants();
    std::vector<double> sim_s, bare_s;
    for (int r = 0; r < reps; ++r) {  // interleaved, so both see the same machine noise
      sim_s.push_back(simulated(sc));
      bare_s.push_back(bare_loop(method, *sc.problem, constants, rounds));
    }
    // Allocations per round after warm-up: the difference between a run of 2R and one of R rounds.
    auto allocations_for = [&](std::uint64_t r) {
      scenario::Scenario s2 = scenario::build_scenario(scenario_json(method, dataset, r, every));
      sim::Runtime runtime(*s2.problem, *s2.algorithm, *s2.platform, s2.options);
      const auto before = bench::allocation_count();
      runtime.run();
      return bench::allocation_count() - before;
    };
    const std::uint64_t short_run = std::max<std::uint64_t>(rounds / 4, 50);
    const double allocs_per_round = (static_cast<double>(allocations_for(2 * short_run)) -
                                     static_cast<double>(allocations_for(short_run))) /
                                    static_cast<double>(short_run);
    const double ms = median(sim_s), mb = median(bare_s);
    // method,dataset,rounds,record_every,sim_rounds_per_s,bare_rounds_per_s,overhead_ratio,allocs_per_round
    std::printf("%s,%s,%llu,%llu,%.1f,%.1f,%.4f,%.3f\n", method.c_str(), dataset.c_str(),
                static_cast<unsigned long long>(rounds), static_cast<unsigned long long>(every),
                static_cast<double>(rounds) / ms, static_cast<double>(rounds) / mb, ms / mb,
                allocs_per_round);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "overhead_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
