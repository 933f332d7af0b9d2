#include "networks/topology.hpp"

#include <cmath>
#include <limits>
#include <utility>

#include <fmt/format.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include "sim/kernel/errors.hpp"

namespace commsim::net {

Topology::Topology(std::string kind, std::vector<LinkResource> links, std::vector<Route> uplinks,
                   std::vector<Route> downlinks)
    : kind_(std::move(kind)),
      links_(std::move(links)),
      uplinks_(std::move(uplinks)),
      downlinks_(std::move(downlinks)) {
  COMMSIM_ASSERT(uplinks_.size() == downlinks_.size(),
                 "one uplink and one downlink route per worker");
  // Each route's way back is the opposite route's links.
  for (std::size_t i = 0; i < uplinks_.size(); ++i) {
    uplinks_[i].reverse = downlinks_[i].links;
    downlinks_[i].reverse = uplinks_[i].links;
  }
}

const Route& Topology::route(int src, int dst) const {
  if (src == kServer) {
    COMMSIM_ASSERT(dst >= 0 && dst < num_workers(), "bad destination worker");
    return downlinks_[static_cast<std::size_t>(dst)];
  }
  COMMSIM_ASSERT(dst == kServer && src >= 0 && src < num_workers(),
                 "only server<->worker routes exist");
  return uplinks_[static_cast<std::size_t>(src)];
}

TopologyBuilder::TopologyBuilder(int num_workers) : num_workers_(num_workers) {
  COMMSIM_ASSERT(num_workers >= 0, "negative worker count");
  names_.reserve(static_cast<std::size_t>(num_workers) + 1);
  names_.emplace_back("server");
  for (int i = 0; i < num_workers; ++i) names_.push_back(fmt::format("worker{}", i));
}

int TopologyBuilder::add_node(const std::string& name) {
  COMMSIM_ASSERT(!find_node(name), "duplicate node name " + name);
  names_.push_back(name);
  return num_nodes() - 1;
}

std::optional<int> TopologyBuilder::find_node(const std::string& name) const {
  // Worker names are dense, so look them up without a scan (full meshes have many nodes).
  if (name == "server") return server();
  if (name.rfind("worker", 0) == 0 && name.size() > 6 && name.size() < 16) {
    int i = 0;
    bool digits = true;
    for (std::size_t k = 6; k < name.size(); ++k) {
      if (name[k] < '0' || name[k] > '9')
        digits = false;
      else
        i = i * 10 + (name[k] - '0');
    }
    if (digits && i < num_workers_ && names_[static_cast<std::size_t>(worker(i))] == name)
      return worker(i);
  }
  for (std::size_t v = static_cast<std::size_t>(num_workers_) + 1; v < names_.size(); ++v) {
    if (names_[v] == name) return static_cast<int>(v);
  }
  return std::nullopt;
}

void TopologyBuilder::add_link(int a, int b, const LinkSpec& forward, const LinkSpec& backward,
                               bool shared, const std::string& name) {
  COMMSIM_ASSERT(a >= 0 && a < num_nodes() && b >= 0 && b < num_nodes(),
                 "link endpoint out of range");
  const auto id = static_cast<LinkId>(links_.size());
  if (shared) {
    links_.push_back({name, forward.bandwidth_bps, forward.latency});
    arcs_.push_back({a, b, id});
    arcs_.push_back({b, a, id});
    return;
  }
  links_.push_back({name + ":fwd", forward.bandwidth_bps, forward.latency});
  links_.push_back({name + ":bwd", backward.bandwidth_bps, backward.latency});
  arcs_.push_back({a, b, id});
  arcs_.push_back({b, a, id + 1});
}

namespace {

// Lexicographic (latency ns, hops): Dijkstra on latency with ties broken by hop count.
using Dist = std::pair<std::int64_t, std::int64_t>;
struct ArcProp {
  LinkId link;
  Dist weight;
};
using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, ArcProp>;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

// Saturating: a latency near the end of sim::Time's range (the loader accepts up to "inf") must
// not overflow into a negative distance.
std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  std::int64_t sum;
  if (__builtin_add_overflow(a, b, &sum))
    return b > 0 ? std::numeric_limits<std::int64_t>::max()
                 : std::numeric_limits<std::int64_t>::min();
  return sum;
}

struct Combine {
  Dist operator()(const Dist& a, const Dist& b) const {
    return {saturating_add(a.first, b.first), saturating_add(a.second, b.second)};
  }
};

// Shortest-path tree from `src`; pred[v] is the arc that reached v (valid when dist is finite).
void shortest_paths(const Graph& g, int src, std::vector<Dist>& dist, std::vector<Edge>& pred) {
  const auto n = boost::num_vertices(g);
  dist.assign(n, Dist{});
  pred.assign(n, Edge{});
  const auto index = boost::get(boost::vertex_index, g);
  boost::dijkstra_shortest_paths(
      g, static_cast<Graph::vertex_descriptor>(src),
      boost::weight_map(boost::get(&ArcProp::weight, g))
          .distance_map(boost::make_iterator_property_map(dist.begin(), index))
          .distance_compare(std::less<Dist>())
          .distance_combine(Combine())
          .distance_inf(Dist{std::numeric_limits<std::int64_t>::max(),
                             std::numeric_limits<std::int64_t>::max()})
          .distance_zero(Dist{0, 0})
          .visitor(boost::make_dijkstra_visitor(boost::record_edge_predecessors(
              boost::make_iterator_property_map(pred.begin(), index), boost::on_edge_relaxed()))));
}

}  // namespace

Topology TopologyBuilder::build(std::string kind, const std::string& path) const {
  const auto nv = static_cast<std::size_t>(num_nodes());
  Graph forward(nv), reverse(nv);
  for (const Arc& a : arcs_) {
    const Dist w{links_[a.link].latency.ns(), 1};
    boost::add_edge(static_cast<std::size_t>(a.from), static_cast<std::size_t>(a.to),
                    ArcProp{a.link, w}, forward);
    boost::add_edge(static_cast<std::size_t>(a.to), static_cast<std::size_t>(a.from),
                    ArcProp{a.link, w}, reverse);
  }
  constexpr auto kUnreached = std::numeric_limits<std::int64_t>::max();
  std::vector<Dist> dist;
  std::vector<Edge> pred;
  std::vector<Route> up(static_cast<std::size_t>(num_workers_)),
      down(static_cast<std::size_t>(num_workers_));

  // Server → workers: walk each worker's predecessor arcs back to the server, then reverse.
  shortest_paths(forward, server(), dist, pred);
  for (int i = 0; i < num_workers_; ++i) {
    auto v = static_cast<std::size_t>(worker(i));
    if (dist[v].first == kUnreached) {
      throw ConfigError(
          path, fmt::format("worker {} (node \"{}\") cannot be reached from the server; add a link "
                            "on a path between them",
                            i, names_[v]));
    }
    Route& r = down[static_cast<std::size_t>(i)];
    while (v != static_cast<std::size_t>(server())) {
      const Edge e = pred[v];
      r.links.push_back(forward[e].link);
      v = boost::source(e, forward);
    }
    std::reverse(r.links.begin(), r.links.end());
    r.latency = sim::Time::from_ns(dist[static_cast<std::size_t>(worker(i))].first);
  }
  // Workers → server: shortest paths to the server are shortest paths from it in the reversed
  // graph, whose predecessor arcs already point from the worker towards the server.
  shortest_paths(reverse, server(), dist, pred);
  for (int i = 0; i < num_workers_; ++i) {
    auto v = static_cast<std::size_t>(worker(i));
    if (dist[v].first == kUnreached) {
      throw ConfigError(
          path, fmt::format("worker {} (node \"{}\") has no route to the server; add a link on a "
                            "path between them",
                            i, names_[v]));
    }
    Route& r = up[static_cast<std::size_t>(i)];
    r.latency = sim::Time::from_ns(dist[v].first);
    while (v != static_cast<std::size_t>(server())) {
      const Edge e = pred[v];
      r.links.push_back(reverse[e].link);
      v = boost::source(e, reverse);
    }
  }
  return Topology(std::move(kind), links_, std::move(up), std::move(down));
}

namespace {

bool is_unlimited(const LinkSpec& s) {
  return std::isinf(s.bandwidth_bps) && s.latency == sim::Time::zero();
}

}  // namespace

Topology make_star(const std::vector<LinkSpec>& uplinks, const std::vector<LinkSpec>& downlinks,
                   const LinkSpec& server_up, const LinkSpec& server_down, bool shared) {
  COMMSIM_ASSERT(uplinks.size() == downlinks.size(), "one uplink and downlink spec per worker");
  const int n = static_cast<int>(uplinks.size());
  TopologyBuilder b(n);
  int hub = TopologyBuilder::server();
  if (!is_unlimited(server_up) || !is_unlimited(server_down)) {
    hub = b.add_node("hub");
    b.add_link(hub, TopologyBuilder::server(), server_up, server_down, shared, "server");
  }
  for (int i = 0; i < n; ++i) {
    const auto ii = static_cast<std::size_t>(i);
    b.add_link(TopologyBuilder::worker(i), hub, uplinks[ii], downlinks[ii], shared,
               fmt::format("worker{}", i));
  }
  return b.build("star", "network.topology");
}

}  // namespace commsim::net
