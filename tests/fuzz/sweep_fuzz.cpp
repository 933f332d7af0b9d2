/// \file
/// libFuzzer target: the sweep expander on arbitrary text. Property: a definition either
/// expands (every run's scenario is an object with the axis values set, ids distinct and
/// ordered) or fails with a UserError; never a crash or a sanitizer report. Definitions whose
/// base is a file name are skipped (the fuzzer must not read the machine's files).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "scenarios/sweep/sweep_plan.hpp"
#include "sim/kernel/errors.hpp"

using namespace commsim;

namespace {
[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "%s\n", what.c_str());
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  nlohmann::ordered_json def =
      nlohmann::ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (def.is_discarded()) return 0;
  if (def.is_object()) {
    const auto base = def.find("base");
    if (base != def.end() && base->is_string()) return 0;
    if (text.find("path") != std::string_view::npos) return 0;  // data files named in axis values
  }
  try {
    const scenario::SweepPlan plan(def, "/nonexistent-commsim-fuzz");
    if (plan.size() == 0) fail("a valid plan with no runs");
    const std::size_t n = std::min<std::size_t>(plan.size(), 64);
    std::string previous;
    for (std::size_t i = 0; i < n; ++i) {
      const scenario::SweepRun r = plan.run(i);
      if (!r.scenario.is_object()) fail("run scenario is not an object");
      if (r.values.size() != plan.axis_paths().size()) fail("run values do not match the axes");
      if (r.id != plan.id(i) || (i > 0 && !(previous < r.id)))
        fail("run ids are not distinct and ordered: " + r.id);
      previous = r.id;
    }
  } catch (const UserError&) {
  }
  return 0;
}
