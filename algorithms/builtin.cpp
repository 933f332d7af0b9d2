#include "algorithms/builtin.hpp"

#include "algorithms/asgd.hpp"
#include "algorithms/dasha.hpp"
#include "algorithms/diana.hpp"
#include "algorithms/ef21.hpp"
#include "algorithms/gd.hpp"
#include "algorithms/marina.hpp"
#include "algorithms/method_common.hpp"
#include "algorithms/minibatch_sgd.hpp"
#include "algorithms/pp_marina.hpp"
#include "algorithms/rennala_sgd.hpp"
#include "algorithms/ringmaster_asgd.hpp"
#include "algorithms/vr_diana.hpp"
#include "algorithms/vr_marina.hpp"

namespace commsim::algo {

const AlgorithmRegistry& algorithm_registry() {
  static const AlgorithmRegistry registry(
      "algorithms", "algorithm", "name", std::nullopt,
      {
          {"gd",
           "gradient descent: workers send full local gradients, server averages and steps",
           &gd_params(),
           {make_gd, nullptr, {.per_worker = 1, .server = 5}}},
          {"diana",
           "DIANA: compressed differences to learned shifts h_i (unbiased compressor)",
           &diana_params(),
           {make_diana, check_diana, {.per_worker = 3, .server = 6}}},
          {"vr_diana",
           "VR-DIANA: DIANA with loopless-SVRG minibatch estimates (finite sum)",
           &vr_diana_params(),
           {make_vr_diana, check_vr_diana, {.per_worker = 6, .server = 6}}},
          {"marina",
           "MARINA: compressed gradient differences, full sync with probability p",
           &marina_params(),
           {make_marina, check_marina, {.per_worker = 2, .server = 9}}},
          {"vr_marina",
           "VR-MARINA (finite sum): minibatch gradient differences, full local gradient on sync",
           &vr_marina_params(),
           {make_vr_marina, check_vr_marina, {.per_worker = 1, .server = 10}}},
          {"vr_marina_online",
           "VR-MARINA (online): sampled batches b on sync rounds, b' on compressed rounds",
           &vr_marina_online_params(),
           {make_vr_marina_online, check_vr_marina_online, {.per_worker = 1, .server = 10}}},
          {"pp_marina",
           "PP-MARINA: r sampled clients per compressed round, all clients on sync rounds",
           &pp_marina_params(),
           {make_pp_marina, check_pp_marina, {.per_worker = 2, .server = 12}}},
          {"ef21",
           "EF21: error feedback for contractive compressors (topk)",
           &ef21_params(),
           {make_ef21, check_ef21, {.per_worker = 4, .server = 7}}},
          {"dasha",
           "DASHA: MARINA without sync rounds, momentum on compressed messages",
           &dasha_params(),
           {make_dasha, check_dasha, {.per_worker = 5, .server = 7}}},
          {"asgd",
           "Asynchronous SGD (event-driven): step on each arrival, send the new point back",
           &asgd_params(),
           {make_asgd, check_asgd, {.per_worker = 2, .server = 4}}},
          {"minibatch_sgd",
           "Minibatch SGD: every worker sends one stochastic gradient, the server waits for all",
           &minibatch_sgd_params(),
           {make_minibatch_sgd, nullptr, {.per_worker = 1, .server = 5}}},
          {"rennala_sgd",
           "Rennala SGD (event-driven): S fresh gradients per step, stale ones discarded",
           &rennala_params(),
           {make_rennala_sgd, nullptr, {.per_worker = 2, .server = 5}}},
          {"ringmaster_asgd",
           "Ringmaster ASGD (event-driven): asynchronous SGD ignoring gradients of delay >= R",
           &ringmaster_params(),
           {make_ringmaster_asgd, nullptr, {.per_worker = 2, .server = 4}}},
      });
  return registry;
}

std::vector<sim::RegistryEntry> algorithm_names() {
  return algorithm_registry().infos();
}

sim::Json check_algorithm(const sim::PartSpec& spec, const ProblemShape& shape) {
  const auto& e = algorithm_registry().at(spec);
  return e.make.check ? e.make.check(spec, shape) : sim::Json::object();
}

StateVectors state_vectors(const sim::PartSpec& spec) {
  return algorithm_registry().at(spec).make.state;
}

std::unique_ptr<Algorithm> build_algorithm(const sim::PartSpec& spec, const AlgorithmContext& ctx) {
  const auto& e = algorithm_registry().at(spec);
  if (e.make.check) e.make.check(spec, shape_of(ctx.problem));
  return e.make.build(spec, ctx);
}

}  // namespace commsim::algo
