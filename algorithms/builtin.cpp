#include "algorithms/builtin.hpp"

#include "algorithms/dasha.hpp"
#include "algorithms/diana.hpp"
#include "algorithms/ef21.hpp"
#include "algorithms/gd.hpp"
#include "algorithms/marina.hpp"
#include "algorithms/pp_marina.hpp"
#include "algorithms/vr_diana.hpp"
#include "algorithms/vr_marina.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::algo {

const std::vector<AlgorithmEntry>& algorithm_registry() {
  static const std::vector<AlgorithmEntry> registry = {
      {{"gd", "gradient descent: workers send full local gradients, server averages and steps"},
       make_gd},
      {{"diana", "DIANA: compressed differences to learned shifts h_i (unbiased compressor)"},
       make_diana},
      {{"vr_diana", "VR-DIANA: DIANA with loopless-SVRG minibatch estimates (finite sum)"},
       make_vr_diana},
      {{"marina", "MARINA: compressed gradient differences, full sync with probability p"},
       make_marina},
      {{"vr_marina",
        "VR-MARINA (finite sum): minibatch gradient differences, full local gradient on sync"},
       make_vr_marina},
      {{"vr_marina_online",
        "VR-MARINA (online): sampled batches b on sync rounds, b' on compressed rounds"},
       make_vr_marina_online},
      {{"pp_marina",
        "PP-MARINA: r sampled clients per compressed round, all clients on sync rounds"},
       make_pp_marina},
      {{"ef21", "EF21: error feedback for contractive compressors (topk)"}, make_ef21},
      {{"dasha", "DASHA: MARINA without sync rounds, momentum on compressed messages"}, make_dasha},
  };
  return registry;
}

std::vector<sim::RegistryEntry> algorithm_names() {
  std::vector<sim::RegistryEntry> names;
  for (const auto& e : algorithm_registry()) names.push_back(e.info);
  return names;
}

int read_float_bits(sim::JsonReader& cfg) {
  const auto bits = cfg.integer("float_bits", 32, 1, 64);
  if (bits != 32 && bits != 64)
    throw ConfigError(cfg.path_of("float_bits"), std::to_string(bits) + " must be 32 or 64");
  return static_cast<int>(bits);
}

std::unique_ptr<Algorithm> build_algorithm(sim::JsonReader& cfg, const AlgorithmContext& ctx) {
  const auto names = algorithm_names();
  const std::string name = cfg.string("name", std::nullopt);
  sim::require_known(names, name, cfg.path_of("name"), "algorithm");
  for (const auto& e : algorithm_registry()) {
    if (e.info.name == name) return e.make(cfg, ctx);
  }
  throw InternalError("registry lookup failed for " + name);
}

}  // namespace commsim::algo
