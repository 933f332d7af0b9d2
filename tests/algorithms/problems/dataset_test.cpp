#include "algorithms/problems/dataset.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace commsim::algo;

namespace {

Dataset three_rows() {
  Dataset d;
  d.name = "three";
  std::vector<Eigen::Triplet<double, std::int64_t>> t{
      {0, 1, 1.5}, {1, 0, -2.0}, {1, 2, 0.25}, {2, 2, 4.0}};
  d.features.resize(3, 3);
  d.features.setFromTriplets(t.begin(), t.end());
  d.features.makeCompressed();
  d.labels = Vector::LinSpaced(3, -1.0, 1.0);
  return d;
}

}  // namespace

TEST_CASE("Dataset: a move hands over the storage, a copy duplicates it") {
  Dataset a = three_rows();
  const double* values = a.features.valuePtr();
  const double* labels = a.labels.data();

  Dataset copy = a;
  CHECK(copy.features.valuePtr() != values);
  CHECK(copy.features.isApprox(a.features, 0.0));
  CHECK(copy.labels == a.labels);

  // Eigen 3.4's SparseMatrix would deep-copy here; the data set must not.
  Dataset moved = std::move(a);
  CHECK(moved.features.valuePtr() == values);
  CHECK(moved.labels.data() == labels);
  CHECK(moved.name == "three");
  CHECK(moved.features.isApprox(copy.features, 0.0));

  Dataset assigned;
  assigned = std::move(moved);
  CHECK(assigned.features.valuePtr() == values);
  CHECK(assigned.features.nonZeros() == 4);

  // Growing a vector of data sets moves them rather than copying every nonzero.
  std::vector<Dataset> shards;
  shards.push_back(std::move(assigned));
  for (int i = 0; i < 16; ++i) shards.push_back(three_rows());
  CHECK(shards.front().features.valuePtr() == values);
}
