#include <algorithm>
#include <numeric>
#include <vector>

#include <doctest/doctest.h>

#include "algorithms/participation_sampler.hpp"

using namespace commsim;

namespace {

std::uint32_t total(const std::vector<std::uint32_t>& uploads) {
  return std::accumulate(uploads.begin(), uploads.end(), 0u);
}

}  // namespace

TEST_CASE("algo::ParticipationSampler: everyone uploads once, without randomness") {
  const sim::RngStreams streams(3);
  auto sampler = algo::everyone()(streams, 5);
  std::vector<std::uint32_t> uploads(5, 7);
  sampler->draw(uploads);
  CHECK(uploads == std::vector<std::uint32_t>(5, 1));
  CHECK(!sampler->uses_availability());
}

TEST_CASE("algo::ParticipationSampler: r uniform clients, with and without replacement") {
  const sim::RngStreams streams(3);
  const int n = 6, r = 4;
  auto with = algo::uniform_clients(r, true)(streams, n);
  auto without = algo::uniform_clients(r, false)(streams, n);
  bool repeated = false;
  std::vector<std::uint32_t> uploads(n);
  for (int round = 0; round < 200; ++round) {
    with->draw(uploads);
    CHECK(total(uploads) == static_cast<std::uint32_t>(r));
    repeated |= *std::max_element(uploads.begin(), uploads.end()) > 1;
    without->draw(uploads);
    CHECK(total(uploads) == static_cast<std::uint32_t>(r));
    CHECK(*std::max_element(uploads.begin(), uploads.end()) == 1u);
  }
  CHECK(repeated);  // i.i.d. draws do hit a client twice
  CHECK(!with->uses_availability());
}

TEST_CASE("algo::ParticipationSampler: available clients are drawn only among those online") {
  const sim::RngStreams streams(3);
  const int n = 6;
  for (bool with_replacement : {true, false}) {
    CAPTURE(with_replacement);
    auto sampler = algo::available_clients(3, with_replacement)(streams, n);
    REQUIRE(sampler->uses_availability());
    const std::vector<std::uint8_t> online = {0, 1, 0, 1, 1, 0};
    std::vector<std::uint32_t> uploads(n);
    for (int round = 0; round < 100; ++round) {
      sampler->observe_availability(online);
      sampler->draw(uploads);
      CHECK(total(uploads) == 3u);
      for (int i = 0; i < n; ++i) {
        if (!online[static_cast<std::size_t>(i)]) CHECK(uploads[static_cast<std::size_t>(i)] == 0u);
      }
    }
    // Nobody online: every worker is a candidate again (the server simply waits).
    sampler->observe_availability(std::vector<std::uint8_t>(n, 0));
    sampler->draw(uploads);
    CHECK(total(uploads) == 3u);
  }
}
