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

// Refuses a synthetic data set that would not fit before generating it: build_problem would
// otherwise allocate it all (and be killed by the OS) before the vector guard below ran.
void check_synthetic_size(const algo::ProblemSpec& spec, double memory_limit) {
  if (!spec.data.synthetic) return;
  const double samples = static_cast<double>(spec.data.synthetic->samples);
  const double features = static_cast<double>(spec.data.synthetic->features);
  const double density = spec.data.synthetic->density;
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

// Reads the problem section (pure), checks the synthetic size, then builds it.
std::unique_ptr<algo::Problem> build_problem_section(sim::JsonReader& top, int n,
                                                     const sim::RngStreams& streams,
                                                     double memory_limit,
                                                     algo::DataStore* data_store) {
  if (!top.has("problem"))
    throw ConfigError("problem",
                      "required section is missing (e.g. {\"type\": \"sigmoid_squared\", \"data\": "
                      "{\"libsvm\": \"mushrooms\"}})");
  sim::JsonReader problem = top.object("problem");
  algo::ProblemSpec spec = algo::problem_spec_decl().read(problem);
  algo::resolve_problem_spec(spec, streams, top.resolved_slot("problem"));
  problem.finish();
  check_synthetic_size(spec, memory_limit);
  return algo::build_problem(spec, n, streams, data_store);
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

// Reads the method's spec, checks it against the problem's shape (recording the defaults that
// depend on the data, such as batch sizes) and builds it; the caller finishes the reader.
std::unique_ptr<algo::Algorithm> build_method(sim::JsonReader& algorithm,
                                              const algo::Problem& problem,
                                              const sim::RngStreams& streams) {
  const sim::PartSpec method = algo::algorithm_registry().read(algorithm);
  const sim::Json shaped = algo::check_algorithm(method, algo::shape_of(problem));
  for (const auto& [key, value] : shaped.items()) algorithm.set_resolved(key, value);
  return algo::build_algorithm(method, algo::AlgorithmContext{problem, streams});
}

Scenario build_scenario(const sim::Json& doc, algo::DataStore* data_store) {
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

  sc.problem = build_problem_section(top, n, streams, memory_limit, data_store);

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
  sc.algorithm = build_method(algorithm, *sc.problem, streams);
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
