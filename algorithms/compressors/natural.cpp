#include "algorithms/compressors/natural.hpp"

#include <cmath>

namespace commsim::algo {

sim::Bits Natural::compress(const Vector& x, sim::Rng& rng, const CompressionContext&,
                            Vector& out) const {
  const Eigen::Index d = x.size();
  out.resize(d);
  for (Eigen::Index j = 0; j < d; ++j) {
    const double a = std::abs(x[j]);
    if (a == 0.0) {
      out[j] = 0.0;
      continue;
    }
    int e = 0;
    std::frexp(a, &e);  // a = m·2^e with m in [0.5, 1): the lower power of two is 2^(e−1)
    const double lo = std::ldexp(1.0, e - 1);
    const double up_probability = (a - lo) / lo;
    const double v = rng.uniform() < up_probability ? 2.0 * lo : lo;
    out[j] = std::signbit(x[j]) ? -v : v;
  }
  return static_cast<sim::Bits>(d) * static_cast<sim::Bits>(bits_per_coordinate());
}

const sim::ParamsDecl<NaturalParams>& natural_params() {
  return common_only_params<NaturalParams>();
}

std::unique_ptr<Compressor> make_natural(const sim::PartSpec&, const CompressorSettings& settings) {
  return std::make_unique<Natural>(settings.float_bits);
}

}  // namespace commsim::algo
