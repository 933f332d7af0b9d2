#include "scenarios/scenario_builder.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <unistd.h>

#include "algorithms/builtin.hpp"
#include "algorithms/problems/problem_factory.hpp"
#include "networks/platform_builder.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::scenario {
namespace {

// Per worker: iterate copy, cached gradient, shift or difference, uplink buffer, scratch, plus
// the server's copies amortised; a deliberately generous count so the guard errs on refusing.
constexpr double kVectorCopiesPerWorker = 6.0;

double physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return std::numeric_limits<double>::infinity();
  return static_cast<double>(pages) * static_cast<double>(page_size);
}

sim::StopCriteria read_stop(sim::JsonReader r, std::vector<double>& report_eps) {
  sim::StopCriteria s;
  s.max_rounds = static_cast<std::uint64_t>(r.integer("max_rounds", 1000, 1));
  const double max_time = r.quantity("max_time", "inf", sim::Unit::duration_s, 0.0,
                                     std::numeric_limits<double>::infinity(), true);
  s.max_time = sim::Time::from_seconds(max_time);
  const double max_bits = r.quantity("max_bits", "inf", sim::Unit::bits, 0.0,
                                     std::numeric_limits<double>::infinity(), true);
  s.max_bits = std::isinf(max_bits) || max_bits >= 1.8e19
                   ? std::numeric_limits<sim::Bits>::max()
                   : static_cast<sim::Bits>(std::ceil(max_bits));
  s.grad_norm_sq = r.number("grad_norm_sq", 0.0, 0.0);
  s.divergence_factor = r.number("divergence_factor", 1e12, 1.0);
  s.stall_rounds = static_cast<std::uint64_t>(r.integer("stall_rounds", 0, 0));
  s.stall_tolerance = r.number("stall_tolerance", 1e-6, 0.0, 1.0);
  const sim::Json& eps = r.array("report_eps");
  sim::Json resolved_eps = sim::Json::array();
  for (std::size_t i = 0; i < eps.size(); ++i) {
    if (!eps[i].is_number() || !(eps[i].get<double>() > 0.0) ||
        !std::isfinite(eps[i].get<double>())) {
      throw ConfigError(r.element_path("report_eps", i),
                        fmt::format("{} must be a number > 0", eps[i].dump()));
    }
    report_eps.push_back(eps[i].get<double>());
    resolved_eps.push_back(eps[i]);
  }
  r.set_resolved("report_eps", resolved_eps);
  r.finish();
  return s;
}

// A number at `key` of `obj` (an object), or `fallback` when absent or not a number: the
// pre-check only reads plausible values; the loader proper reports malformed ones.
double raw_number(const sim::Json& obj, const char* key, double fallback) {
  if (!obj.is_object()) return fallback;
  const auto it = obj.find(key);
  return it != obj.end() && it->is_number() ? it->get<double>() : fallback;
}

// Refuses a synthetic data set that would not fit before generating it: build_problem would
// otherwise allocate it all (and be killed by the OS) before the vector guard below ran.
void check_synthetic_size(const sim::Json& doc, double memory_limit) {
  const auto problem = doc.find("problem");
  if (problem == doc.end() || !problem->is_object()) return;
  const auto data = problem->find("data");
  if (data == problem->end() || !data->is_object()) return;
  const auto syn = data->find("synthetic");
  if (syn == data->end() || !syn->is_object()) return;
  // The defaults mirror problem_factory's (1000 samples, 20 features, density 1).
  const double samples = raw_number(*syn, "samples", 1000.0);
  const double features = raw_number(*syn, "features", 20.0);
  const double density = std::clamp(raw_number(*syn, "density", 1.0), 0.0, 1.0);
  const double bytes = estimate_synthetic_bytes(samples, features, density);
  if (bytes > memory_limit) {
    throw ResourceError(
        "problem.data.synthetic",
        fmt::format(
            "{:g} samples x {:g} features x density {:g} need about {:.3g} GB of data, over "
            "the limit of {:.3g} GB (limits.memory)",
            samples, features, density, bytes / 1e9, memory_limit / 1e9));
  }
}

// Reads the workers and network sections (in that order: the first error wins) and builds the
// platform. The topology is read with its registry, then the network's other keys.
std::unique_ptr<net::Platform> read_platform(sim::JsonReader& workers, sim::JsonReader& network,
                                             int n, const sim::RngStreams& streams) {
  const net::WorkersSpec workers_spec = net::workers_spec_decl().read(workers);
  sim::JsonReader topology = network.object("topology");
  const sim::PartSpec topology_spec = net::topology_registry().read(topology);
  topology.finish();
  net::NetworkSpec network_spec = net::network_spec_decl().read(network);
  network_spec.topology = topology_spec;
  return net::build_platform(workers_spec, network_spec, n, streams);
}

}  // namespace

double estimate_synthetic_bytes(double samples, double features, double density) {
  // A stored entry is a value and an index (16 B); every row holds at least one entry plus
  // the bias, and costs a row pointer and a label; the true model is a dense d-vector.
  const double per_row = std::max(1.0, features * density) + 1.0;
  return samples * (per_row * 16.0 + 16.0) + features * 16.0;
}

double estimate_vector_bytes(std::int64_t num_workers, std::int64_t dim) {
  return static_cast<double>(num_workers) * static_cast<double>(dim) * kVectorCopiesPerWorker * 8.0;
}

Scenario build_scenario(const sim::Json& doc) {
  Scenario sc;
  sc.resolved = sim::Json::object();
  sim::JsonReader top(doc, "", &sc.resolved);
  sc.name = top.string("name", "scenario");
  sc.seed = static_cast<std::uint64_t>(top.integer("seed", 1, 0));
  const sim::RngStreams streams(sc.seed);

  sim::JsonReader limits = top.object("limits");
  // "auto" keeps the resolved scenario machine-independent; the figure is derived at run time.
  double memory_limit = 0.8 * physical_memory_bytes();
  const sim::Json* memory = limits.raw("memory");
  if (memory && !(memory->is_string() && memory->get<std::string>() == "auto")) {
    memory_limit = limits.quantity("memory", std::nullopt, sim::Unit::bits, 0.0,
                                   std::numeric_limits<double>::infinity(), true) /
                   8.0;
  } else {
    limits.set_resolved("memory", "auto");
  }
  limits.finish();

  sim::JsonReader workers = top.object("workers");
  const int n = static_cast<int>(workers.integer("count", 5, 1, 10'000'000));

  check_synthetic_size(doc, memory_limit);
  if (!top.has("problem"))
    throw ConfigError("problem",
                      "required section is missing (e.g. {\"type\": \"sigmoid_squared\", \"data\": "
                      "{\"libsvm\": \"mushrooms\"}})");
  sim::JsonReader problem = top.object("problem");
  sc.problem = algo::build_problem(problem, n, streams);
  problem.finish();

  const double bytes = estimate_vector_bytes(n, sc.problem->dim());
  if (bytes > memory_limit) {
    throw ResourceError(
        "workers.count",
        fmt::format(
            "{} workers x d = {} need about {:.3g} GB of vectors, over the limit of {:.3g} GB "
            "(limits.memory)",
            n, sc.problem->dim(), bytes / 1e9, memory_limit / 1e9));
  }

  if (!top.has("algorithm"))
    throw ConfigError("algorithm", "required section is missing (e.g. {\"name\": \"gd\"})");
  sim::JsonReader algorithm = top.object("algorithm");
  sc.algorithm = algo::build_algorithm(algorithm, algo::AlgorithmContext{*sc.problem, streams});
  algorithm.finish();

  sim::JsonReader network = top.object("network");
  sc.platform = read_platform(workers, network, n, streams);
  workers.finish();
  network.finish();

  sc.options.stop = read_stop(top.object("stop"), sc.report_eps);
  sim::JsonReader record = top.object("record");
  sc.options.record_every = static_cast<std::uint64_t>(record.integer("every", 1, 1));
  sc.options.record_messages = record.boolean("messages", false);
  sc.per_worker_bits = record.boolean("per_worker_bits", false);
  record.finish();
  top.finish();
  return sc;
}

}  // namespace commsim::scenario
