#include "algorithms/problems/linear_model_oracle.hpp"

#include <doctest/doctest.h>

#include "algorithms/problems/logistic_nonconvex.hpp"
#include "algorithms/problems/sigmoid_squared.hpp"
#include "oracle_checks.hpp"

using namespace commsim::algo;
using namespace commsim::algo::testing;

// The full pass works on four rows at a time (interleaved dot products, then weights, then
// scatters). It promises the bits of the plain row-by-row loop, which batch_gradient over
// 0..m-1 still is: one row's dot product, weight and scatter after another.
TEST_CASE("linear model oracle: the blocked full pass has the bits of the row-by-row loop") {
  // Row counts around multiples of four, and rows of uneven length (density 0.4).
  for (std::int64_t rows : {1, 3, 4, 5, 38, 41}) {
    CAPTURE(rows);
    const Dataset data = small_data(rows, 9, 0.4, 5);
    REQUIRE(data.num_samples() == rows);
    const auto sigmoid = make_sigmoid_squared(data, 0.01);
    const auto logistic = make_logistic_nonconvex(data, 0.01);
    for (const LocalOracle* oracle : {sigmoid.get(), logistic.get()}) {
      const Vector x = test_point(data.dim(), 21);
      Vector full, by_rows, both;
      oracle->gradient(x, full);
      oracle->batch_gradient(x, all_indices(rows), by_rows);
      CHECK(full.cwiseEqual(by_rows).all());
      // loss_and_gradient at a new point (no cache): the same gradient bits, and loss()'s sum.
      const Vector y = test_point(data.dim(), 22);
      oracle->batch_gradient(y, all_indices(rows), by_rows);
      const double f = oracle->loss_and_gradient(y, both);
      CHECK(both.cwiseEqual(by_rows).all());
      CHECK(f == oracle->loss(y));
      // At a point just passed over (the evaluation cache, when the shard keeps one): the loss
      // comes from the pass's row terms or margins and still has loss()'s bits.
      const Vector w = test_point(data.dim(), 23);
      oracle->gradient(w, full);
      CHECK(oracle->loss_and_gradient(w, both) == oracle->loss(w));
      CHECK(both.cwiseEqual(full).all());
    }
  }
}
