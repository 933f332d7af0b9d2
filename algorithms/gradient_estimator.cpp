#include "algorithms/gradient_estimator.hpp"

#include <algorithm>

namespace commsim::algo {
namespace {

class FullGradient final : public GradientEstimator {
 public:
  FullGradient(const LocalOracle& oracle, MarinaScratch& scratch)
      : oracle_(oracle), shared_(scratch) {}

  sim::Work dense(const Vector& x, Vector& out) override {
    const sim::Work work = oracle_.gradient(x, out);
    grad_prev_ = out;
    cache_valid_ = true;
    return work;
  }

  sim::Work difference(const Vector& x_prev, const Vector& x, std::size_t j,
                       Vector& diff) override {
    if (j != 0) return sim::Work{};
    sim::Work work = oracle_.gradient(x, shared_.grad_new);
    if (!cache_valid_) work += oracle_.gradient(x_prev, grad_prev_);
    diff = shared_.grad_new - grad_prev_;
    return work;
  }

  void end_round() override {
    grad_prev_ = shared_.grad_new;
    cache_valid_ = true;
  }

  void skip() override { cache_valid_ = false; }  // the cached ∇f_i is now at a stale point

 private:
  const LocalOracle& oracle_;
  MarinaScratch& shared_;
  Vector grad_prev_;  // the cached ∇f_i(x^k)
  bool cache_valid_ = false;
};

/// The minibatch difference shared by both VR-MARINA variants; they differ in how samples are
/// drawn and in what a dense upload sends.
class Minibatch : public GradientEstimator {
 public:
  Minibatch(const LocalOracle& oracle, const sim::RngStreams& streams, int worker,
            MarinaScratch& scratch, std::uint32_t batch, std::uint32_t most)
      : oracle_(oracle),
        shared_(scratch),
        sampling_(streams.stream("sampling", static_cast<std::uint64_t>(worker))),
        batch_(batch) {
    indices_.reserve(most);
  }

  sim::Work difference(const Vector& x_prev, const Vector& x, std::size_t /*j*/,
                       Vector& diff) override {
    draw(batch_);
    sim::Work work = oracle_.batch_gradient(x, indices_, shared_.grad_new);
    work += oracle_.batch_gradient(x_prev, indices_, shared_.batch_prev);
    diff = shared_.grad_new - shared_.batch_prev;
    return work;
  }

 protected:
  /// Fills indices_ with `count` local sample indices.
  virtual void draw(std::uint32_t count) = 0;
  std::uint64_t local_samples() const { return static_cast<std::uint64_t>(oracle_.num_samples()); }

  const LocalOracle& oracle_;
  MarinaScratch& shared_;
  sim::Rng sampling_;
  std::uint32_t batch_;
  std::vector<std::uint32_t> indices_;
};

class FiniteSum final : public Minibatch {
 public:
  FiniteSum(const LocalOracle& oracle, const sim::RngStreams& streams, int worker,
            MarinaScratch& scratch, std::uint32_t batch)
      : Minibatch(oracle, streams, worker, scratch, batch, batch) {}

  sim::Work dense(const Vector& x, Vector& out) override { return oracle_.gradient(x, out); }

 private:
  void draw(std::uint32_t count) override {
    indices_.resize(count);
    sampling_.sample_without_replacement(local_samples(), indices_, scratch_);
  }

  std::vector<std::uint32_t> scratch_;
};

class Online final : public Minibatch {
 public:
  Online(const LocalOracle& oracle, const sim::RngStreams& streams, int worker,
         MarinaScratch& scratch, std::uint32_t batch, std::uint32_t large_batch)
      : Minibatch(oracle, streams, worker, scratch, batch, std::max(batch, large_batch)),
        large_batch_(large_batch) {}

  sim::Work dense(const Vector& x, Vector& out) override {
    draw(large_batch_);
    return oracle_.batch_gradient(x, indices_, out);
  }

 private:
  // i.i.d. draws from the local "distribution".
  void draw(std::uint32_t count) override {
    const std::uint64_t m = local_samples();
    indices_.resize(count);
    for (auto& i : indices_) i = static_cast<std::uint32_t>(sampling_.below(m));
  }

  std::uint32_t large_batch_;
};

}  // namespace

EstimatorFactory full_gradient_estimator() {
  return [](const LocalOracle& oracle, const sim::RngStreams&, int, MarinaScratch& scratch) {
    return std::make_unique<FullGradient>(oracle, scratch);
  };
}

EstimatorFactory finite_sum_estimator(std::uint32_t batch) {
  return [batch](const LocalOracle& oracle, const sim::RngStreams& streams, int worker,
                 MarinaScratch& scratch) {
    return std::make_unique<FiniteSum>(oracle, streams, worker, scratch, batch);
  };
}

EstimatorFactory online_estimator(std::uint32_t batch, std::uint32_t large_batch) {
  return [batch, large_batch](const LocalOracle& oracle, const sim::RngStreams& streams, int worker,
                              MarinaScratch& scratch) {
    return std::make_unique<Online>(oracle, streams, worker, scratch, batch, large_batch);
  };
}

}  // namespace commsim::algo
