#include "networks/topology_size.hpp"

#include <doctest/doctest.h>

#include "networks/builtin_topologies.hpp"

using namespace commsim::net;

namespace {
const LinkPair kLink{LinkSpec{1e9, commsim::sim::Time::from_seconds(1e-3)},
                     LinkSpec{1e9, commsim::sim::Time::from_seconds(1e-3)}};
constexpr double kPerWorker = 1500.0;
}  // namespace

TEST_CASE("net::estimate_platform_bytes: full_mesh counts every link pair the builder makes") {
  // The pairs the estimate charges 540 B each are the built topology's links (two directed
  // resources a pair): n access links plus n(n − 1)/2 peer links.
  const int n = 40;
  const Topology mesh = make_full_mesh(std::vector<LinkPair>(n, kLink), kLink, false);
  const double pairs = static_cast<double>(mesh.links().size()) / 2.0;
  CHECK(pairs == 40 + 40 * 39 / 2);
  CHECK(estimate_platform_bytes("full_mesh", n) == doctest::Approx(n * kPerWorker + pairs * 540));
}

TEST_CASE("net::estimate_platform_bytes: ring counts at least the route entries built") {
  // Every up and down route with its reverse: Σ 2(|route| + |reverse|) ≤ (n + 1)² entries.
  for (int n : {1, 2, 7, 40, 41}) {
    CAPTURE(n);
    const Topology ring = make_ring(n, kLink, false);
    double entries = 0.0;
    for (int w = 0; w < n; ++w) {
      for (const Route* r : {&ring.route(w, kServer), &ring.route(kServer, w)})
        entries += static_cast<double>(r->links.size() + r->reverse.size());
    }
    CHECK(entries <= (n + 1.0) * (n + 1.0));
    CHECK(estimate_platform_bytes("ring", n) ==
          doctest::Approx(n * kPerWorker + (n + 1.0) * (n + 1.0) * 5.0));
  }
}

TEST_CASE("net::estimate_platform_bytes: star and tree are linear in n") {
  CHECK(estimate_platform_bytes("star", 1000) == doctest::Approx(1000 * kPerWorker));
  CHECK(estimate_platform_bytes("two_level_tree", 1000) == doctest::Approx(1000 * kPerWorker));
}
