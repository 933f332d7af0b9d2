#pragma once
/// \file
/// The runtime's bookkeeping of in-flight messages: what each platform flow carries, so that its
/// completion can be routed (to a worker's compute, or to the server's aggregation) and recorded.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "networks/platform.hpp"
#include "sim/kernel/errors.hpp"
#include "sim/kernel/time.hpp"
#include "sim/kernel/types.hpp"
#include "sim/records/recorder.hpp"

namespace commsim::sim {

/// What one in-flight message carries.
struct FlowInfo {
  bool uplink;
  int worker;
  std::uint32_t slot;
  std::uint64_t round;
  Time send_time;
  Bits bits;
  MessageKind kind;
};

/// The record of a message that carried `info` and arrived at `arrival`; the network moved
/// `header_bits` more than the payload.
inline MessageRecord message_record(const FlowInfo& info, Time arrival, Bits header_bits) {
  MessageRecord m{info.round, -1, -1, info.kind, info.bits, info.send_time, arrival};
  m.src = info.uplink ? info.worker : -1;
  m.dst = info.uplink ? -1 : info.worker;
  m.wire_bits = info.bits + header_bits;
  return m;
}

/// In-flight flows keyed by their (dense, increasing) platform ids: a ring indexed by
/// id − oldest live id. Flows complete roughly in start order, so the window stays small and
/// the ring stops allocating after warm-up (an unordered_map would allocate a node per message).
class FlowTable {
 public:
  /// Registers flow `id` (ids never go backwards).
  void insert(net::FlowId id, const FlowInfo& info) {
    if (empty_) {
      base_ = id;
      empty_ = false;
    }
    COMMSIM_ASSERT(id >= base_, "flow ids must not go backwards");
    while (id - base_ >= slots_.size()) grow();
    Slot& s = slots_[index(id)];
    s.info = info;
    s.live = true;
    end_ = std::max(end_, id + 1);
  }
  /// Removes a completed flow and returns what it carried.
  FlowInfo take(net::FlowId id) {
    COMMSIM_ASSERT(!empty_ && id >= base_ && id - base_ < slots_.size() && slots_[index(id)].live,
                   "unknown flow completed");
    Slot& s = slots_[index(id)];
    s.live = false;
    const FlowInfo info = s.info;
    while (base_ < end_ && !slots_[index(base_)].live) ++base_;
    if (base_ == end_) empty_ = true;
    return info;
  }

 private:
  struct Slot {
    FlowInfo info{};
    bool live = false;
  };
  std::size_t index(net::FlowId id) const {
    return static_cast<std::size_t>(id) & (slots_.size() - 1);
  }
  void grow() {
    std::vector<Slot> bigger(std::max<std::size_t>(64, slots_.size() * 2));
    for (net::FlowId id = base_; id < end_; ++id)
      bigger[static_cast<std::size_t>(id) & (bigger.size() - 1)] = slots_[index(id)];
    slots_.swap(bigger);
  }
  std::vector<Slot> slots_;
  net::FlowId base_ = 0, end_ = 0;
  bool empty_ = true;
};

}  // namespace commsim::sim
