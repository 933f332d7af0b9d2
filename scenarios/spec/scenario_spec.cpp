#include "scenarios/spec/scenario_spec.hpp"

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
  net::reconcile_platform_keys(spec.workers.hosts, spec.network, resolved["network"]);
  // The synthetic seed, when not given, derives from the run's seed (reading stays pure: no
  // data is generated here).
  algo::resolve_problem_spec(spec.problem, sim::RngStreams(spec.seed), &resolved["problem"]);
  spec.resolved = std::move(resolved);
  return spec;
}

}  // namespace commsim::scenario
