// Event-engine throughput: the classic hold model. The queue starts with P pending events; each
// step pops the earliest and pushes one at a random later time (now + uniform [0, 1 ms)), so the
// queue size stays P. Prints events (pop + push) per wall second, the median of the repetitions.
//
// usage: event_bench PENDING STEPS REPS
// output: pending,steps,events_per_s

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "sim/kernel/event_queue.hpp"
#include "sim/kernel/rng.hpp"

using commsim::sim::EventQueue;
using commsim::sim::Rng;
using commsim::sim::Time;

namespace {

// The runtime's payload is this size (a tag and a worker index).
struct Payload {
  std::uint8_t type;
  int worker;
};

double run_once(std::size_t pending, std::size_t steps, std::uint64_t seed) {
  EventQueue<Payload> q;
  Rng rng(seed);
  for (std::size_t i = 0; i < pending; ++i) {
    q.schedule_at(Time::from_ns(static_cast<std::int64_t>(rng.below(1000000))),
                  Payload{0, static_cast<int>(i)});
  }
  // Random delays drawn up front, so the timed loop measures the queue, not the generator.
  std::vector<std::int64_t> delays(steps);
  for (auto& d : delays) d = static_cast<std::int64_t>(rng.below(1000000));
  std::int64_t checksum = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (std::size_t s = 0; s < steps; ++s) {
    auto e = q.pop();
    checksum += e.payload.worker;
    q.schedule_in(Time::from_ns(delays[s]), e.payload);
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (checksum == -1) std::puts("");  // keeps the loop observable
  return static_cast<double>(steps) / wall;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: event_bench PENDING STEPS REPS\n");
    return 2;
  }
  const auto pending = static_cast<std::size_t>(std::atoll(argv[1]));
  const auto steps = static_cast<std::size_t>(std::atoll(argv[2]));
  const int reps = std::atoi(argv[3]);
  std::vector<double> rates;
  for (int r = 0; r < reps; ++r)
    rates.push_back(run_once(pending, steps, 1 + static_cast<std::uint64_t>(r)));
  std::sort(rates.begin(), rates.end());
  std::printf("%zu,%zu,%.0f\n", pending, steps, rates[rates.size() / 2]);
  return 0;
}
