// scenarios/examples/crossover*.json: GD against MARINA (RandK, K = 5 of d = 101, n = 32) on slow
// hosts (~1.15 ms per local gradient). MARINA needs about 1 + ω/√n ≈ 4.4x GD's rounds but sends
// ~1/5 of its bits per round. With a 1 Gbps uplink a round costs compute + latency for both, so
// GD reaches ε first; with a 20 kbps uplink the uplink dominates and MARINA does.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "analysis/time_to_eps.hpp"
#include "scenarios/scenario_builder.hpp"
#include "scenarios/scenario_file.hpp"
#include "sim/runtime/runtime.hpp"

using namespace commsim;

namespace {

struct Reached {
  std::uint64_t round = 0;
  double time_s = 0.0;
  double bits_per_worker = 0.0;
};

/// Runs the example (optionally as GD) and returns when ‖∇f‖² first reached its report_eps[0].
Reached time_to_eps(const std::string& file_name, bool as_gd) {
  const std::filesystem::path file =
      std::filesystem::path(COMMSIM_SOURCE_DIR) / "scenarios" / "examples" / file_name;
  sim::Json doc = scenario::load_json_file(file);
  scenario::resolve_relative_paths(doc, file.parent_path());
  if (as_gd)
    scenario::set_at_path(doc, "algorithm", sim::Json{{"name", "gd"}, {"stepsize", "theory"}});
  scenario::Scenario sc = scenario::build_scenario(doc);
  REQUIRE(sc.report_eps.size() == 1);
  sim::Runtime runtime(*sc.problem, *sc.algorithm, *sc.platform, sc.options);
  analysis::TimeToEpsRecorder eps(sc.report_eps);
  runtime.add_recorder(eps);
  const sim::RunSummary summary = runtime.run();
  CHECK(summary.termination == sim::Termination::converged);
  const auto j = eps.to_json().at(0);
  REQUIRE(j["reached"].get<bool>());
  return {j["round"].get<std::uint64_t>(), j["time_s"].get<double>(),
          j["bits_up_per_worker"].get<double>()};
}

}  // namespace

TEST_CASE("crossover example: GD reaches eps first at 1 Gbps, MARINA (RandK) first at 20 kbps") {
  const Reached gd_low = time_to_eps("crossover.json", true);
  const Reached marina_low = time_to_eps("crossover.json", false);
  const Reached gd_high = time_to_eps("crossover_high_bw.json", true);
  const Reached marina_high = time_to_eps("crossover_high_bw.json", false);
  INFO("time to eps at 20 kbps: GD ", gd_low.time_s, " s, MARINA ", marina_low.time_s,
       " s; at 1 Gbps: GD ", gd_high.time_s, " s, MARINA ", marina_high.time_s, " s");

  // The network never changes the maths: same rounds and bits to ε at both bandwidths.
  CHECK(gd_low.round == gd_high.round);
  CHECK(marina_low.round == marina_high.round);
  CHECK(marina_low.bits_per_worker == marina_high.bits_per_worker);
  // MARINA needs more rounds but fewer bits (the premise of the crossover).
  CHECK(marina_low.round > 2 * gd_low.round);
  CHECK(marina_low.bits_per_worker * 1.5 < gd_low.bits_per_worker);

  // The winner flips.
  CHECK(marina_low.time_s < gd_low.time_s);
  CHECK(gd_high.time_s < marina_high.time_s);

  // At 1 Gbps every round costs the same (latency + compute; transfers take microseconds), so the
  // time ratio is the round ratio.
  CHECK(marina_high.time_s / gd_high.time_s ==
        doctest::Approx(static_cast<double>(marina_high.round) / static_cast<double>(gd_high.round))
            .epsilon(0.01));
  // At 20 kbps the uplink serialises each worker's bits: bits/n over the bandwidth is a lower bound
  // on the time, and it is most of it.
  for (const Reached& r : {gd_low, marina_low}) {
    const double serialisation = r.bits_per_worker / 20e3;
    CHECK(r.time_s >= serialisation);
    CHECK(r.time_s <= 1.5 * serialisation);
  }
}
