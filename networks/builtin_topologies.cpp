#include "networks/builtin_topologies.hpp"

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"

namespace commsim::net {

int two_level_tree_racks(int num_workers, int workers_per_rack) {
  COMMSIM_ASSERT(workers_per_rack >= 1, "workers_per_rack must be >= 1");
  return (num_workers + workers_per_rack - 1) / workers_per_rack;
}

Topology make_two_level_tree(const std::vector<LinkPair>& access, int workers_per_rack,
                             const LinkPair& rack, const LinkPair& core, bool shared) {
  const int racks = two_level_tree_racks(static_cast<int>(access.size()), workers_per_rack);
  return make_two_level_tree(access, workers_per_rack,
                             std::vector<LinkPair>(static_cast<std::size_t>(racks), rack), core,
                             shared);
}

Topology make_two_level_tree(const std::vector<LinkPair>& access, int workers_per_rack,
                             const std::vector<LinkPair>& rack_links, const LinkPair& core,
                             bool shared) {
  const int n = static_cast<int>(access.size());
  TopologyBuilder b(n);
  const int core_node = b.add_node("core");
  b.add_link(core_node, TopologyBuilder::server(), core.up, core.down, shared, "core");
  const int racks = two_level_tree_racks(n, workers_per_rack);
  COMMSIM_ASSERT(rack_links.size() == static_cast<std::size_t>(racks), "one link per rack");
  std::vector<int> rack_node(static_cast<std::size_t>(racks));
  for (int r = 0; r < racks; ++r) {
    const LinkPair& rack = rack_links[static_cast<std::size_t>(r)];
    rack_node[static_cast<std::size_t>(r)] = b.add_node(fmt::format("rack{}", r));
    b.add_link(rack_node[static_cast<std::size_t>(r)], core_node, rack.up, rack.down, shared,
               fmt::format("rack{}", r));
  }
  for (int i = 0; i < n; ++i) {
    const LinkPair& a = access[static_cast<std::size_t>(i)];
    b.add_link(TopologyBuilder::worker(i),
               rack_node[static_cast<std::size_t>(i / workers_per_rack)], a.up, a.down, shared,
               fmt::format("worker{}", i));
  }
  return b.build("two_level_tree", "network.topology");
}

Topology make_ring(int num_workers, const LinkPair& link, bool shared) {
  TopologyBuilder b(num_workers);
  const int nodes = num_workers + 1;  // ring node k is builder node k (server 0, worker i at i + 1)
  if (nodes == 2) {
    b.add_link(0, 1, link.up, link.down, shared, "ring0");
  } else if (nodes > 2) {
    for (int k = 0; k < nodes; ++k)
      b.add_link(k, (k + 1) % nodes, link.up, link.down, shared, fmt::format("ring{}", k));
  }
  return b.build("ring", "network.topology");
}

Topology make_full_mesh(const std::vector<LinkPair>& access, const LinkPair& peer, bool shared) {
  const int n = static_cast<int>(access.size());
  TopologyBuilder b(n);
  // Access links first: on a (latency, hops) tie the direct link wins anyway (fewer hops).
  for (int i = 0; i < n; ++i) {
    const LinkPair& a = access[static_cast<std::size_t>(i)];
    b.add_link(TopologyBuilder::worker(i), TopologyBuilder::server(), a.up, a.down, shared,
               fmt::format("worker{}", i));
  }
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) {
      b.add_link(TopologyBuilder::worker(i), TopologyBuilder::worker(j), peer.up, peer.down, shared,
                 fmt::format("peer{}-{}", i, j));
    }
  }
  return b.build("full_mesh", "network.topology");
}

}  // namespace commsim::net
