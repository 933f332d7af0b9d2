#include <doctest/doctest.h>

#include "monte_carlo.hpp"
#include "sim/kernel/errors.hpp"

using namespace commsim;
using namespace commsim::testing;

TEST_CASE(
    "algo::Dithering: unbiased with E||Q(x)-x||^2 <= omega ||x||^2 (l2 and linf, several s)") {
  const Eigen::Index d = 16;
  const algo::Vector x = test_vector(d);
  for (const char* norm : {"l2", "linf"}) {
    for (int s : {1, 2, 7}) {
      const auto q = make_compressor({{"name", "dithering"}, {"levels", s}, {"norm", norm}}, d);
      const Moments m = estimate(*q, x, 20000, 13 + s);
      check_unbiased(m, x);
      CHECK(m.error_sq <= q->omega(d) * x.squaredNorm() + 5.0 * m.error_sq_se);
    }
  }
  // ω(l2) = min(d/s², √d/s): d = 16, s = 2 gives min(4, 2) = 2.
  CHECK(make_compressor({{"name", "dithering"}, {"levels", 2}}, d)->omega(d) ==
        doctest::Approx(2.0));
  CHECK(make_compressor({{"name", "dithering"}, {"levels", 2}, {"norm", "linf"}}, d)->omega(d) ==
        doctest::Approx(1.0));
}

TEST_CASE("algo::Dithering: outputs are multiples of norm/s; bits per policy") {
  const Eigen::Index d = 16;
  const algo::Vector x = test_vector(d);
  const auto q = make_compressor({{"name", "dithering"}, {"levels", 3}}, d);
  sim::Rng rng(1);
  algo::Vector out;
  // 32 for the norm + d(1 + ⌈log2 4⌉) = 32 + 16·3.
  CHECK(q->compress(x, rng, {}, out) == 32 + 16 * 3);
  const double unit = x.norm() / 3.0;
  for (Eigen::Index j = 0; j < d; ++j)
    CHECK(std::abs(out[j] / unit - std::round(out[j] / unit)) < 1e-9);
  const auto sparse =
      make_compressor({{"name", "dithering"}, {"levels", 1}, {"bits", "explicit_indices"}}, d);
  const sim::Bits bits = sparse->compress(x, rng, {}, out);
  const auto nnz = static_cast<sim::Bits>((out.array() != 0.0).count());
  CHECK(bits == 32 + nnz * 2 + std::min<sim::Bits>(nnz * 4, 16));
}

TEST_CASE("algo::Dithering: levels <= 0 and a bad norm are ConfigErrors at their path") {
  auto where = [](const nlohmann::json& cfg) -> std::string {
    try {
      make_compressor(cfg, 4);
    } catch (const ConfigError& e) {
      return e.where();
    }
    return "no error";
  };
  CHECK(where({{"name", "dithering"}, {"levels", 0}}) == "algorithm.compressor.levels");
  CHECK(where({{"name", "dithering"}, {"levels", -3}}) == "algorithm.compressor.levels");
  CHECK(where({{"name", "dithering"}, {"norm", "l3"}}) == "algorithm.compressor.norm");
}
