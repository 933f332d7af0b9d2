#include "analysis/time_to_eps.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "sim/kernel/errors.hpp"

using namespace commsim;
namespace fs = std::filesystem;

namespace {

fs::path write_file(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / name;
  std::ofstream(p) << text;
  return p;
}

sim::RoundRecord row(std::uint64_t round, double grad_norm_sq) {
  sim::RoundRecord r;
  r.round = round;
  r.grad_norm_sq = grad_norm_sq;
  r.time = sim::Time::from_seconds(0.5 * static_cast<double>(round));
  return r;
}

}  // namespace

TEST_CASE("analysis::FirstCrossing: true once, at the first value at or below eps") {
  analysis::FirstCrossing c(1e-2);
  CHECK_FALSE(c.offer(std::nan("")));
  CHECK_FALSE(c.offer(0.5));
  CHECK(c.offer(1e-2));
  CHECK_FALSE(c.offer(1e-3));
  CHECK(c.reached());
}

TEST_CASE("analysis::TimeToEpsRecorder: the first recorded row per threshold, null if never") {
  analysis::TimeToEpsRecorder rec({0.1, 1e-9});
  rec.on_round(row(0, 1.0));
  rec.on_round(row(2, 0.05));
  rec.on_round(row(4, 0.01));
  const auto j = rec.to_json();
  CHECK(j[0]["reached"] == true);
  CHECK(j[0]["round"] == 2);
  CHECK(j[0]["time_s"] == 1.0);
  CHECK(j[1]["reached"] == false);
  CHECK(j[1]["round"].is_null());
}

TEST_CASE("analysis::first_crossing_in_rounds_csv: the same rule on a finished trace") {
  const fs::path p = write_file("commsim_time_to_eps_test.csv",
                                "round,time_s,bits_up_per_worker,grad_norm_sq\n"
                                "0,0,0,1\n1,0.5,64,0.2\n2,1,128,0.05\n3,1.5,192,0.01\n");
  const auto hit = analysis::first_crossing_in_rounds_csv(p, 0.1);
  REQUIRE(hit);
  CHECK(hit->bits_up_per_worker == 128.0);
  CHECK(hit->time_s == 1.0);
  CHECK_FALSE(analysis::first_crossing_in_rounds_csv(p, 1e-3));
  const fs::path bad = write_file("commsim_time_to_eps_bad.csv", "round,time_s\n0,0\n");
  CHECK_THROWS_AS(analysis::first_crossing_in_rounds_csv(bad, 0.1), ConfigError);
  fs::remove(p);
  fs::remove(bad);
}
