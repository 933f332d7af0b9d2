// A short reproduction of the paper's Fig. 1 (mushrooms, RandK K = 1, n = 5, theory stepsizes),
// run from the committed scenarios/paper/ files with fewer rounds, and paper_spec.md §7 target 4
// (uplink bits per round) in a form that is exact given the drawn coins.

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "scenarios/scenario_builder.hpp"
#include "scenarios/scenario_file.hpp"
#include "sim/runtime/runtime.hpp"

using namespace commsim;

namespace {

struct Trace final : sim::Recorder {
  std::vector<sim::RoundRecord> rows;
  std::vector<sim::MessageRecord> messages;
  void on_round(const sim::RoundRecord& r) override { rows.push_back(r); }
  void on_message(const sim::MessageRecord& m) override { messages.push_back(m); }
};

/// Loads scenarios/paper/<name>.json as the CLI does, with a shorter run.
sim::Json paper_scenario(const std::string& name, std::uint64_t rounds, std::uint64_t every,
                         bool messages = false) {
  const std::filesystem::path file =
      std::filesystem::path(COMMSIM_SOURCE_DIR) / "scenarios" / "paper" / (name + ".json");
  sim::Json doc = scenario::load_json_file(file);
  scenario::resolve_relative_paths(doc, file.parent_path());
  scenario::set_at_path(doc, "stop.max_rounds", rounds);
  scenario::set_at_path(doc, "record.every", every);
  scenario::set_at_path(doc, "record.messages", messages);
  return doc;
}

struct Run {
  Trace trace;
  nlohmann::json constants;
  std::int64_t dim = 0;
};

void run(const sim::Json& doc, Run& out) {
  scenario::Scenario sc = scenario::build_scenario(doc);
  out.constants = sc.algorithm->constants();
  out.dim = sc.problem->dim();
  sim::Runtime runtime(*sc.problem, *sc.algorithm, *sc.platform, sc.options);
  runtime.add_recorder(out.trace);
  runtime.run();
}

/// #bits/n at the first recorded row with ‖∇f‖² ≤ eps (infinity if never).
double bits_to(const Trace& t, double eps) {
  for (const auto& r : t.rows) {
    if (r.grad_norm_sq <= eps) return r.bits_up_per_worker;
  }
  return std::numeric_limits<double>::infinity();
}

}  // namespace

TEST_CASE(
    "paper Fig. 1 (short): on mushrooms with RandK K = 1, MARINA reaches DIANA's ||grad f||^2 with "
    ">= 8x fewer bits/n") {
  // Seed 1 (the scenario files' seed) for every run. Theory stepsizes: MARINA's γ is about 108x
  // DIANA's (paper_spec.md §5.1), at about 2x DIANA's bits per round, so in the early, nearly
  // linear phase MARINA moves ~54x further per bit; its fixed cost is the counted g⁰ exchange
  // (32d = 3616 bits/n). DIANA runs 2500 rounds (80 000 bits/n); MARINA should need about
  // 2500/108 ≈ 23 rounds: 3616 + 23·32 ≈ 4350 bits/n, or ≈ 7950 if one of those rounds is a sync
  // round (32d more; probability ≈ 0.2): ≈ 18x or ≈ 10x fewer bits. 8x is checked; a second early
  // sync round (probability ≈ 0.02) would give ≈ 7x.
  Run marina_start, diana;
  run(paper_scenario("mushrooms_marina_k1", 100, 1), marina_start);
  run(paper_scenario("mushrooms_diana_k1", 2500, 100), diana);

  REQUIRE(diana.trace.rows.back().round == 2500);
  CHECK(diana.trace.rows.back().bits_up_per_worker == doctest::Approx(32.0 * 2500));
  const double eps_diana = diana.trace.rows.back().grad_norm_sq;
  CHECK(eps_diana < diana.trace.rows.front().grad_norm_sq);  // DIANA does make progress
  const double marina_bits = bits_to(marina_start.trace, eps_diana);
  const double diana_bits = bits_to(diana.trace, eps_diana);
  INFO("eps = DIANA's final ||grad f||^2 = ", eps_diana, "; bits/n MARINA ", marina_bits,
       ", DIANA ", diana_bits);
  CHECK(marina_bits * 8.0 <= diana_bits);
}

TEST_CASE(
    "paper Fig. 1 (short): on mushrooms with RandK K = 1, MARINA needs about GD's bits/n, as "
    "theory predicts at n = 5") {
  // Against GD, theory predicts parity, not a win, at n = 5: MARINA needs (1 + ω/√n) times GD's
  // rounds at (p·d + (1 − p)K)/d of its bits per round, i.e. (1 + 112/√5)·(63.7/3616) ≈ 0.90 of
  // GD's bits. The spread comes from the number of sync rounds S ~ Bin(R, p), R = 1600 rounds,
  // p = 1/113: sd(S)/E(S) ≈ 0.26 on the half of MARINA's bits that sync rounds carry, ≈ 0.13
  // overall. A 3-sd band around 0.90 is [0.55, 1.25].
  // Seed 1 (the scenario files' seed) for both runs.
  Run marina, gd;
  run(paper_scenario("mushrooms_marina_k1", 1600, 20), marina);
  run(paper_scenario("mushrooms_gd", 60, 1), gd);
  const double eps = marina.trace.rows.back().grad_norm_sq;  // MARINA's value after 1600 rounds
  REQUIRE(eps < 1e-2);
  const double gd_bits = bits_to(gd.trace, eps);
  REQUIRE(std::isfinite(gd_bits));  // 60 GD rounds reach it
  const double ratio = bits_to(marina.trace, eps) / gd_bits;
  INFO("eps = ", eps, "; MARINA/GD bits ratio ", ratio);
  CHECK(ratio >= 0.55);
  CHECK(ratio <= 1.25);
}

TEST_CASE(
    "paper target 4 (short): MARINA's uplink is 32K bits per compressed round and 32d per sync "
    "round, DIANA's exactly 32K") {
  const std::uint64_t rounds = 2000;
  Run marina, diana;
  run(paper_scenario("mushrooms_marina_k1", rounds, 1000, true), marina);
  run(paper_scenario("mushrooms_diana_k1", 300, 100, true), diana);
  const int n = 5, K = 1;
  const auto d = static_cast<double>(marina.dim);
  REQUIRE(marina.dim == 113);
  const double p = marina.constants["p"].get<double>();
  CHECK(p == doctest::Approx(K / d).epsilon(1e-12));  // ζ_Q/d for RandK

  // Every uplink message, round by round: sizes are exact, the coin is shared by all workers.
  std::vector<int> syncs_in_round(rounds + 1, 0);
  double uplink_bits = 0.0;
  for (const auto& m : marina.trace.messages) {
    if (m.dst != -1) continue;  // uplinks only
    if (m.round == 0) {         // the counted g⁰ exchange
      CHECK(m.kind == sim::MessageKind::full_gradient);
      CHECK(m.bits == static_cast<sim::Bits>(32 * marina.dim));
      continue;
    }
    uplink_bits += static_cast<double>(m.bits);
    if (m.kind == sim::MessageKind::full_gradient) {
      CHECK(m.bits == static_cast<sim::Bits>(32 * marina.dim));
      ++syncs_in_round[m.round];
    } else {
      CHECK(m.kind == sim::MessageKind::compressed);
      CHECK(m.bits == static_cast<sim::Bits>(32 * K));
    }
  }
  int sync_rounds = 0;
  for (std::uint64_t k = 1; k <= rounds; ++k) {
    CHECK((syncs_in_round[k] == 0 || syncs_in_round[k] == n));
    if (syncs_in_round[k] == n) ++sync_rounds;
  }
  // S ~ Bin(2000, 1/113): mean 17.7, sd 4.2; 4 sd either side.
  const double mean_s = static_cast<double>(rounds) * p,
               sd_s = std::sqrt(static_cast<double>(rounds) * p * (1 - p));
  INFO("sync rounds ", sync_rounds, " (expected ", mean_s, " +- ", sd_s, ")");
  CHECK(std::abs(sync_rounds - mean_s) <= 4 * sd_s);

  // Mean uplink per worker per round against 32(p·d + (1 − p)K) = 63.7 bits: its sd over R rounds
  // is 32(d − K)·sqrt(p(1 − p)/R) ≈ 7.5 bits, so 4 sd ≈ 30 bits. (At 40 000 rounds the sd is
  // 1.7 bits and the paper's ±10 % holds; this short run checks the formula, not that figure.)
  const double per_round = uplink_bits / n / static_cast<double>(rounds);
  const double expected = 32.0 * (p * d + (1 - p) * K);
  CHECK(expected == doctest::Approx(63.7).epsilon(0.001));
  const double sd = 32.0 * (d - K) * std::sqrt(p * (1 - p) / static_cast<double>(rounds));
  CHECK(std::abs(per_round - expected) <= 4 * sd);
  // And exactly, given the coins: R − S compressed rounds of 32K bits and S of 32d per worker.
  CHECK(per_round * rounds ==
        doctest::Approx(32.0 * K * (static_cast<double>(rounds) - sync_rounds) +
                        32.0 * d * sync_rounds));
  CHECK(marina.trace.rows.back().bits_up_per_worker ==
        doctest::Approx(32.0 * d + per_round * static_cast<double>(rounds)));

  // DIANA: exactly 32K bits per worker per round, every round, no setup exchange.
  int diana_uplinks = 0;
  for (const auto& m : diana.trace.messages) {
    if (m.dst != -1) continue;
    ++diana_uplinks;
    CHECK(m.kind == sim::MessageKind::compressed);
    CHECK(m.bits == static_cast<sim::Bits>(32 * K));
    CHECK(m.round >= 1);
  }
  CHECK(diana_uplinks == 300 * n);
  CHECK(diana.trace.rows.back().bits_up == static_cast<sim::Bits>(32 * K * n * 300));
}
