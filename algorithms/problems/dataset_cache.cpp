#include "algorithms/problems/dataset_cache.hpp"

#include <algorithm>
#include <list>
#include <mutex>
#include <utility>

namespace commsim::algo {
namespace {

struct Entry {
  std::string key;
  std::shared_ptr<const Dataset> data;
  std::size_t bytes = 0;
};

struct State {
  std::mutex mutex;
  int scopes = 0;
  std::size_t budget = 0;
  std::size_t held = 0;
  std::list<Entry> entries;  // most recently used first
};

State& state() {
  static State s;
  return s;
}

void evict_to(State& s, std::size_t budget) {
  while (s.held > budget && !s.entries.empty()) {
    s.held -= s.entries.back().bytes;
    s.entries.pop_back();
  }
}

}  // namespace

DatasetCache::Enable::Enable(std::size_t max_bytes) {
  State& s = state();
  const std::lock_guard<std::mutex> lock(s.mutex);
  previous_budget_ = s.budget;
  ++s.scopes;
  s.budget = max_bytes;
  evict_to(s, s.budget);
}

DatasetCache::Enable::~Enable() {
  State& s = state();
  const std::lock_guard<std::mutex> lock(s.mutex);
  --s.scopes;
  s.budget = s.scopes > 0 ? previous_budget_ : 0;
  evict_to(s, s.budget);
}

std::size_t DatasetCache::bytes_of(const Dataset& data) {
  const auto nnz = static_cast<std::size_t>(data.features.nonZeros());
  const auto rows = static_cast<std::size_t>(data.num_samples());
  return nnz * (sizeof(double) + sizeof(std::int64_t)) + (rows + 1) * sizeof(std::int64_t) +
         rows * sizeof(double);
}

std::size_t DatasetCache::size() {
  State& s = state();
  const std::lock_guard<std::mutex> lock(s.mutex);
  return s.entries.size();
}

std::shared_ptr<const Dataset> DatasetCache::get(const std::string& key,
                                                 const std::function<Dataset()>& make) {
  State& s = state();
  {
    const std::lock_guard<std::mutex> lock(s.mutex);
    if (s.scopes == 0) return std::make_shared<const Dataset>(make());
    const auto it = std::find_if(s.entries.begin(), s.entries.end(),
                                 [&](const Entry& e) { return e.key == key; });
    if (it != s.entries.end()) {
      s.entries.splice(s.entries.begin(), s.entries, it);
      return it->data;
    }
  }
  auto data = std::make_shared<const Dataset>(make());
  const std::size_t bytes = bytes_of(*data);
  const std::lock_guard<std::mutex> lock(s.mutex);
  if (s.scopes == 0 || bytes > s.budget) return data;
  const auto it = std::find_if(s.entries.begin(), s.entries.end(),
                               [&](const Entry& e) { return e.key == key; });
  if (it != s.entries.end()) return it->data;  // another thread made it meanwhile: share theirs
  s.entries.push_front(Entry{key, data, bytes});
  s.held += bytes;
  evict_to(s, s.budget);
  return data;
}

}  // namespace commsim::algo
