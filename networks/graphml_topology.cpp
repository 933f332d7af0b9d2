#include "networks/graphml_topology.hpp"

#include <set>
#include <sstream>

#include <fmt/format.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include "networks/spec_values.hpp"
#include "sim/kernel/errors.hpp"
#include "sim/kernel/input_file.hpp"
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

// One edge's link, checked as a link of a JSON custom topology is (same bounds).
LinkSpec edge_link(const EdgeData& d, const std::string& file, const std::string& edge) {
  LinkSpec s;
  double latency_s = 0.0;
  try {
    if (d.bandwidth.empty()) throw sim::UnitError("the \"bandwidth\" data key is missing");
    s.bandwidth_bps = sim::parse_quantity(d.bandwidth, sim::Unit::bandwidth_bps);
    latency_s = sim::parse_quantity(d.latency.empty() ? "0" : d.latency, sim::Unit::duration_s);
  } catch (const sim::UnitError& e) {
    throw InputError(file, fmt::format("edge {}: {}", edge, e.what()));
  }
  if (!(s.bandwidth_bps > 0.0))
    throw InputError(file, fmt::format("edge {}: bandwidth must be > 0", edge));
  if (!(latency_s >= 0.0 && latency_s <= kMaxLatencySeconds)) {
    throw InputError(file, fmt::format("edge {}: latency \"{}\" must be >= 0 and <= {} (a year)",
                                       edge, d.latency, kMaxLatencySeconds));
  }
  s.latency = sim::Time::from_seconds(latency_s);
  return s;
}

// Every <node id> and <edge source target> of a GraphML document, at any depth.
struct GraphmlIds {
  std::set<std::string> nodes;
  std::vector<std::pair<std::string, std::string>> edges;
};
void collect_ids(const boost::property_tree::ptree& tree, GraphmlIds& out) {
  for (const auto& [tag, child] : tree) {
    if (tag == "node") out.nodes.insert(child.get<std::string>("<xmlattr>.id", ""));
    if (tag == "edge") {
      out.edges.emplace_back(child.get<std::string>("<xmlattr>.source", ""),
                             child.get<std::string>("<xmlattr>.target", ""));
    }
    collect_ids(child, out);
  }
}

// A vertex without a name may be one Boost made up for an edge's undeclared end: name that end.
// (Only on this error path is the document parsed a second time.)
[[noreturn]] void unnamed_vertex(const std::string& text, std::size_t v, const std::string& file) {
  GraphmlIds ids;
  try {
    std::istringstream in(text);
    boost::property_tree::ptree tree;
    boost::property_tree::read_xml(in, tree);
    collect_ids(tree, ids);
  } catch (const std::exception&) {
    // Boost read it once already; whatever fails here leaves the generic message.
  }
  for (const auto& [source, target] : ids.edges) {
    for (const std::string& end : {source, target}) {
      if (!ids.nodes.count(end)) {
        throw InputError(file, fmt::format("edge {}-{}: node \"{}\" is not declared (no <node "
                                           "id=\"{}\">)",
                                           source, target, end, end));
      }
    }
  }
  throw InputError(file, fmt::format("node #{} has no \"name\" data key", v));
}

// The builder's node of every GraphML vertex: the scenario's own nodes by name, others added.
std::vector<int> graphml_nodes(TopologyBuilder& builder, const GraphmlGraph& g,
                               const std::string& text, const std::string& file) {
  std::vector<int> node(boost::num_vertices(g));
  std::set<std::string> seen;
  for (std::size_t v = 0; v < node.size(); ++v) {
    const std::string& name = g[v].name;
    if (name.empty()) unnamed_vertex(text, v, file);
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
  return node;
}

}  // namespace

void add_graphml(TopologyBuilder& builder, const std::string& file, bool default_shared) {
  const std::string text = sim::read_input_file(file, "GraphML topology file");
  std::istringstream in(text);
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
  const std::vector<int> node = graphml_nodes(builder, g, text, file);
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    const EdgeData& d = g[*it];
    const auto u = boost::source(*it, g), v = boost::target(*it, g);
    const std::string edge = g[u].name + "-" + g[v].name;
    if (node[u] == node[v])
      throw InputError(file, fmt::format("edge {}: a link must join two different nodes", edge));
    const LinkSpec s = edge_link(d, file, edge);
    if (d.shared != "" && d.shared != "true" && d.shared != "false") {
      throw InputError(file, fmt::format("edge {}: shared must be \"true\" or \"false\"", edge));
    }
    const bool shared = d.shared.empty() ? default_shared : d.shared == "true";
    builder.add_link(node[u], node[v], s, s, shared, edge);
  }
}

}  // namespace commsim::net
