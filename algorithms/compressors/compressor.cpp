#include "algorithms/compressors/compressor.hpp"

#include <algorithm>

#include "algorithms/compressors/dithering.hpp"
#include "algorithms/compressors/identity.hpp"
#include "algorithms/compressors/natural.hpp"
#include "algorithms/compressors/perm_k.hpp"
#include "algorithms/compressors/rand_k.hpp"
#include "algorithms/compressors/top_k.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::algo {

const char* to_string(BitPolicy policy) {
  switch (policy) {
    case BitPolicy::paper: return "paper";
    case BitPolicy::explicit_indices: return "explicit_indices";
    case BitPolicy::shared_seed: return "shared_seed";
  }
  return "?";
}

std::uint64_t index_bits(Eigen::Index dim) {
  std::uint64_t width = 0;
  while ((std::uint64_t{1} << width) < static_cast<std::uint64_t>(dim)) ++width;
  return width;
}

sim::Bits sparse_bits(std::uint64_t nonzeros, Eigen::Index dim, int float_bits, BitPolicy policy) {
  const sim::Bits values = nonzeros * static_cast<sim::Bits>(float_bits);
  switch (policy) {
    case BitPolicy::paper: return values;
    case BitPolicy::explicit_indices:
      return values +
             std::min<std::uint64_t>(nonzeros * index_bits(dim), static_cast<std::uint64_t>(dim));
    case BitPolicy::shared_seed: return values + 64;
  }
  return values;
}

const CompressorRegistry& compressor_registry() {
  static const CompressorRegistry registry(
      "compressors", "compressor", "name", "identity",
      {
          {"identity", "no compression: d dense floats (omega = 0)", &identity_params(),
           make_identity},
          {"randk",
           "K random coordinates scaled by d/K (unbiased, omega = d/K - 1); keys k or fraction",
           &randk_params(), make_randk},
          {"topk",
           "K largest-magnitude coordinates, unscaled (biased, contractive; for ef21); keys k or "
           "fraction",
           &topk_params(), make_topk},
          {"permk",
           "correlated: worker i keeps its block of a shared random permutation, scaled by n "
           "(omega = n - 1)",
           &permk_params(), make_permk},
          {"natural",
           "random rounding to powers of two (unbiased, omega = 1/8, 9 bits per coordinate)",
           &natural_params(), make_natural},
          {"dithering",
           "QSGD random dithering with s levels (unbiased); keys levels, norm (l2|linf)",
           &dithering_params(), make_dithering},
      });
  return registry;
}

std::vector<sim::RegistryEntry> compressor_names() {
  return compressor_registry().infos();
}

std::unique_ptr<Compressor> build_compressor(const sim::PartSpec& spec,
                                             const CompressorSettings& settings) {
  return compressor_registry().at(spec).make(spec, settings);
}

}  // namespace commsim::algo
