#include "algorithms/method_common.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"

namespace commsim::algo {

namespace {

sim::KeyDecl any_key(const std::string& key, std::string help, std::string type_text) {
  sim::KeyDecl d;
  d.path = key;
  d.help = std::move(help);
  d.type_text = std::move(type_text);
  return d;
}

struct OneBatch {
  std::int64_t batch = 1;
};

const sim::ParamsDecl<OneBatch>& batch_alone(const std::string& key) {
  // One declaration per batch key name (batch, large_batch): the key is part of the path.
  static const sim::ParamsDecl<OneBatch> batch =
      sim::ParamsDecl<OneBatch>().integer("batch", &OneBatch::batch, std::nullopt, "");
  static const sim::ParamsDecl<OneBatch> large =
      sim::ParamsDecl<OneBatch>().integer("large_batch", &OneBatch::batch, std::nullopt, "");
  return key == "batch" ? batch : large;
}

}  // namespace

void check_float_bits(const MethodCommon& p, const std::string& path) {
  if (p.float_bits != 32 && p.float_bits != 64)
    throw ConfigError(sim::join_path(path, "float_bits"),
                      std::to_string(p.float_bits) + " must be 32 or 64");
}

std::string compressor_name_path(const std::string& method_path) {
  return sim::join_path(sim::join_path(method_path, "compressor"), "name");
}

std::unique_ptr<Compressor> shaped_compressor(const CompressedCommon& p, const ProblemShape& shape,
                                              int float_bits, const char* unbiased_for) {
  auto q =
      build_compressor(p.compressor, {shape.dim, float_bits, BitPolicy::paper, shape.num_workers});
  if (unbiased_for && !q->is_unbiased()) {
    throw ConfigError(compressor_name_path(p.path),
                      fmt::format("{} needs an unbiased compressor; {} is biased — use ef21",
                                  unbiased_for, q->name()));
  }
  return q;
}

sim::KeyDecl probability_key(const std::string& key, const std::string& help) {
  sim::KeyDecl d = any_key(key, help, "theory|number in (0, 1]");
  d.def = "theory";
  return d;
}

sim::Json parse_probability(const sim::Json* v, const std::string& path, Probability& out) {
  out = Probability{};
  if (!v || (v->is_string() && v->get<std::string>() == "theory")) return "theory";
  if (!v->is_number()) {
    throw ConfigError(path,
                      fmt::format("expected \"theory\" or a number in (0, 1], got {}", v->dump()));
  }
  const double p = v->get<double>();
  if (!(p > 0.0 && p <= 1.0))
    throw ConfigError(path, fmt::format("{} is not in (0, 1]", v->dump()));
  out.value = p;
  return p;
}

sim::KeyDecl batch_key(const std::string& key, const std::string& help) {
  sim::KeyDecl d = any_key(key, help, "integer >= 1");
  d.kind = sim::KeyDecl::Kind::integer;
  return d;
}

sim::Json parse_batch(const sim::Json* v, const std::string& path,
                      std::optional<std::int64_t>& out) {
  out.reset();
  if (!v) return nullptr;
  const std::string key = path.substr(path.find_last_of('.') + 1);
  OneBatch one;
  sim::Json resolved = sim::read_key_alone(batch_alone(key), key, v, path, one);
  if (one.batch < 1) throw ConfigError(path, fmt::format("{} must be >= 1", one.batch));
  out = one.batch;
  return resolved;
}

std::uint32_t resolve_batch(const std::optional<std::int64_t>& b, const std::string& method_path,
                            const std::string& key, std::int64_t def, std::int64_t max,
                            const std::string& what) {
  const std::int64_t v = b.value_or(def);
  if (v > max)
    throw ConfigError(sim::join_path(method_path, key),
                      fmt::format("{} exceeds {} ({}); use 1 <= {} <= {}", v, what, max, key, max));
  return static_cast<std::uint32_t>(v);
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
