#pragma once
/// \file
/// The `fifo` model: every link serves one message at a time, at its full bandwidth, in the
/// order messages arrive at it (ties by event order); a message is stored and forwarded, so on
/// each link of its route it waits for the link, is serialized (bits / bandwidth, rounded up to
/// the nanosecond) and then propagates (the link's latency) to the next link. Internal hop
/// events are reported by `next_completion()` like completions, because a message started later
/// can still overtake an earlier one at a downstream link. Route latency beyond the sum of the
/// links' own latencies is spent before the first hop.

#include <cstdint>
#include <deque>
#include <set>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "networks/transfer_model.hpp"

namespace commsim::net {

/// Per-link FIFO serialization with store-and-forward.
class FifoTransfer final : public TransferModel {
 public:
  /// `links` must outlive the model.
  explicit FifoTransfer(const std::vector<LinkResource>& links);
  void start(FlowId id, const Route& route, sim::Bits bits, sim::Time now) override;
  sim::Time next_completion() const override;
  void advance_to(sim::Time t, std::vector<FlowId>& completed) override;
  std::size_t active_flows() const override { return by_id_.size(); }

 private:
  enum class Kind : std::uint8_t { arrive, depart };
  struct Flow {
    FlowId id = 0;
    std::uint64_t seq = 0;
    std::vector<LinkId> links;
    std::size_t hop = 0;  ///< index of the link the message is at or heading to
    sim::Bits bits = 0;
  };
  /// (time ns, event seq, kind, slot): ties run in the order events were scheduled.
  using Event = std::tuple<std::int64_t, std::uint64_t, Kind, std::uint32_t>;
  struct LinkState {
    bool busy = false;
    std::deque<std::uint32_t> queue;
  };

  void schedule(sim::Time t, Kind kind, std::uint32_t slot);
  void serve(LinkId l, std::uint32_t slot, sim::Time t);

  const std::vector<LinkResource>& links_;
  std::vector<LinkState> state_;
  std::vector<Flow> flows_;
  std::vector<std::uint32_t> free_;
  std::unordered_map<FlowId, std::uint32_t> by_id_;
  std::set<Event> events_;
  std::uint64_t seq_ = 0, event_seq_ = 0;
  sim::Time now_;
};

}  // namespace commsim::net
