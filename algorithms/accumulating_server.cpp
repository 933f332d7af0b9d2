#include "algorithms/accumulating_server.hpp"

#include <algorithm>

#include "algorithms/method_common.hpp"

namespace commsim::algo {

AccumulatingServer::AccumulatingServer(const Problem& problem, const sim::RngStreams& streams,
                                       const AccumulatingConfig& config, SharedIterates& published)
    : problem_(problem),
      stepsize_(config.stepsize),
      initial_exchange_(config.initial_exchange),
      sync_coin_(config.sync_coin),
      coin_(streams.stream("server_coin")),
      sampler_(config.sampler(streams, problem.num_workers())),
      published_(published),
      x_(Vector::Zero(problem.dim())),
      x_next_(Vector::Zero(problem.dim())),
      g_(Vector::Zero(problem.dim())) {
  published_ = SharedIterates{&x_, &x_next_};  // swap() below keeps these addresses
  downlink_.bits = dense_bits(problem.dim(), config.float_bits);
  downlink_.uploads.assign(static_cast<std::size_t>(problem.num_workers()), 1);
}

AccumulatingServer::~AccumulatingServer() {
  if (published_.x == &x_) published_ = SharedIterates{};
}

const Downlink& AccumulatingServer::start() {
  if (initial_exchange_) {
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

const Downlink& AccumulatingServer::on_uplinks(std::span<const Uplink* const> uplinks) {
  if (downlink_.phase == Phase::setup) {
    mean_payload(uplinks, g_);
    return next_round();
  }
  x_.swap(x_next_);  // x^{k+1}, formed when g^k was broadcast
  mean_payload(uplinks, mean_);
  if (downlink_.full_sync) {
    g_ = mean_;
  } else {
    g_ += mean_;  // with r draws: (1/r) Σ over them, since |uplinks| = r
  }
  return next_round();
}

const Downlink& AccumulatingServer::next_round() {
  downlink_.phase = Phase::round;
  downlink_.full_sync = sync_coin_ && coin_.bernoulli(*sync_coin_);
  downlink_.payload = g_;
  x_next_ = x_ - stepsize_ * g_;
  if (downlink_.full_sync) {
    std::fill(downlink_.uploads.begin(), downlink_.uploads.end(), 1u);
  } else {
    sampler_->draw(downlink_.uploads);
  }
  return downlink_;
}

}  // namespace commsim::algo
