#pragma once
/// \file
/// A discrete-event queue ordered by (time, insertion sequence): events at the same time run in
/// the order they were scheduled, so runs are deterministic. The payload is a plain value type
/// chosen by the user of the queue (no `std::function`, no allocation per event once the heap
/// has grown). Cancellation is a lazy tombstone, as in ns-3.

#include <algorithm>
#include <cstdint>
#include <unordered_set>
#include <utility>
#include <vector>

#include "sim/kernel/errors.hpp"
#include "sim/kernel/time.hpp"

namespace commsim::sim {

/// Identifies a scheduled event for `cancel`.
using EventId = std::uint64_t;

/// Min-queue of `Payload` values keyed by (time, insertion sequence).
template <class Payload>
class EventQueue {
 public:
  /// One popped event.
  struct Entry {
    Time time;
    EventId id;
    Payload payload;
  };

  /// Current simulated time: the time of the last event popped.
  Time now() const { return now_; }
  /// True when no live event is pending.
  bool empty() const { return heap_.size() == cancelled_.size(); }
  /// Number of pending live events.
  std::size_t size() const { return heap_.size() - cancelled_.size(); }

  /// Schedules `payload` at absolute time `t` (≥ now()). Scheduling in the past is a bug.
  EventId schedule_at(Time t, Payload payload) {
    COMMSIM_ASSERT(t >= now_, "event scheduled in the past");
    const EventId id = next_id_++;
    heap_.push_back(Entry{t, id, std::move(payload)});
    sift_up(heap_.size() - 1);
    return id;
  }
  /// Schedules `payload` after `delay` from now().
  EventId schedule_in(Time delay, Payload payload) {
    return schedule_at(now_ + delay, std::move(payload));
  }

  /// Cancels a pending event; cancelling one already run or cancelled is a no-op returning false.
  bool cancel(EventId id) {
    if (id >= next_id_) return false;
    for (const auto& e : heap_) {
      if (e.id == id) return cancelled_.insert(id).second;
    }
    return false;
  }

  /// Time of the next live event, or `Time::infinity()` when empty.
  Time next_time() {
    drop_cancelled();
    return heap_.empty() ? Time::infinity() : heap_.front().time;
  }

  /// Pops the next live event and advances now() to its time. Precondition: !empty().
  Entry pop() {
    drop_cancelled();
    COMMSIM_ASSERT(!heap_.empty(), "pop from an empty event queue");
    Entry top = std::move(heap_.front());
    remove_top();
    now_ = top.time;
    return top;
  }

  /// Pops and hands to `handler` every event with time ≤ `t`, in order; then now() = t.
  /// Events that handlers schedule at or before `t` run in the same call.
  template <class Handler>
  void run_until(Time t, Handler&& handler) {
    while (next_time() <= t) {
      Entry e = pop();
      handler(e);
    }
    if (t > now_ && !t.is_infinite()) now_ = t;
  }

  /// Advances the clock without an event (used when another model owns the next event).
  void advance_to(Time t) {
    COMMSIM_ASSERT(t >= now_, "clock moved backwards");
    now_ = t;
  }

 private:
  static bool earlier(const Entry& a, const Entry& b) {
    return a.time < b.time || (a.time == b.time && a.id < b.id);
  }
  // A 4-ary heap: half the depth of a binary heap, and the four children share a cache line or
  // two. Keys (time, id) are unique, so the pop order is the same as with any other heap.
  static constexpr std::size_t kArity = 4;
  void sift_up(std::size_t i) {
    Entry moving = std::move(heap_[i]);
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!earlier(moving, heap_[parent])) break;
      heap_[i] = std::move(heap_[parent]);
      i = parent;
    }
    heap_[i] = std::move(moving);
  }
  void sift_down(std::size_t i) {
    const std::size_t n = heap_.size();
    Entry moving = std::move(heap_[i]);
    for (;;) {
      const std::size_t first = kArity * i + 1;
      if (first >= n) break;
      const std::size_t last = std::min(first + kArity, n);
      std::size_t best = first;
      for (std::size_t c = first + 1; c < last; ++c) {
        if (earlier(heap_[c], heap_[best])) best = c;
      }
      if (!earlier(heap_[best], moving)) break;
      heap_[i] = std::move(heap_[best]);
      i = best;
    }
    heap_[i] = std::move(moving);
  }
  void remove_top() {
    heap_.front() = std::move(heap_.back());
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
  }
  void drop_cancelled() {
    while (!cancelled_.empty() && !heap_.empty()) {
      auto it = cancelled_.find(heap_.front().id);
      if (it == cancelled_.end()) return;
      cancelled_.erase(it);
      remove_top();
    }
  }

  std::vector<Entry> heap_;
  std::unordered_set<EventId> cancelled_;
  EventId next_id_ = 0;
  Time now_ = Time::zero();
};

}  // namespace commsim::sim
