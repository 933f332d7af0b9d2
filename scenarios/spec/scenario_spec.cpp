#include "scenarios/spec/scenario_spec.hpp"

#include <algorithm>
#include <unordered_map>

#include "algorithms/builtin.hpp"
#include "networks/platform_builder.hpp"
#include "networks/topology_registry.hpp"

namespace commsim::scenario {
namespace {

const sim::ParamsDecl<WorkersSection>& workers_decl() {
  static const auto decl = [] {
    sim::ParamsDecl<WorkersSection> d;
    d.integer("count", &WorkersSection::count, 5, "n, the number of workers", 1, 10'000'000);
    d.include(net::workers_spec_decl(), &WorkersSection::hosts);
    return d;
  }();
  return decl;
}

sim::ParamsDecl<ScenarioSpec> make_scenario_decl() {
  using S = ScenarioSpec;
  sim::ParamsDecl<S> d;
  d.string("name", &S::name, "scenario", "the run's name (summary.json)");
  d.integer("seed", &S::seed, 1,
            "every random stream derives from it and a purpose (the network never changes the "
            "optimizer's draws)",
            0);
  d.object("limits", &S::limits, limits_decl(), "resources a run may take");
  d.object("workers", &S::workers, workers_decl(), "the workers' hosts");
  d.object("problem", &S::problem, algo::problem_spec_decl(), "the objective and its data",
           "required section is missing (e.g. {\"type\": \"sigmoid_squared\", \"data\": "
           "{\"libsvm\": \"mushrooms\"}})");
  sim::add_part(d, "algorithm", &S::algorithm, algo::algorithm_registry(), "the method", "",
                "required section is missing (e.g. {\"name\": \"gd\"})");
  d.object("network", &S::network, net::network_spec_decl(), "topology and transfer model");
  d.object("stop", &S::stop, stop_decl(), "when a run ends");
  d.object("record", &S::record, record_decl(), "what a run writes");
  return d;
}

}  // namespace

const sim::ParamsDecl<ScenarioSpec>& scenario_decl() {
  static const sim::ParamsDecl<ScenarioSpec> decl = make_scenario_decl();
  return decl;
}

ScenarioSpec read_scenario(const sim::Json& doc) {
  sim::Json resolved = sim::Json::object();
  ScenarioSpec spec = scenario_decl().read_object(doc, "", &resolved);
  // Collecting errors, the cross-section steps below would only judge substituted defaults.
  if (sim::collected_error_count() != 0) return spec;
  net::reconcile_platform_keys(spec.workers.hosts, spec.network, resolved["network"]);
  // The synthetic seed, when not given, derives from the run's seed (reading stays pure: no
  // data is generated here).
  algo::resolve_problem_spec(spec.problem, sim::RngStreams(spec.seed), &resolved["problem"]);
  spec.resolved = std::move(resolved);
  return spec;
}

namespace {

// Position of `where` in the document: that of the longest leading part of the path that is a
// key of the document (a missing key sorts with its object); before every key when none is.
std::size_t document_rank(const std::string& where,
                          const std::unordered_map<std::string, std::size_t>& order) {
  std::string path = where;
  while (!path.empty()) {
    if (const auto it = order.find(path); it != order.end()) return it->second + 1;
    const auto cut = path.find_last_of(".[");
    path.resize(cut == std::string::npos ? 0 : cut);
  }
  return 0;
}

}  // namespace

std::vector<ConfigError> scenario_errors(const sim::Json& doc,
                                         const std::vector<std::string>& key_order) {
  sim::ErrorSink sink;
  {
    sim::ScopedErrorCollection collecting(sink);
    try {
      read_scenario(doc);
    } catch (const ConfigError& e) {
      sink.errors.push_back(e);  // one that ends reading (e.g. the document is not an object)
    }
  }
  std::unordered_map<std::string, std::size_t> order;
  for (std::size_t i = 0; i < key_order.size(); ++i) order.try_emplace(key_order[i], i);
  std::stable_sort(sink.errors.begin(), sink.errors.end(),
                   [&](const ConfigError& a, const ConfigError& b) {
                     return document_rank(a.where(), order) < document_rank(b.where(), order);
                   });
  return std::move(sink.errors);
}

}  // namespace commsim::scenario
