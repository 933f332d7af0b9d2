// Throughput of the maxmin transfer model: a star where every worker uploads at once, and a
// two-level tree of 10,000 workers. Prints completed flows (events) per second of wall time.
// Usage: transfer_bench [star_workers=1000] [tree_workers=10000] [core_bps=inf]
#include <chrono>
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

void run(const char* label, const commsim::net::Topology& topo) {
  commsim::net::MaxMinTransfer model(topo.links());
  const int n = topo.num_workers();
  const auto t0 = std::chrono::steady_clock::now();
  for (int w = 0; w < n; ++w) {
    // Slightly different sizes so that completions are spread out (the hard case for re-rating).
    model.start(static_cast<FlowId>(w), topo.route(w, commsim::net::kServer), 1000000 + 997ULL * w, Time::zero());
  }
  std::vector<FlowId> done;
  std::size_t events = 0;
  while (model.active_flows() > 0) {
    done.clear();
    model.advance_to(model.next_completion(), done);
    ++events;
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%-28s workers=%6d  advance events=%7zu  recomputations=%7llu  flows re-rated=%10llu  wall=%.3fs  "
              "flows/s=%.0f  events/s=%.0f\n",
              label, n, events, static_cast<unsigned long long>(model.recomputations()),
              static_cast<unsigned long long>(model.flows_rerated()), wall, n / wall, events / wall);
}

}  // namespace

int main(int argc, char** argv) {
  const int star_n = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int tree_n = argc > 2 ? std::atoi(argv[2]) : 10000;
  using commsim::net::LinkPair;
  using commsim::net::LinkSpec;
  const LinkSpec access{100e6, Time::from_ns(1000000)};
  std::vector<LinkSpec> ups(static_cast<std::size_t>(star_n), access), downs = ups;
  run("star, shared 1Gbps server", commsim::net::make_star(ups, downs, LinkSpec{1e9, Time::zero()},
                                                            LinkSpec{1e9, Time::zero()}));
  std::vector<LinkPair> a(static_cast<std::size_t>(tree_n), LinkPair{access, access});
  const LinkPair rack{{1e9, Time::from_ns(50000)}, {1e9, Time::from_ns(50000)}};
  // An unlimited core keeps racks independent, so each completion re-rates one rack only; a
  // finite core would join every flow into one component (O(n) work per completion).
  const double core_bw = argc > 3 ? std::atof(argv[3]) : std::numeric_limits<double>::infinity();
  const LinkPair core{{core_bw, Time::zero()}, {core_bw, Time::zero()}};
  run("two_level_tree, 40/rack", commsim::net::make_two_level_tree(a, 40, rack, core, false));
  return 0;
}
