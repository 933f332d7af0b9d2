#include "algorithms/accumulating_algorithm.hpp"

namespace commsim::algo {

AccumulatingAlgorithm::AccumulatingAlgorithm(const Problem& problem, const sim::RngStreams& streams,
                                             std::unique_ptr<Compressor> q,
                                             AccumulatingConfig server, WorkerFactory workers,
                                             nlohmann::json constants)
    : problem_(problem),
      streams_(streams),
      q_(std::move(q)),
      server_(std::move(server)),
      workers_(std::move(workers)),
      constants_(std::move(constants)),
      iterates_(std::make_unique<SharedIterates>()) {}

std::unique_ptr<ServerRole> AccumulatingAlgorithm::make_server() const {
  return std::make_unique<AccumulatingServer>(problem_, streams_, server_, *iterates_);
}

std::unique_ptr<WorkerRole> AccumulatingAlgorithm::make_worker(int worker) const {
  return workers_(WorkerSetup{problem_.local(worker), *q_, streams_, worker, problem_.num_workers(),
                              *iterates_});
}

}  // namespace commsim::algo
