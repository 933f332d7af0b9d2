#include "algorithms/problems/data_store.hpp"

#include <algorithm>
#include <exception>
#include <utility>

namespace commsim::algo {

DataStore::DataStore(std::size_t max_bytes) : budget_(max_bytes) {}

std::size_t DataStore::bytes_of(const Dataset& data) {
  const auto nnz = static_cast<std::size_t>(data.features.nonZeros());
  const auto rows = static_cast<std::size_t>(data.num_samples());
  return nnz * (sizeof(double) + sizeof(std::int64_t)) + (rows + 1) * sizeof(std::int64_t) +
         rows * sizeof(double);
}

std::size_t DataStore::loads() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return loads_;
}

std::size_t DataStore::size() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

std::list<DataStore::Entry>::iterator DataStore::find(const std::string& key) {
  return std::find_if(entries_.begin(), entries_.end(),
                      [&](const Entry& e) { return e.key == key; });
}

// Drops the least recently used finished entries until the held bytes fit (entries being made
// hold nothing yet and stay, so their waiters find them).
void DataStore::evict_to_budget() {
  for (auto it = entries_.end(); held_ > budget_ && it != entries_.begin();) {
    --it;
    if (it->bytes == 0) continue;
    held_ -= it->bytes;
    it = entries_.erase(it);
  }
}

std::shared_ptr<const Dataset> DataStore::get(const std::string& key,
                                              const std::function<Dataset()>& make) {
  std::promise<std::shared_ptr<const Dataset>> promise;
  Shared existing;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto it = find(key);
    if (it != entries_.end()) {
      entries_.splice(entries_.begin(), entries_, it);
      existing = it->data;
    } else {
      entries_.push_front(Entry{key, promise.get_future().share(), 0});
      ++loads_;
    }
  }
  if (existing.valid()) return existing.get();  // waits while another thread makes it
  return make_entry(key, make, promise);
}

std::shared_ptr<const Dataset> DataStore::make_entry(
    const std::string& key, const std::function<Dataset()>& make,
    std::promise<std::shared_ptr<const Dataset>>& promise) {
  std::shared_ptr<const Dataset> data;
  try {
    data = std::make_shared<const Dataset>(make());
  } catch (...) {
    promise.set_exception(std::current_exception());
    const std::lock_guard<std::mutex> lock(mutex_);
    if (const auto it = find(key); it != entries_.end()) entries_.erase(it);
    throw;
  }
  promise.set_value(data);
  const std::size_t bytes = std::max<std::size_t>(1, bytes_of(*data));
  const std::lock_guard<std::mutex> lock(mutex_);
  const auto it = find(key);
  if (bytes > budget_) {
    entries_.erase(it);  // too big to keep: this caller (and its waiters) share it alone
  } else {
    it->bytes = bytes;
    held_ += bytes;
    evict_to_budget();
  }
  return data;
}

}  // namespace commsim::algo
