#pragma once
/// \file
/// Data sets shared by the runs of one process. A sweep builds every run's scenario twice (once
/// to validate the whole sweep before anything runs, once to run it), and its runs often use one
/// data set (a seed or stepsize sweep over a LIBSVM file): without sharing, each build reads or
/// generates it again. The cache is off unless a `DatasetCache::Enable` is alive, so a single run
/// still frees its full data set as soon as the shards are cut.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "algorithms/problems/dataset.hpp"

namespace commsim::algo {

class DatasetCache {
 public:
  /// While alive (on any thread), `get` shares data sets, keeping the most recently used ones
  /// up to `max_bytes` in total. Scopes may nest; the cache empties when the last one ends.
  class Enable {
   public:
    explicit Enable(std::size_t max_bytes);
    ~Enable();
    Enable(const Enable&) = delete;
    Enable& operator=(const Enable&) = delete;

   private:
    std::size_t previous_budget_;
  };

  /// The data set `key` names: a shared copy when the cache holds it, else `make()`'s result
  /// (kept when the cache is on and it fits). `key` must determine the data completely (every
  /// option, and for a file its identity and modification time). Thread-safe; `make` runs
  /// without the lock, so two threads asking for one new key may both make it.
  static std::shared_ptr<const Dataset> get(const std::string& key,
                                            const std::function<Dataset()>& make);

  /// Bytes a data set occupies (values, indices, row offsets, labels).
  static std::size_t bytes_of(const Dataset& data);
  /// Data sets held now (tests).
  static std::size_t size();
};

}  // namespace commsim::algo
