#include "algorithms/problems/split.hpp"

#include <algorithm>

#include <doctest/doctest.h>

#include "sim/kernel/errors.hpp"

using namespace commsim::algo;
using commsim::sim::Rng;

namespace {
Vector labels_of(std::initializer_list<double> v) {
  Vector y(static_cast<Eigen::Index>(v.size()));
  std::copy(v.begin(), v.end(), y.data());
  return y;
}
}  // namespace

TEST_CASE("split: contiguous gives floor(N/n) rows each in file order and drops the remainder") {
  const Vector y = Vector::Zero(17);
  Rng rng(1);
  const auto shards = split_indices(y, 5, SplitKind::contiguous, rng, "problem.data");
  REQUIRE(shards.size() == 5);
  for (std::size_t i = 0; i < 5; ++i) {
    REQUIRE(shards[i].size() == 3);
    for (std::size_t k = 0; k < 3; ++k) CHECK(shards[i][k] == i * 3 + k);
  }
}

TEST_CASE("split: label_sorted puts the -1 rows first, stably") {
  const Vector y = labels_of({1, -1, 1, -1, -1, 1, 1});
  Rng rng(1);
  const auto shards = split_indices(y, 3, SplitKind::label_sorted, rng, "p");
  REQUIRE(shards.size() == 3);
  CHECK(shards[0] == std::vector<std::uint32_t>{1, 3});
  CHECK(shards[1] == std::vector<std::uint32_t>{4, 0});
  CHECK(shards[2] == std::vector<std::uint32_t>{2, 5});
}

TEST_CASE("split: shuffled is a seeded permutation") {
  const Vector y = Vector::Zero(100);
  Rng a(42), b(42), c(43);
  const auto sa = split_indices(y, 4, SplitKind::shuffled, a, "p");
  const auto sb = split_indices(y, 4, SplitKind::shuffled, b, "p");
  const auto sc = split_indices(y, 4, SplitKind::shuffled, c, "p");
  CHECK(sa == sb);
  CHECK(sa != sc);
  std::vector<std::uint32_t> all;
  for (const auto& s : sa) {
    CHECK(s.size() == 25);
    all.insert(all.end(), s.begin(), s.end());
  }
  std::sort(all.begin(), all.end());
  for (std::uint32_t k = 0; k < 100; ++k) CHECK(all[k] == k);
  CHECK(sa[0] != std::vector<std::uint32_t>{0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12,
                                            13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24});
}

TEST_CASE("split: more workers than samples is a ConfigError at the given path") {
  Rng rng(1);
  CHECK_THROWS_WITH_AS(
      split_indices(Vector::Zero(3), 4, SplitKind::contiguous, rng, "problem.data"),
      doctest::Contains("more workers than samples"), commsim::ConfigError);
  CHECK_NOTHROW(split_indices(Vector::Zero(4), 4, SplitKind::contiguous, rng, "problem.data"));
}

TEST_CASE("split: split_dataset copies the selected rows and labels") {
  Dataset d;
  Eigen::MatrixXd dense(5, 3);
  dense << 1, 0, 2,  //
      0, 3, 0,       //
      4, 0, 0,       //
      0, 0, 5,       //
      6, 7, 8;
  d.features = dense.sparseView();
  d.labels = labels_of({1, -1, 1, -1, 1});
  Rng rng(1);
  const auto shards = split_dataset(d, 2, SplitKind::label_sorted, rng, "p");
  REQUIRE(shards.size() == 2);
  // sorted order: 1, 3, 0, 2, 4 → shards {1,3} and {0,2}; row 4 dropped
  CHECK(Eigen::MatrixXd(shards[0].features) == dense({1, 3}, Eigen::all));
  CHECK(Eigen::MatrixXd(shards[1].features) == dense({0, 2}, Eigen::all));
  CHECK(shards[0].labels == Eigen::Vector2d(-1, -1));
  CHECK(shards[1].labels == Eigen::Vector2d(1, 1));
}
