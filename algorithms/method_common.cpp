#include "algorithms/method_common.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"

namespace commsim::algo {

std::unique_ptr<Compressor> read_compressor(sim::JsonReader& cfg, const Problem& problem,
                                            int float_bits) {
  const sim::Json* raw = cfg.raw("compressor");
  if (raw && !raw->is_object()) {
    throw ConfigError(
        cfg.path_of("compressor"),
        fmt::format("expected an object such as {{\"name\": \"randk\", \"k\": 1}}, got {}",
                    sim::json_type_name(*raw)));
  }
  sim::JsonReader q = cfg.object("compressor");
  const sim::PartSpec spec = compressor_registry().read(q);
  auto built =
      build_compressor(spec, {problem.dim(), float_bits, BitPolicy::paper, problem.num_workers()});
  q.finish();
  return built;
}

void require_unbiased(const Compressor& q, const sim::JsonReader& cfg, const std::string& method) {
  if (q.is_unbiased()) return;
  throw ConfigError(
      sim::join_path(cfg.path_of("compressor"), "name"),
      fmt::format("{} needs an unbiased compressor; {} is biased — use ef21", method, q.name()));
}

double read_probability(sim::JsonReader& cfg, const std::string& key, double theory) {
  const sim::Json* v = cfg.raw(key);
  const std::string path = cfg.path_of(key);
  if (!v || (v->is_string() && v->get<std::string>() == "theory")) {
    cfg.set_resolved(key, "theory");
    return theory;
  }
  if (!v->is_number()) {
    throw ConfigError(path,
                      fmt::format("expected \"theory\" or a number in (0, 1], got {}", v->dump()));
  }
  const double p = v->get<double>();
  if (!(p > 0.0 && p <= 1.0))
    throw ConfigError(path, fmt::format("{} is not in (0, 1]", v->dump()));
  cfg.set_resolved(key, p);
  return p;
}

Eigen::Index min_local_samples(const Problem& problem) {
  Eigen::Index m = problem.local(0).num_samples();
  for (int i = 1; i < problem.num_workers(); ++i) m = std::min(m, problem.local(i).num_samples());
  return m;
}

std::int64_t one_percent(Eigen::Index m) {
  return std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::ceil(0.01 * static_cast<double>(m))));
}

std::uint32_t read_batch(sim::JsonReader& cfg, const std::string& key, std::int64_t def,
                         std::int64_t max, const std::string& what) {
  const std::int64_t b = cfg.integer(key, def);
  if (b < 1) throw ConfigError(cfg.path_of(key), fmt::format("{} must be >= 1", b));
  if (b > max)
    throw ConfigError(cfg.path_of(key),
                      fmt::format("{} exceeds {} ({}); use 1 <= {} <= {}", b, what, max, key, max));
  return static_cast<std::uint32_t>(b);
}

void mean_payload(std::span<const Uplink* const> uplinks, Vector& out) {
  COMMSIM_ASSERT(!uplinks.empty(), "no uplinks to average");
  out = uplinks.front()->payload;
  for (std::size_t i = 1; i < uplinks.size(); ++i) out += uplinks[i]->payload;
  out /= static_cast<double>(uplinks.size());
}

WorkerCompression::WorkerCompression(const Compressor& q, const sim::RngStreams& streams,
                                     int worker, int num_workers, bool shared_stream)
    : q_(q.clone()),
      rng_(shared_stream ? streams.stream("compressor_shared", 0)
                         : streams.stream("compressor", static_cast<std::uint64_t>(worker))) {
  ctx_.worker = worker;
  ctx_.num_workers = num_workers;
  ctx_.round = 0;
  ctx_.shared_seed = streams.derive("compressor_shared_seed");
}

}  // namespace commsim::algo
