#include "sim/kernel/rng.hpp"

#include <cmath>
#include <numeric>

namespace commsim::sim {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

Rng::Rng(std::uint64_t seed) {
  std::uint64_t state = seed;
  for (auto& word : s_) word = splitmix64(state);
}

static inline std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() {
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

std::uint64_t Rng::below(std::uint64_t n) {
  // Lemire's nearly-divisionless method: unbiased, one multiplication in the common case.
  unsigned __int128 m = static_cast<unsigned __int128>(next()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<unsigned __int128>(next()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

double Rng::normal() {
  double u, v, s;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  return u * std::sqrt(-2.0 * std::log(s) / s);
}

double Rng::exponential() {
  return -std::log1p(-uniform());
}

void Rng::sample_without_replacement(std::uint64_t n, std::span<std::uint32_t> out,
                                     std::vector<std::uint32_t>& scratch) {
  const std::size_t k = out.size();
  if (k == 0) return;
  if (k * 8 < n) {
    // Floyd's algorithm: O(k²) membership checks, no O(n) memory; k is small here.
    std::size_t filled = 0;
    for (std::uint64_t j = n - k; j < n; ++j) {
      auto t = static_cast<std::uint32_t>(below(j + 1));
      bool seen = false;
      for (std::size_t i = 0; i < filled; ++i) {
        if (out[i] == t) {
          seen = true;
          break;
        }
      }
      out[filled++] = seen ? static_cast<std::uint32_t>(j) : t;
    }
    return;
  }
  if (scratch.size() != n) {
    scratch.resize(n);
  }
  std::iota(scratch.begin(), scratch.end(), 0u);
  for (std::size_t i = 0; i < k; ++i) {
    const std::uint64_t j = i + below(n - i);
    std::swap(scratch[i], scratch[j]);
    out[i] = scratch[i];
  }
}

void Rng::permutation(std::uint32_t n, std::vector<std::uint32_t>& out) {
  out.resize(n);
  std::iota(out.begin(), out.end(), 0u);
  for (std::uint32_t i = n; i > 1; --i) {
    const auto j = static_cast<std::uint32_t>(below(i));
    std::swap(out[i - 1], out[j]);
  }
}

std::uint64_t RngStreams::derive(std::string_view purpose, std::uint64_t id) const {
  std::uint64_t state = seed_;
  std::uint64_t h = splitmix64(state);
  state = h ^ stable_hash(purpose);
  h = splitmix64(state);
  state = h ^ (id * 0xd6e8feb86659fd93ULL);
  return splitmix64(state);
}

Rng RngStreams::stream(std::string_view purpose, std::uint64_t id) const {
  return Rng(derive(purpose, id));
}

}  // namespace commsim::sim
