#include "analysis/results/run_summary_record.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "sim/kernel/errors.hpp"

using namespace commsim;
namespace fs = std::filesystem;

namespace {

fs::path write_summary(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / "commsim_test_summary_record";
  fs::create_directories(dir);
  const fs::path file = dir / name;
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

}  // namespace

TEST_CASE("analysis::read_summary: every figure typed, nulls empty, crossings in file order") {
  const fs::path file = write_summary("full.json", R"({
    "status": "converged", "rounds": 12, "time_s": 0.5, "bits_up": 640, "bits_down": 320,
    "grad_evals": 36, "bits_up_per_worker": 213.5, "wall_seconds": 0.01,
    "final": {"grad_norm_sq": 1e-6, "loss": null},
    "time_to_eps": [{"eps": 0.01, "reached": true, "round": 3, "time_s": 0.125,
                     "bits_up_per_worker": 53.25},
                    {"eps": 1e-9, "reached": false, "round": null, "time_s": null,
                     "bits_up_per_worker": null}]})");
  const auto r = analysis::read_summary(file);
  REQUIRE(r);
  CHECK(r->status == "converged");
  CHECK(r->finished());
  CHECK(r->rounds == 12);
  CHECK(r->bits_up == 640);
  CHECK(r->bits_down == 320);
  CHECK(r->grad_evals == 36);
  CHECK(r->time_s == 0.5);
  CHECK(r->bits_up_per_worker == 213.5);
  CHECK(r->final_grad_norm_sq == 1e-6);
  CHECK(!r->final_loss);
  CHECK(r->wall_seconds == 0.01);
  REQUIRE(r->time_to_eps.size() == 2);
  CHECK(r->time_to_eps[0].eps == 0.01);
  CHECK(r->time_to_eps[0].round == 3);
  CHECK(r->time_to_eps[0].time_s == 0.125);
  CHECK(r->time_to_eps[0].bits_up_per_worker == 53.25);
  CHECK(!r->time_to_eps[1].round);
  CHECK(!r->time_to_eps[1].time_s);
}

// The error's where(), or "(read)" when the file was accepted.
std::string summary_error_where(const fs::path& file) {
  try {
    analysis::read_summary(file);
  } catch (const ConfigError& e) {
    return e.where();
  }
  return "(read)";
}

TEST_CASE("analysis::read_summary: absent gives nothing; a broken file is an error naming it") {
  CHECK(!analysis::read_summary(write_summary("x", "").parent_path() / "absent.json"));
  const fs::path broken = write_summary("broken.json", "{\"status\": ");
  CHECK(summary_error_where(broken).rfind(broken.string() + ":1:", 0) == 0);  // file:line:column
  const fs::path array = write_summary("array.json", "[1, 2]");
  CHECK(summary_error_where(array) == array.string() + ": scenario");  // the document's root
  const fs::path no_status = write_summary("no_status.json", "{\"rounds\": 3}");
  CHECK(summary_error_where(no_status) == no_status.string() + ": status");
  const fs::path text = write_summary("text.json", R"({"status": "converged", "rounds": "3"})");
  CHECK(summary_error_where(text) == text.string() + ": rounds");
  const fs::path eps = write_summary(
      "eps.json", R"({"status": "converged", "time_to_eps": [{"eps": 0.1}, {"eps": "x"}]})");
  CHECK(summary_error_where(eps) == eps.string() + ": time_to_eps[1].eps");
  const fs::path final_values =
      write_summary("final.json", R"({"status": "converged", "final": 3})");
  CHECK(summary_error_where(final_values) == final_values.string() + ": final");
  CHECK(summary_error_where(
            write_summary("dup.json", R"({"status": "converged", "status": "x"})")) == "status");
  const auto interrupted =
      analysis::read_summary(write_summary("interrupted.json", "{\"status\": \"interrupted\"}"));
  REQUIRE(interrupted);
  CHECK(!interrupted->finished());
  CHECK(!interrupted->rounds);
}
