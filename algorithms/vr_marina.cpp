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
  const bool online = large != nullptr;
  MarinaBuilder m(params, ctx.problem, online ? "vr_marina_online" : "vr_marina");
  m.config.shared_compressor_seed = params.shared_compressor_seed;
  const auto d = ctx.problem.dim();
  const double n = ctx.problem.num_workers();
  const Eigen::Index samples = min_local_samples(ctx.problem);
  Batches bs;
  batches(params, large, samples, bs);
  m.config.estimator =
      online ? online_estimator(bs.batch, bs.large_batch) : finite_sum_estimator(bs.batch);
  const double reference =
      online ? static_cast<double>(bs.large_batch) : static_cast<double>(samples);
  const double b = bs.batch;
  const double p =
      m.sync_probability(std::min(m.zeta / static_cast<double>(d), b / (reference + b)));
  const double L = m.L, omega = m.omega;
  const double theory =
      1.0 / (L + std::sqrt((1.0 - p) / (p * n) * (omega * L * L + (1.0 + omega) * L * L / b)));
  nlohmann::json constants = m.constants(theory, theory);
  constants["L_mean_squared"] = L;
  constants["m"] = samples;
  constants["batch"] = bs.batch;
  constants["shared_compressor_seed"] = params.shared_compressor_seed;
  if (online) constants["large_batch"] = bs.large_batch;
  return m.build(ctx.streams, std::move(constants));
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
