#include "algorithms/compressors/identity.hpp"

namespace commsim::algo {

sim::Bits Identity::compress(const Vector& x, sim::Rng&, const CompressionContext&,
                             Vector& out) const {
  out = x;
  return static_cast<sim::Bits>(x.size()) * static_cast<sim::Bits>(float_bits_);
}

const sim::ParamsDecl<IdentityParams>& identity_params() {
  return common_only_params<IdentityParams>();
}

std::unique_ptr<Compressor> make_identity(const sim::PartSpec&,
                                          const CompressorSettings& settings) {
  return std::make_unique<Identity>(settings.float_bits);
}

}  // namespace commsim::algo
