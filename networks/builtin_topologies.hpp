#pragma once
/// \file
/// The built-in topology kinds other than the star (which lives with `Topology`): two-level
/// tree, ring and full mesh. Each takes per-worker access-link specs so that per-worker
/// overrides and drawn link parameters apply uniformly.

#include <vector>

#include "networks/topology.hpp"

namespace commsim::net {

/// Up/down parameters of one level of links (up = towards the server).
struct LinkPair {
  LinkSpec up;
  LinkSpec down;
};

/// Workers → rack switches → core switch → server. Worker i is in rack i / workers_per_rack;
/// `access[i]` is its link to the rack, `rack` each rack's link to the core, `core` the core's
/// link to the server.
Topology make_two_level_tree(const std::vector<LinkPair>& access, int workers_per_rack,
                             const LinkPair& rack, const LinkPair& core, bool shared);
/// The same with one link per rack: `racks[r]` is rack r's link to the core (one entry per
/// rack, ceil(n / workers_per_rack) of them).
Topology make_two_level_tree(const std::vector<LinkPair>& access, int workers_per_rack,
                             const std::vector<LinkPair>& racks, const LinkPair& core, bool shared);
/// The number of racks of a two-level tree of `num_workers` workers.
int two_level_tree_racks(int num_workers, int workers_per_rack);

/// A ring of n + 1 nodes: the server is ring node 0 and worker i is ring node i + 1; every
/// ring link has `link`'s parameters (`up` = direction of increasing ring index). Messages take
/// the shorter way round (by latency, then hops; the clockwise way on an exact tie).
Topology make_ring(int num_workers, const LinkPair& link, bool shared);

/// Every pair of nodes (server and workers) joined by a direct link: `access[i]` between worker
/// i and the server, `peer` between two workers. Messages normally go direct; a relay through
/// another worker is taken only when it has a strictly lower latency. Builds O(n²) links.
Topology make_full_mesh(const std::vector<LinkPair>& access, const LinkPair& peer, bool shared);

}  // namespace commsim::net
