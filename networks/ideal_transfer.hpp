#pragma once
/// \file
/// The `ideal` model: arrival = start + route latency + bits / bottleneck bandwidth. No
/// contention: any number of flows share a link without slowing each other.

#include <queue>
#include <vector>

#include "networks/transfer_model.hpp"

namespace commsim::net {

/// Contention-free transfers over the route's slowest link.
class IdealTransfer final : public TransferModel {
 public:
  explicit IdealTransfer(const std::vector<LinkResource>& links) : links_(links) {}
  void start(FlowId id, const Route& route, sim::Bits bits, sim::Time now) override;
  sim::Time next_completion() const override;
  void advance_to(sim::Time t, std::vector<FlowId>& completed) override;
  std::size_t active_flows() const override { return pending_.size(); }

 private:
  struct Pending {
    sim::Time done;
    std::uint64_t seq;
    FlowId id;
    bool operator>(const Pending& o) const {
      return done > o.done || (done == o.done && seq > o.seq);
    }
  };
  const std::vector<LinkResource>& links_;
  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> pending_;
  std::uint64_t seq_ = 0;
};

}  // namespace commsim::net
