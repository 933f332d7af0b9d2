#pragma once
/// \file
/// Data sets shared by the builds of one caller (a sweep). A sweep builds every run's scenario
/// twice (once to validate the whole sweep before anything runs, once to run it), and its runs
/// often use one data set (a seed or stepsize sweep over a LIBSVM file): with a store, each data
/// set is read or generated once. Nothing is global: a build without a store frees its full data
/// set as soon as the shards are cut.

#include <atomic>
#include <cstddef>
#include <functional>
#include <future>
#include <limits>
#include <list>
#include <memory>
#include <mutex>
#include <string>

#include "algorithms/problems/dataset.hpp"

namespace commsim::algo {

class DataStore {
 public:
  static constexpr std::size_t kUnlimited = std::numeric_limits<std::size_t>::max();

  /// Keeps the most recently used data sets up to `max_bytes` in total.
  explicit DataStore(std::size_t max_bytes = kUnlimited);
  DataStore(const DataStore&) = delete;
  DataStore& operator=(const DataStore&) = delete;

  /// The data set `key` names: a shared copy when the store holds it, else `make()`'s result
  /// (kept when it fits). `key` must determine the data completely (every option, and for a
  /// file its identity and modification time). Thread-safe: `make` runs without the lock, and a
  /// thread asking for a key another thread is making waits for it (so each key loads once). A
  /// `make` that throws keeps nothing; its waiters get the same error.
  std::shared_ptr<const Dataset> get(const std::string& key, const std::function<Dataset()>& make);

  /// How many times `get` called `make` (data sets actually read or generated).
  std::size_t loads() const;
  /// Problems built from this store's data sets (build_problem counts itself here), so a caller
  /// can check that validation built none.
  std::size_t problem_builds() const { return problem_builds_.load(); }
  void count_problem_build() { ++problem_builds_; }
  /// Data sets held now.
  std::size_t size() const;
  /// Bytes a data set occupies (values, indices, row offsets, labels).
  static std::size_t bytes_of(const Dataset& data);

 private:
  using Shared = std::shared_future<std::shared_ptr<const Dataset>>;
  struct Entry {
    std::string key;
    Shared data;
    std::size_t bytes = 0;  ///< 0 while being made
  };
  std::shared_ptr<const Dataset> make_entry(const std::string& key,
                                            const std::function<Dataset()>& make,
                                            std::promise<std::shared_ptr<const Dataset>>& promise);
  std::list<Entry>::iterator find(const std::string& key);
  void evict_to_budget();

  mutable std::mutex mutex_;
  std::size_t budget_;
  std::size_t held_ = 0;
  std::size_t loads_ = 0;
  std::atomic<std::size_t> problem_builds_{0};
  std::list<Entry> entries_;  ///< most recently used first
};

}  // namespace commsim::algo
