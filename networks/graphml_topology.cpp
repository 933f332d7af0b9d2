#include "networks/graphml_topology.hpp"

#include <fstream>
#include <set>

#include <fmt/format.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>

#include "sim/kernel/errors.hpp"
#include "sim/kernel/units.hpp"

namespace commsim::net {
namespace {

struct NodeData {
  std::string name;
};
struct EdgeData {
  std::string bandwidth, latency = "0", shared;
};
using GraphmlGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, NodeData, EdgeData>;

}  // namespace

void add_graphml(TopologyBuilder& builder, const std::string& file, bool default_shared) {
  std::ifstream in(file);
  if (!in) throw InputError(file, "cannot open the GraphML topology file");
  GraphmlGraph g;
  boost::dynamic_properties dp(boost::ignore_other_properties);
  dp.property("name", boost::get(&NodeData::name, g));
  dp.property("bandwidth", boost::get(&EdgeData::bandwidth, g));
  dp.property("latency", boost::get(&EdgeData::latency, g));
  dp.property("shared", boost::get(&EdgeData::shared, g));
  try {
    boost::read_graphml(in, g, dp);
  } catch (const std::exception& e) {
    throw InputError(file, fmt::format("not a valid GraphML topology: {}", e.what()));
  }
  std::vector<int> node(boost::num_vertices(g));
  std::set<std::string> seen;
  for (std::size_t v = 0; v < node.size(); ++v) {
    const std::string& name = g[v].name;
    if (name.empty()) throw InputError(file, fmt::format("node #{} has no \"name\" data key", v));
    if (!seen.insert(name).second)
      throw InputError(file, fmt::format("node \"{}\" is defined twice", name));
    // "server", the workers and nodes the scenario listed already exist; others are switches.
    if (const auto existing = builder.find_node(name)) {
      node[v] = *existing;
    } else if (name.rfind("worker", 0) == 0) {
      throw InputError(file, fmt::format("node \"{}\" is not one of the scenario's workers", name));
    } else {
      node[v] = builder.add_node(name);
    }
  }
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    const EdgeData& d = g[*it];
    const std::string a = g[boost::source(*it, g)].name, b = g[boost::target(*it, g)].name;
    LinkSpec s;
    try {
      if (d.bandwidth.empty()) throw sim::UnitError("the \"bandwidth\" data key is missing");
      s.bandwidth_bps = sim::parse_quantity(d.bandwidth, sim::Unit::bandwidth_bps);
      s.latency = sim::Time::from_seconds(
          sim::parse_quantity(d.latency.empty() ? "0" : d.latency, sim::Unit::duration_s));
    } catch (const sim::UnitError& e) {
      throw InputError(file, fmt::format("edge {}-{}: {}", a, b, e.what()));
    }
    if (!(s.bandwidth_bps > 0.0) || s.latency < sim::Time::zero()) {
      throw InputError(file,
                       fmt::format("edge {}-{}: bandwidth must be > 0 and latency >= 0", a, b));
    }
    if (d.shared != "" && d.shared != "true" && d.shared != "false") {
      throw InputError(file, fmt::format("edge {}-{}: shared must be \"true\" or \"false\"", a, b));
    }
    const bool shared = d.shared.empty() ? default_shared : d.shared == "true";
    builder.add_link(node[boost::source(*it, g)], node[boost::target(*it, g)], s, s, shared,
                     a + "-" + b);
  }
}

}  // namespace commsim::net
