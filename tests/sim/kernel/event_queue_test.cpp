#include "sim/kernel/event_queue.hpp"
#include "sim/kernel/rng.hpp"

#include <doctest/doctest.h>

#include <vector>

using commsim::sim::EventQueue;
using commsim::sim::Time;

TEST_CASE("sim::EventQueue: events run in time order, ties in insertion order") {
  EventQueue<int> q;
  q.schedule_at(Time::from_ns(30), 1);
  q.schedule_at(Time::from_ns(10), 2);
  q.schedule_at(Time::from_ns(30), 3);
  q.schedule_at(Time::from_ns(10), 4);
  q.schedule_at(Time::from_ns(20), 5);
  std::vector<int> order;
  std::vector<std::int64_t> times;
  while (!q.empty()) {
    auto e = q.pop();
    order.push_back(e.payload);
    times.push_back(q.now().ns());
  }
  CHECK(order == std::vector<int>{2, 4, 5, 1, 3});
  CHECK(times == std::vector<std::int64_t>{10, 10, 20, 30, 30});
}

TEST_CASE("sim::EventQueue: cancel removes exactly the cancelled event") {
  EventQueue<int> q;
  const auto a = q.schedule_at(Time::from_ns(5), 1);
  q.schedule_at(Time::from_ns(5), 2);
  const auto c = q.schedule_at(Time::from_ns(7), 3);
  CHECK(q.cancel(a));
  CHECK_FALSE(q.cancel(a));
  CHECK(q.size() == 2);
  CHECK(q.pop().payload == 2);
  CHECK(q.cancel(c));
  CHECK(q.empty());
  CHECK(q.next_time() == Time::infinity());
}

TEST_CASE("sim::EventQueue: run_until stops after the last event at or before t") {
  EventQueue<int> q;
  for (int i = 1; i <= 5; ++i) q.schedule_at(Time::from_ns(i * 10), i);
  std::vector<int> seen;
  q.run_until(Time::from_ns(30), [&](auto& e) {
    seen.push_back(e.payload);
    if (e.payload == 1)
      q.schedule_at(Time::from_ns(25), 99);  // scheduled by a handler, still in range
  });
  CHECK(seen == std::vector<int>{1, 2, 99, 3});
  CHECK(q.now() == Time::from_ns(30));
  CHECK(q.size() == 2);
}

TEST_CASE("sim::EventQueue: scheduling in the past is a bug") {
  EventQueue<int> q;
  q.schedule_at(Time::from_ns(10), 1);
  q.pop();
  CHECK_THROWS_AS(q.schedule_at(Time::from_ns(5), 2), commsim::InternalError);
}

TEST_CASE("sim::EventQueue: a large random workload pops in nondecreasing (time, seq) order") {
  EventQueue<std::uint64_t> q;
  commsim::sim::Rng rng(7);
  std::uint64_t seq = 0;
  for (int i = 0; i < 2000; ++i)
    q.schedule_at(Time::from_ns(static_cast<std::int64_t>(rng.below(100))), seq++);
  Time last = Time::zero();
  std::uint64_t last_seq = 0;
  bool first = true;
  while (!q.empty()) {
    auto e = q.pop();
    CHECK(e.time >= last);
    if (!first && e.time == last) CHECK(e.payload > last_seq);
    last = e.time;
    last_seq = e.payload;
    first = false;
  }
}
