// Rounds are allocation-free after warm-up: payload buffers are reused and every role keeps its
// scratch vectors. On glibc the test executable interposes malloc with a counting wrapper around
// __libc_malloc (operator new and Eigen's aligned allocation both end in malloc), which changes
// nothing for the other tests; elsewhere (and under AddressSanitizer) the check is skipped.

#include <atomic>
#include <cstdlib>

#include <doctest/doctest.h>

#include "test_oracles.hpp"

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)  // ASan owns malloc itself
#define COMMSIM_COUNT_MALLOC 1
namespace {
std::atomic<std::uint64_t> g_allocations{0};
}  // namespace
extern "C" void* __libc_malloc(std::size_t size);
extern "C" void* __libc_realloc(void* p, std::size_t size);
extern "C" void* __libc_calloc(std::size_t count, std::size_t size);
extern "C" void* malloc(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(size);
}
extern "C" void* realloc(void* p, std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(p, size);
}
extern "C" void* calloc(std::size_t count, std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(count, size);
}
#endif

using namespace commsim;
using namespace commsim::testing;
using nlohmann::json;

TEST_CASE("algo: compressed methods allocate nothing per round after warm-up") {
  const int n = 3;
  const auto problem = make_least_squares(n, 30, 8);
  const json q = {{"name", "randk"}, {"k", 2}};
  const std::vector<json> configs = {
      {{"name", "marina"}, {"p", 0.3}, {"compressor", q}},
      {{"name", "pp_marina"}, {"r", 2}, {"p", 0.3}, {"compressor", q}},
      {{"name", "vr_marina"}, {"batch", 4}, {"p", 0.3}, {"compressor", q}},
      {{"name", "vr_marina_online"}, {"batch", 4}, {"p", 0.3}, {"compressor", q}},
      {{"name", "diana"}, {"compressor", {{"name", "dithering"}, {"levels", 2}}}},
      {{"name", "vr_diana"}, {"batch", 4}, {"compressor", {{"name", "natural"}}}},
      {{"name", "ef21"}, {"compressor", {{"name", "topk"}, {"k", 2}}}},
      {{"name", "dasha"}, {"compressor", {{"name", "permk"}}}},
  };
  for (const json& cfg : configs) {
    CAPTURE(cfg.dump());
    auto alg = build(cfg, *problem, 3);
    auto server = alg->make_server();
    std::vector<std::unique_ptr<algo::WorkerRole>> workers;
    for (int i = 0; i < n; ++i) workers.push_back(alg->make_worker(i));
    std::vector<std::vector<algo::Uplink>> buffers(
        n, std::vector<algo::Uplink>(4));  // ≥ r uploads per worker
    std::vector<const algo::Uplink*> ordered;
    ordered.reserve(4 * n);
    const algo::Downlink* d = &server->start();
    auto exchange = [&] {
      ordered.clear();
      for (int i = 0; i < n; ++i) {
        const auto u = d->uploads[static_cast<std::size_t>(i)];
        workers[static_cast<std::size_t>(i)]->on_downlink(
            *d, std::span<algo::Uplink>(buffers[i].data(), u));
        for (std::uint32_t j = 0; j < u; ++j) ordered.push_back(&buffers[i][j]);
      }
      d = &server->on_uplinks(ordered);
    };
    for (int k = 0; k < 200; ++k) exchange();  // warm-up: every buffer reaches its size
#ifdef COMMSIM_COUNT_MALLOC
    const std::uint64_t before = g_allocations.load();
    for (int k = 0; k < 300; ++k) exchange();
    CHECK(g_allocations.load() - before == 0);
    // The counter is live: one more vector costs one allocation.
    const std::uint64_t probe = g_allocations.load();
    Vector v(16);
    v.setZero();
    CHECK(g_allocations.load() - probe == 1);
#endif
  }
}
