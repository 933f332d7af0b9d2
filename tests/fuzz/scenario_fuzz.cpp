/// \file
/// libFuzzer target: the scenario loader on arbitrary text. Property: any input either loads
/// or fails with a UserError (one clear line); never a crash, a sanitizer report, an
/// InternalError or another exception. A scenario that loads must load again from its own
/// resolved form (the resolved scenario is documented as re-runnable as it is).
///
/// Inputs that name files (data paths, traces, GraphML) are skipped: the fuzzer must not read
/// the machine's files. The cost of one input is bounded, so that the 10 s per-input timeout
/// only catches real hangs: `limits.memory` is set to 4 MB (the loader's own guard then refuses
/// big data, method state and topologies before allocating them), at most 64 workers, and at
/// most 50 synthetic features (the exact least-squares analysis costs n·d³: d = 509 took over
/// 10 s under the sanitizers, d = 101 at n = 64 6 s; the analysis is bounded at about a second
/// in Release, more than ten under coverage instrumentation).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "scenarios/scenario_builder.hpp"
#include "scenarios/scenario_file.hpp"
#include "sim/kernel/errors.hpp"
#include "sim/kernel/units.hpp"

using namespace commsim;

namespace {

bool names_files(std::string_view text) {
  for (std::string_view key : {"path", "trace", "graphml", "libsvm"}) {
    if (text.find(key) != std::string_view::npos) return true;
  }
  return false;
}

// Latencies of a billion seconds and more are skipped: the loader now refuses link latencies
// over a year and the route search saturates, but latency *distributions* are sampled values
// whose extremes would only make runs that never end within the fuzzer's time budget.
bool huge_latency(const sim::Json& v, bool latency_context) {
  if (v.is_string() && latency_context) {
    try {
      return !(sim::parse_quantity(v.get<std::string>(), sim::Unit::duration_s) < 1e9);
    } catch (const std::exception&) {
      return false;
    }
  }
  if (v.is_object()) {
    for (const auto& [k, x] : v.items()) {
      if (huge_latency(x, latency_context || k == "latency" || k.ends_with("_latency")))
        return true;
    }
  }
  if (v.is_array()) {
    for (const auto& x : v) {
      if (huge_latency(x, latency_context)) return true;
    }
  }
  return false;
}

// Whether an object key `key` anywhere in `v` holds a number above `cap` (or not a number
// below it: a NaN or an overflowed literal).
bool exceeds(const sim::Json& v, const char* key, double cap) {
  if (v.is_object()) {
    for (const auto& [k, x] : v.items()) {
      if (k == key && x.is_number() && !(x.get<double>() <= cap)) return true;
      if (exceeds(x, key, cap)) return true;
    }
  }
  if (v.is_array()) {
    for (const auto& x : v) {
      if (exceeds(x, key, cap)) return true;
    }
  }
  return false;
}

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "%s: %s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (names_files(text)) return 0;
  sim::Json doc;
  try {
    doc = scenario::parse_json(text, "fuzz");
  } catch (const UserError&) {
    return 0;
  }
  if (!doc.is_object()) {
    try {
      scenario::build_scenario(doc);
    } catch (const UserError&) {
      return 0;
    }
    fail("non-object scenario loaded", doc.dump());
  }
  if (huge_latency(doc, false) || exceeds(doc, "features", 50.0)) return 0;
  doc["limits"] = sim::Json{{"memory", "4MB"}};
  if (const auto w = doc.find("workers"); w != doc.end() && w->is_object()) {
    if (const auto c = w->find("count");
        c != w->end() && c->is_number() && !(c->get<double>() <= 64.0))
      return 0;
  }
  sim::Json resolved;
  try {
    resolved = scenario::build_scenario(doc).resolved;
  } catch (const UserError&) {
    return 0;
  } catch (const std::exception& e) {
    fail("non-user exception", e.what());
  }
  try {
    scenario::build_scenario(resolved);
  } catch (const std::exception& e) {
    const std::string what = e.what();
    fail("the resolved scenario does not load again", what + " | " + resolved.dump());
  }
  return 0;
}
