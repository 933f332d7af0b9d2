#include "algorithms/problems/dataset_cache.hpp"

#include <filesystem>
#include <fstream>
#include <string>

#include <doctest/doctest.h>
#include <unistd.h>

#include "algorithms/problems/problem_factory.hpp"
#include "oracle_checks.hpp"

using namespace commsim::algo;
using commsim::sim::Json;
using commsim::sim::JsonReader;
using commsim::sim::RngStreams;
namespace fs = std::filesystem;

namespace {

/// A data set of `rows` rows, counting how often it was made.
struct Maker {
  std::int64_t rows;
  int* calls;
  Dataset operator()() const {
    ++*calls;
    return testing::small_data(rows, 4, 1.0, 7);
  }
};

std::unique_ptr<Problem> build_cached(const Json& j, int n) {
  JsonReader reader(j, "problem");
  ProblemSpec spec = problem_spec_decl().read(reader);
  reader.finish();
  return build_problem(spec, n, RngStreams(1));
}

}  // namespace

TEST_CASE("dataset cache: off unless enabled, so a single run keeps nothing") {
  int calls = 0;
  const auto a = DatasetCache::get("k", Maker{10, &calls});
  const auto b = DatasetCache::get("k", Maker{10, &calls});
  CHECK(calls == 2);
  CHECK(a.get() != b.get());
  CHECK(DatasetCache::size() == 0);
}

TEST_CASE(
    "dataset cache: shares by key while enabled, least recently used out first, empty after") {
  int calls = 0;
  const std::size_t one = DatasetCache::bytes_of(testing::small_data(10, 4, 1.0, 7));
  // 10 rows x 5 columns (bias on), dense: 50 values and indices, 11 offsets, 10 labels.
  CHECK(one == 50 * 16 + 11 * 8 + 10 * 8);
  {
    const DatasetCache::Enable on(2 * one);
    const auto a = DatasetCache::get("a", Maker{10, &calls});
    const auto a2 = DatasetCache::get("a", Maker{10, &calls});
    CHECK(calls == 1);
    CHECK(a.get() == a2.get());
    DatasetCache::get("b", Maker{10, &calls});
    CHECK(DatasetCache::size() == 2);
    DatasetCache::get("a", Maker{10, &calls});  // a is now the most recent
    DatasetCache::get("c", Maker{10, &calls});  // over budget: b goes
    CHECK(calls == 3);
    CHECK(DatasetCache::size() == 2);
    DatasetCache::get("a", Maker{10, &calls});
    CHECK(calls == 3);
    DatasetCache::get("b", Maker{10, &calls});
    CHECK(calls == 4);
    // Larger than the whole budget: made, never kept.
    DatasetCache::get("big", Maker{100, &calls});
    DatasetCache::get("big", Maker{100, &calls});
    CHECK(calls == 6);
  }
  CHECK(DatasetCache::size() == 0);
}

TEST_CASE(
    "dataset cache: problems built from one data set are equal; an edited LIBSVM file is read "
    "again") {
  const DatasetCache::Enable on(std::size_t{64} << 20);
  const Json syn = {
      {"type", "sigmoid_squared"},
      {"data", {{"synthetic", {{"samples", 40}, {"features", 6}, {"density", 0.5}, {"seed", 9}}}}}};
  const auto p1 = build_cached(syn, 2), p2 = build_cached(syn, 2);
  const Vector x = testing::test_point(p1->dim());
  CHECK(p1->loss(x) == p2->loss(x));
  Json other = syn;
  other["data"]["synthetic"]["seed"] = 10;
  CHECK(build_cached(other, 2)->loss(x) != p1->loss(x));

  const fs::path file =
      fs::temp_directory_path() / ("commsim_cache_" + std::to_string(::getpid()) + ".txt");
  { std::ofstream(file) << "+1 1:1 2:0.5\n-1 1:-1\n"; }
  const Json from_file = {
      {"type", "least_squares"}, {"data", {{"path", file.string()}}}, {"bias", false}};
  const auto before = build_cached(from_file, 1);
  CHECK(before->dim() == 2);
  { std::ofstream(file) << "+1 1:1 2:0.5 3:2\n-1 1:-1\n"; }
  const auto after = build_cached(from_file, 1);
  CHECK(after->dim() == 3);
  fs::remove(file);
}
