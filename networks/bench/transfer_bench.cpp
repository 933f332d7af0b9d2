// Throughput of the maxmin transfer model: a star where every worker uploads at once through a
// finite shared server link (one bottleneck for all flows), and a two-level tree of 10,000
// workers. Prints completed flows (events) per second of wall time, the median of REPS runs,
// then the same star at 250 … 4000 flows with the fitted exponent b of wall ∝ flows^b
// (b = 1: constant cost per completion).
// Usage: transfer_bench [star_workers=1000] [tree_workers=10000] [core_bps=inf] [reps=5]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

#include "networks/builtin_topologies.hpp"
#include "networks/maxmin_transfer.hpp"
#include "networks/topology.hpp"

namespace {

using commsim::net::FlowId;
using commsim::sim::Time;

struct Result {
  std::size_t events = 0;
  std::uint64_t recomputations = 0, rerated = 0;
  double wall = 0.0;
};

Result run_once(const commsim::net::Topology& topo,
                commsim::net::SharingRule rule = commsim::net::SharingRule::plain()) {
  commsim::net::MaxMinTransfer model(topo.links(), rule);
  const int n = topo.num_workers();
  Result r;
  const auto t0 = std::chrono::steady_clock::now();
  for (int w = 0; w < n; ++w) {
    // Slightly different sizes so that completions are spread out (the hard case for re-rating).
    model.start(static_cast<FlowId>(w), topo.route(w, commsim::net::kServer), 1000000 + 997ULL * w,
                Time::zero());
  }
  std::vector<FlowId> done;
  while (model.active_flows() > 0) {
    done.clear();
    model.advance_to(model.next_completion(), done);
    ++r.events;
  }
  r.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.recomputations = model.recomputations();
  r.rerated = model.flows_rerated();
  return r;
}

double median_wall(const commsim::net::Topology& topo, int reps, Result& last) {
  std::vector<double> walls;
  for (int i = 0; i < reps; ++i) {
    last = run_once(topo);
    walls.push_back(last.wall);
  }
  std::sort(walls.begin(), walls.end());
  return walls[walls.size() / 2];
}

void run(const char* label, const commsim::net::Topology& topo, int reps) {
  Result r;
  const double wall = median_wall(topo, reps, r);
  const int n = topo.num_workers();
  std::printf(
      "%-28s workers=%6d  advance events=%7zu  recomputations=%7llu  flows re-rated=%10llu  "
      "wall=%.4fs  "
      "flows/s=%.0f  events/s=%.0f\n",
      label, n, r.events, static_cast<unsigned long long>(r.recomputations),
      static_cast<unsigned long long>(r.rerated), wall, n / wall,
      static_cast<double>(r.events) / wall);
}

// `spread`: worker w's access latency is 1 ms + w·spread/n (unequal weights under cm02).
commsim::net::Topology star(int n, double spread_ms = 0.0) {
  using commsim::net::LinkSpec;
  std::vector<LinkSpec> ups;
  for (int w = 0; w < n; ++w)
    ups.push_back({100e6, Time::from_seconds(1e-3 + 1e-3 * spread_ms * w / n)});
  std::vector<LinkSpec> downs = ups;
  return commsim::net::make_star(ups, downs, LinkSpec{1e9, Time::zero()},
                                 LinkSpec{1e9, Time::zero()});
}

// maxmin and cm02 on the same star with access latencies 1..3 ms, repetitions interleaved so
// that the two medians see the same machine load.
void cm02_side_by_side(const commsim::net::Topology& topo, int reps) {
  commsim::net::SharingRule cm02;
  cm02.latency_weights = true;
  std::vector<double> plain_walls, cm02_walls;
  for (int i = 0; i < reps; ++i) {
    plain_walls.push_back(run_once(topo).wall);
    cm02_walls.push_back(run_once(topo, cm02).wall);
  }
  std::sort(plain_walls.begin(), plain_walls.end());
  std::sort(cm02_walls.begin(), cm02_walls.end());
  const double n = topo.num_workers();
  const double p = n / plain_walls[plain_walls.size() / 2],
               c = n / cm02_walls[cm02_walls.size() / 2];
  std::printf(
      "side by side star latencies 1..3ms workers=%d maxmin flows/s=%.0f cm02 flows/s=%.0f "
      "ratio=%.3f\n",
      topo.num_workers(), p, c, c / p);
}

}  // namespace

int main(int argc, char** argv) {
  const int star_n = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int tree_n = argc > 2 ? std::atoi(argv[2]) : 10000;
  const int reps = argc > 4 ? std::max(1, std::atoi(argv[4])) : 5;
  using commsim::net::LinkPair;
  using commsim::net::LinkSpec;
  const LinkSpec access{100e6, Time::from_ns(1000000)};
  run("star, shared 1Gbps server", star(star_n), reps);
  cm02_side_by_side(star(star_n, 2.0), reps);
  std::vector<LinkPair> a(static_cast<std::size_t>(tree_n), LinkPair{access, access});
  const LinkPair rack{{1e9, Time::from_ns(50000)}, {1e9, Time::from_ns(50000)}};
  // An unlimited core keeps racks independent, so each completion re-rates one rack only; a
  // finite core joins every flow into one component.
  const double core_bw = argc > 3 ? std::atof(argv[3]) : std::numeric_limits<double>::infinity();
  const LinkPair core{{core_bw, Time::zero()}, {core_bw, Time::zero()}};
  run("two_level_tree, 40/rack", commsim::net::make_two_level_tree(a, 40, rack, core, false), reps);
  // Growth with the number of flows: least-squares slope of log(wall) on log(flows).
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  int k = 0;
  for (int n = 250; n <= 4000; n *= 2, ++k) {
    Result r;
    const double wall = median_wall(star(n), reps, r);
    std::printf("scaling star flows=%d wall=%.5fs flows/s=%.0f\n", n, wall, n / wall);
    const double x = std::log(static_cast<double>(n)), y = std::log(wall);
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const double slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
  std::printf("scaling exponent=%.3f (wall ~ flows^b over 250..4000 flows)\n", slope);
  return 0;
}
