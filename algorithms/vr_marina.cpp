#include "algorithms/vr_marina.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "algorithms/marina_core.hpp"
#include "algorithms/stepsize.hpp"

namespace commsim::algo {
namespace {

constexpr std::int64_t kLimit = std::numeric_limits<std::int32_t>::max();

/// The resolved minibatch sizes.
struct Batches {
  std::uint32_t batch = 1;        ///< b'
  std::uint32_t large_batch = 1;  ///< b (online only)
};

// The batches for the smallest local sample count m: b' (and b when `large` is given).
sim::Json batches(const VrMarinaParams& p, const std::optional<std::int64_t>* large, Eigen::Index m,
                  Batches& c) {
  c.batch = resolve_batch(p.batch, p.path, "batch", one_percent(m), large ? kLimit : m,
                          large ? "the limit" : "the smallest local sample count");
  sim::Json resolved = {{"batch", c.batch}};
  if (large) {
    c.large_batch = resolve_batch(*large, p.path, "large_batch", m, kLimit, "the limit");
    resolved["large_batch"] = c.large_batch;
  }
  return resolved;
}

sim::Json check(const VrMarinaParams& p, const std::optional<std::int64_t>* large,
                const ProblemShape& shape) {
  shaped_compressor(p, shape, p.float_bits, large ? "vr_marina_online" : "vr_marina");
  Batches c;
  return batches(p, large, shape.min_local_samples, c);
}

std::unique_ptr<Algorithm> make(const VrMarinaParams& params,
                                const std::optional<std::int64_t>* large,
                                const AlgorithmContext& ctx) {
  const Problem& problem = ctx.problem;
  const bool online = large != nullptr;
  const StepsizeRule rule = params.stepsize;
  MarinaConfig c;
  AccumulatingConfig& s = c.server;
  s.float_bits = params.float_bits;
  auto q = shaped_compressor(params, shape_of(problem), s.float_bits,
                             online ? "vr_marina_online" : "vr_marina");
  const auto d = problem.dim();
  const double n = problem.num_workers();
  const Eigen::Index m = min_local_samples(problem);
  Batches bs;
  batches(params, large, m, bs);
  c.estimator =
      online ? online_estimator(bs.batch, bs.large_batch) : finite_sum_estimator(bs.batch);
  const double reference = online ? static_cast<double>(bs.large_batch) : static_cast<double>(m);
  const double omega = q->omega(d);
  const double zeta = q->expected_nonzeros(d);
  const double b = bs.batch;
  const double p_theory = std::min(zeta / static_cast<double>(d), b / (reference + b));
  const double p = params.p.resolve(p_theory);
  s.sync_coin = p;
  s.initial_exchange = params.initial_exchange;
  c.shared_compressor_seed = params.shared_compressor_seed;
  const double L = problem.constants().max_local;
  const double theory =
      1.0 / (L + std::sqrt((1.0 - p) / (p * n) * (omega * L * L + (1.0 + omega) * L * L / b)));
  s.stepsize = rule.resolve(theory, theory);
  nlohmann::json constants = {{"stepsize", s.stepsize},
                              {"stepsize_rule", rule.describe()},
                              {"stepsize_theory", theory},
                              {"p", p},
                              {"p_theory", p_theory},
                              {"omega", omega},
                              {"zeta", zeta},
                              {"L", L},
                              {"L_mean_squared", L},
                              {"n", problem.num_workers()},
                              {"m", m},
                              {"batch", bs.batch},
                              {"compressor", q->name()},
                              {"initial_exchange", s.initial_exchange},
                              {"shared_compressor_seed", c.shared_compressor_seed},
                              {"float_bits", s.float_bits}};
  if (online) constants["large_batch"] = bs.large_batch;
  return make_marina_algorithm(problem, ctx.streams, std::move(q), std::move(c),
                               std::move(constants));
}

}  // namespace

const sim::ParamsDecl<VrMarinaParams>& vr_marina_params() {
  static const sim::ParamsDecl<VrMarinaParams> decl = [] {
    sim::ParamsDecl<VrMarinaParams> d;
    declare_marina_keys(d);
    d.custom<std::optional<std::int64_t>>(
        batch_key("batch", "b', 1 <= b' <= min local samples (default ceil(0.01 m))"),
        &VrMarinaParams::batch, parse_batch);
    return d;
  }();
  return decl;
}

const sim::ParamsDecl<VrMarinaOnlineParams>& vr_marina_online_params() {
  static const sim::ParamsDecl<VrMarinaOnlineParams> decl = [] {
    sim::ParamsDecl<VrMarinaOnlineParams> d;
    declare_marina_keys(d);
    d.custom<std::optional<std::int64_t>>(
        batch_key("batch", "b' on compressed rounds (default ceil(0.01 m))"),
        &VrMarinaParams::batch, parse_batch);
    d.custom<std::optional<std::int64_t>>(
        batch_key("large_batch", "b on sync rounds and for g0 (default m)"),
        &VrMarinaOnlineParams::large_batch, parse_batch);
    return d;
  }();
  return decl;
}

sim::Json check_vr_marina(const sim::PartSpec& spec, const ProblemShape& shape) {
  return check(spec.get<VrMarinaParams>(), nullptr, shape);
}

sim::Json check_vr_marina_online(const sim::PartSpec& spec, const ProblemShape& shape) {
  const auto& p = spec.get<VrMarinaOnlineParams>();
  return check(p, &p.large_batch, shape);
}

std::unique_ptr<Algorithm> make_vr_marina(const sim::PartSpec& spec, const AlgorithmContext& ctx) {
  return make(spec.get<VrMarinaParams>(), nullptr, ctx);
}

std::unique_ptr<Algorithm> make_vr_marina_online(const sim::PartSpec& spec,
                                                 const AlgorithmContext& ctx) {
  const auto& p = spec.get<VrMarinaOnlineParams>();
  return make(p, &p.large_batch, ctx);
}

}  // namespace commsim::algo
