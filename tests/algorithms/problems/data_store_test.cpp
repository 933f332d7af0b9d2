#include "algorithms/problems/data_store.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

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

std::unique_ptr<Problem> build_cached(const Json& j, int n, DataStore& store,
                                      std::uint64_t seed = 1) {
  JsonReader reader(j, "problem");
  ProblemSpec spec = problem_spec_decl().read(reader);
  reader.finish();
  resolve_problem_spec(spec, RngStreams(seed), nullptr);
  return build_problem(spec, n, RngStreams(seed), &store);
}

fs::path temp_file(const std::string& tag) {
  return fs::temp_directory_path() /
         ("commsim_store_" + tag + "_" + std::to_string(::getpid()) + ".txt");
}

}  // namespace

TEST_CASE("data store: shares by key, counts loads, least recently used out first") {
  int calls = 0;
  const std::size_t one = DataStore::bytes_of(testing::small_data(10, 4, 1.0, 7));
  // 10 rows x 5 columns (bias on), dense: 50 values and indices, 11 offsets, 10 labels.
  CHECK(one == 50 * 16 + 11 * 8 + 10 * 8);
  DataStore store(2 * one);
  const auto a = store.get("a", Maker{10, &calls});
  const auto a2 = store.get("a", Maker{10, &calls});
  CHECK(calls == 1);
  CHECK(store.loads() == 1);
  CHECK(a.get() == a2.get());
  store.get("b", Maker{10, &calls});
  CHECK(store.size() == 2);
  store.get("a", Maker{10, &calls});  // a is now the most recent
  store.get("c", Maker{10, &calls});  // over budget: b goes
  CHECK(calls == 3);
  CHECK(store.size() == 2);
  store.get("a", Maker{10, &calls});
  CHECK(calls == 3);
  store.get("b", Maker{10, &calls});
  CHECK(calls == 4);
  // Larger than the whole budget: made, never kept.
  store.get("big", Maker{100, &calls});
  store.get("big", Maker{100, &calls});
  CHECK(calls == 6);
  CHECK(store.loads() == 6);
}

TEST_CASE("data store: a failed load keeps nothing and is tried again") {
  DataStore store;
  int calls = 0;
  auto failing = [&]() -> Dataset {
    ++calls;
    throw std::runtime_error("unreadable");
  };
  CHECK_THROWS_AS(store.get("x", failing), std::runtime_error);
  CHECK_THROWS_AS(store.get("x", failing), std::runtime_error);
  CHECK(calls == 2);
  CHECK(store.size() == 0);
}

TEST_CASE("data store: a 16-run sweep, each run built twice on 4 threads, loads its data once") {
  const fs::path file = temp_file("sweep");
  { std::ofstream(file) << "+1 1:1 2:0.5\n-1 1:-1\n+1 2:1\n-1 1:0.5 2:-1\n"; }
  const Json problem = {
      {"type", "sigmoid_squared"}, {"data", {{"path", file.string()}}}, {"split", "shuffled"}};
  DataStore store;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      // Runs t, t+4, ...: one build to validate, one to run, each with the run's seed.
      for (int run = t; run < 16; run += 4) {
        for (int build = 0; build < 2; ++build)
          build_cached(problem, 2, store, static_cast<std::uint64_t>(run + 1));
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(store.loads() == 1);
  // Synthetic data drawn from each run's seed is a data set per run.
  const Json synthetic = {{"type", "least_squares"},
                          {"data", {{"synthetic", {{"samples", 20}, {"features", 3}}}}}};
  for (std::uint64_t seed = 1; seed <= 16; ++seed) {
    build_cached(synthetic, 2, store, seed);
    build_cached(synthetic, 2, store, seed);
  }
  CHECK(store.loads() == 1 + 16);
  fs::remove(file);
}

TEST_CASE(
    "data store: problems built from one data set are equal; an edited LIBSVM file is read "
    "again") {
  DataStore store;
  const Json syn = {
      {"type", "sigmoid_squared"},
      {"data", {{"synthetic", {{"samples", 40}, {"features", 6}, {"density", 0.5}, {"seed", 9}}}}}};
  const auto p1 = build_cached(syn, 2, store), p2 = build_cached(syn, 2, store);
  const Vector x = testing::test_point(p1->dim());
  CHECK(p1->loss(x) == p2->loss(x));
  Json other = syn;
  other["data"]["synthetic"]["seed"] = 10;
  CHECK(build_cached(other, 2, store)->loss(x) != p1->loss(x));

  const fs::path file = temp_file("edit");
  { std::ofstream(file) << "+1 1:1 2:0.5\n-1 1:-1\n"; }
  const Json from_file = {
      {"type", "least_squares"}, {"data", {{"path", file.string()}}}, {"bias", false}};
  const auto before = build_cached(from_file, 1, store);
  CHECK(before->dim() == 2);
  { std::ofstream(file) << "+1 1:1 2:0.5 3:2\n-1 1:-1\n"; }
  const auto after = build_cached(from_file, 1, store);
  CHECK(after->dim() == 3);
  CHECK(store.loads() == 4);  // two synthetic sets, then the file twice
  fs::remove(file);
}
