#pragma once
/// \file
/// DIANA (paper_spec.md §3). Worker i keeps a shift h_i (h_i⁰ = 0): it sends m_i = Q(∇f_i(x^k) −
/// h_i) and sets h_i ← h_i + α m_i; the server keeps h = mean h_i, forms g^k = h + m̄ (default
/// `estimator: "paper"`) or h + α m̄ (`"code"`, the authors' damped form), steps
/// x^{k+1} = x^k − γ g^k and sets h ← h + α m̄. x^k is broadcast densely.
///
/// Keys: `compressor` (unbiased), `alpha` ("theory" = 1/(1+ω), or a number in (0, 1]),
/// `estimator` ("paper" | "code"), `stepsize` ("theory" = "code" = the authors' formula
/// γ = 1/(10·L·sqrt(1 + ω/n)·(M^{2/3} + ω + 1)) with M = 1 (the VR-DIANA non-convex theorem at
/// M = 1, which is what the paper's experiments use), L = max_i L_i), `float_bits`.

#include <functional>

#include "algorithms/method_common.hpp"

namespace commsim::algo {

/// The DIANA family's server, a strategy DIANA and VR-DIANA share by name: both aggregate
/// g = h + mean(Q(Δ_i)) (or h + α·mean, the code's estimator) and learn h ← h + α·mean(Q(Δ_i));
/// VR-DIANA adds the coin that refreshes the workers' reference point.
class DianaServer final : public ServerRole {
 public:
  /// `refresh_probability`: P(u_k = 1), broadcast as `full_sync` (0 for DIANA: never drawn).
  DianaServer(const Problem& problem, const sim::RngStreams& streams, double stepsize, double alpha,
              bool damped_estimator, double refresh_probability, int float_bits);
  const Downlink& start() override;
  const Downlink& on_uplinks(std::span<const Uplink* const> uplinks) override;
  const Vector& iterate() const override { return x_; }
  /// The server's shift h = mean h_i (tests).
  const Vector& shift() const { return h_; }

 private:
  const Downlink& next_round();

  double stepsize_, alpha_;
  bool damped_;
  double refresh_probability_;
  sim::Rng coin_;
  Vector x_, h_, mean_;
  Downlink downlink_;
};

/// γ = 1/(10·L·sqrt(1 + ω/n)·(M^{2/3} + ω + 1)): the (VR-)DIANA stepsize of the authors' code.
double diana_stepsize(double L, double omega, double n, double M);

/// DIANA's keys (VR-DIANA adds its own).
struct DianaParams : CompressedCommon {
  Probability alpha;    ///< shift step ("theory" = 1/(1+ω))
  bool damped = false;  ///< estimator: false = "paper", true = "code"
};

/// Adds the compressed common keys, `alpha` and `estimator` (`P` derives from DianaParams).
template <class P>
sim::ParamsDecl<P>& declare_diana_keys(sim::ParamsDecl<P>& d) {
  declare_compressed_common(d);
  d.template custom<Probability>(probability_key("alpha", "shift step: \"theory\" = 1/(1+omega)"),
                                 &DianaParams::alpha, parse_probability);
  return d.choice("estimator", &DianaParams::damped, {{"paper", false}, {"code", true}}, "paper",
                  "g = h + mean m (paper) or h + alpha mean m (the authors' code)");
}

/// The declaration of DianaParams.
const sim::ParamsDecl<DianaParams>& diana_params();
/// The `diana` registry factory.
std::unique_ptr<Algorithm> make_diana(const sim::PartSpec& spec, const AlgorithmContext& ctx);
/// The `diana` shape check (k <= d, unbiased compressor).
sim::Json check_diana(const sim::PartSpec& spec, const ProblemShape& shape);

/// How a DIANA-family server is set up.
struct DianaServerSettings {
  double stepsize = 0.0;
  double alpha = 0.0;
  bool damped = false;   ///< the code's estimator h + α·mean
  double refresh = 0.0;  ///< VR-DIANA's reference-refresh probability (DIANA: 0)
  int float_bits = 32;
};

/// A configured DIANA-family method: a DianaServer and the method's own workers.
class DianaAlgorithm final : public Algorithm {
 public:
  using WorkerFactory = std::function<std::unique_ptr<WorkerRole>(int worker)>;
  DianaAlgorithm(const Problem& problem, const sim::RngStreams& streams, DianaServerSettings server,
                 WorkerFactory make_worker, nlohmann::json constants)
      : problem_(problem),
        streams_(streams),
        server_(server),
        make_worker_(std::move(make_worker)),
        constants_(std::move(constants)) {}
  std::unique_ptr<ServerRole> make_server() const override {
    return std::make_unique<DianaServer>(problem_, streams_, server_.stepsize, server_.alpha,
                                         server_.damped, server_.refresh, server_.float_bits);
  }
  std::unique_ptr<WorkerRole> make_worker(int worker) const override {
    return make_worker_(worker);
  }
  nlohmann::json constants() const override { return constants_; }

 private:
  const Problem& problem_;
  sim::RngStreams streams_;
  DianaServerSettings server_;
  WorkerFactory make_worker_;
  nlohmann::json constants_;
};

}  // namespace commsim::algo
