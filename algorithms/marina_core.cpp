#include "algorithms/marina_core.hpp"

#include <numeric>

#include "sim/kernel/errors.hpp"

namespace commsim::algo {
namespace {

using Estimator = MarinaConfig::Estimator;

class MarinaWorker final : public WorkerRole {
 public:
  MarinaWorker(const LocalOracle& oracle, const Compressor& q, const sim::RngStreams& streams,
               int worker, int num_workers, const MarinaConfig& config, MarinaScratch& scratch)
      : oracle_(oracle),
        config_(config),
        shared_(scratch),
        compression_(q, streams, worker, num_workers, config.shared_compressor_seed),
        sampling_(streams.stream("sampling", static_cast<std::uint64_t>(worker))),
        dense_bits_(dense_bits(oracle.dim(), config.float_bits)) {
    const std::uint32_t most = std::max(config.batch, config.large_batch);
    indices_.reserve(most);
  }

  void on_downlink(const Downlink& d, std::span<Uplink> out) override {
    COMMSIM_ASSERT(d.iterate != nullptr && d.next_iterate != nullptr,
                   "MARINA broadcasts publish the iterate");
    if (d.phase == Phase::setup) {
      for (Uplink& u : out) send_dense(u, *d.iterate, /*large=*/true);
      return;
    }
    const Vector& x_prev = *d.iterate;  // x^k
    const Vector& x = *d.next_iterate;  // x^{k+1} = x^k − γ g^k, this worker's step
    compression_.next_round();
    if (out.empty()) {
      cache_valid_ = false;  // the cached ∇f_i is now at a stale point
      return;
    }
    if (d.full_sync) {
      for (Uplink& u : out) send_dense(u, x, /*large=*/true);
      return;
    }
    for (std::size_t j = 0; j < out.size(); ++j) {
      Uplink& u = out[j];
      u.work = sim::Work{};
      if (config_.estimator == Estimator::full_gradient) {
        // One difference per round; a client drawn twice sends two independent compressions of it.
        if (j == 0) {
          u.work = oracle_.gradient(x, shared_.grad_new);
          if (!cache_valid_) u.work += oracle_.gradient(x_prev, grad_prev_);
          shared_.diff = shared_.grad_new - grad_prev_;
        }
      } else {
        draw(config_.batch);
        u.work = oracle_.batch_gradient(x, indices_, shared_.grad_new);
        u.work += oracle_.batch_gradient(x_prev, indices_, shared_.batch_prev);
        shared_.diff = shared_.grad_new - shared_.batch_prev;
      }
      u.bits = compression_.compress(shared_.diff, u.payload);
      u.kind = sim::MessageKind::compressed;
    }
    if (config_.estimator == Estimator::full_gradient) {
      grad_prev_ = shared_.grad_new;
      cache_valid_ = true;
    }
  }

 private:
  /// A dense upload at x: the full local gradient, or a b-batch for the online variant.
  void send_dense(Uplink& u, const Vector& x, bool large) {
    if (config_.estimator == Estimator::online) {
      draw(large ? config_.large_batch : config_.batch);
      u.work = oracle_.batch_gradient(x, indices_, u.payload);
    } else {
      u.work = oracle_.gradient(x, u.payload);
      if (config_.estimator == Estimator::full_gradient) {
        grad_prev_ = u.payload;
        cache_valid_ = true;
      }
    }
    u.bits = dense_bits_;
    u.kind = sim::MessageKind::full_gradient;
  }

  /// Fills indices_ with `count` local sample indices: without replacement for the finite sum,
  /// with replacement (i.i.d. draws from the local "distribution") online.
  void draw(std::uint32_t count) {
    const auto m = static_cast<std::uint64_t>(oracle_.num_samples());
    indices_.resize(count);
    if (config_.estimator == Estimator::online) {
      for (auto& i : indices_) i = static_cast<std::uint32_t>(sampling_.below(m));
    } else {
      sampling_.sample_without_replacement(m, indices_, scratch_);
    }
  }

  const LocalOracle& oracle_;
  MarinaConfig config_;
  MarinaScratch& shared_;
  WorkerCompression compression_;
  sim::Rng sampling_;
  sim::Bits dense_bits_;
  Vector grad_prev_;  // the cached ∇f_i(x^k) (MARINA's one gradient per round)
  bool cache_valid_ = false;
  std::vector<std::uint32_t> indices_, scratch_;
};

}  // namespace

MarinaServer::MarinaServer(const Problem& problem, const sim::RngStreams& streams,
                           const MarinaConfig& config)
    : problem_(problem),
      config_(config),
      coin_(streams.stream("server_coin")),
      participation_(streams.stream("participation")),
      x_(Vector::Zero(problem.dim())),
      g_(Vector::Zero(problem.dim())),
      x_next_(Vector::Zero(problem.dim())) {
  downlink_.iterate = &x_;
  downlink_.next_iterate = &x_next_;
  downlink_.bits = dense_bits(problem.dim(), config.float_bits);
  downlink_.uploads.assign(static_cast<std::size_t>(problem.num_workers()), 1);
  if (config_.clients > 0) drawn_.resize(static_cast<std::size_t>(config_.clients));
  candidates_.resize(static_cast<std::size_t>(problem.num_workers()));
  std::iota(candidates_.begin(), candidates_.end(), 0u);
}

void MarinaServer::observe_availability(std::span<const std::uint8_t> online) {
  candidates_.clear();
  for (std::size_t i = 0; i < online.size(); ++i) {
    if (online[i]) candidates_.push_back(static_cast<std::uint32_t>(i));
  }
  // Nobody online: fall back to every worker (the server will simply wait).
  if (candidates_.empty()) {
    for (std::size_t i = 0; i < online.size(); ++i)
      candidates_.push_back(static_cast<std::uint32_t>(i));
  }
}

const Downlink& MarinaServer::start() {
  if (config_.initial_exchange) {
    downlink_.phase = Phase::setup;
    downlink_.full_sync = true;
    downlink_.payload = x_;
    x_next_ = x_;
    return downlink_;
  }
  // Parity with the authors' code: g⁰ computed at the server, not counted.
  problem_.gradient(x_, g_);
  return next_round();
}

const Downlink& MarinaServer::on_uplinks(std::span<const Uplink* const> uplinks) {
  if (downlink_.phase == Phase::setup) {
    mean_payload(uplinks, g_);
    return next_round();
  }
  x_.swap(x_next_);  // x^{k+1}, formed when g^k was broadcast
  mean_payload(uplinks, mean_);
  if (downlink_.full_sync) {
    g_ = mean_;
  } else {
    g_ += mean_;  // PP-MARINA: (1/r) Σ over the r draws, since |uplinks| = r
  }
  return next_round();
}

const Downlink& MarinaServer::next_round() {
  downlink_.phase = Phase::round;
  downlink_.full_sync = coin_.bernoulli(config_.p);
  downlink_.payload = g_;
  x_next_ = x_ - config_.stepsize * g_;
  auto& uploads = downlink_.uploads;
  if (downlink_.full_sync || config_.clients == 0) {
    std::fill(uploads.begin(), uploads.end(), 1u);
    return downlink_;
  }
  std::fill(uploads.begin(), uploads.end(), 0u);
  // Draws index the candidate list; without sample_available_only it is 0..n-1, so the draws
  // are exactly those of a plain uniform choice among all n clients.
  const auto n = static_cast<std::uint64_t>(candidates_.size());
  if (config_.with_replacement) {
    for (int j = 0; j < config_.clients; ++j) ++uploads[candidates_[participation_.below(n)]];
  } else {
    const std::size_t r = std::min<std::size_t>(drawn_.size(), candidates_.size());
    participation_.sample_without_replacement(n, std::span<std::uint32_t>(drawn_.data(), r),
                                              scratch_);
    for (std::size_t j = 0; j < r; ++j) uploads[candidates_[drawn_[j]]] = 1;
  }
  return downlink_;
}

MarinaAlgorithm::MarinaAlgorithm(const Problem& problem, const sim::RngStreams& streams,
                                 std::unique_ptr<Compressor> q, MarinaConfig config,
                                 nlohmann::json constants)
    : problem_(problem),
      streams_(streams),
      q_(std::move(q)),
      config_(config),
      constants_(std::move(constants)),
      scratch_(std::make_unique<MarinaScratch>()) {}

std::unique_ptr<ServerRole> MarinaAlgorithm::make_server() const {
  return std::make_unique<MarinaServer>(problem_, streams_, config_);
}

std::unique_ptr<WorkerRole> MarinaAlgorithm::make_worker(int worker) const {
  return std::make_unique<MarinaWorker>(problem_.local(worker), *q_, streams_, worker,
                                        problem_.num_workers(), config_, *scratch_);
}

}  // namespace commsim::algo
