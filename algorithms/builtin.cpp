#include "algorithms/builtin.hpp"

#include "algorithms/gd.hpp"
#include "sim/errors.hpp"

namespace commsim::algo {

const std::vector<AlgorithmEntry>& algorithm_registry() {
  static const std::vector<AlgorithmEntry> registry = {
      {{"gd", "gradient descent: workers send full local gradients, server averages and steps"}, make_gd},
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
  if (bits != 32 && bits != 64) throw ConfigError(cfg.path_of("float_bits"), std::to_string(bits) + " must be 32 or 64");
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
