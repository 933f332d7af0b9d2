#pragma once
/// \file
/// A method built on the AccumulatingServer (MARINA and its variants, EF21, DASHA): the server,
/// the SharedIterates it writes, and the method's own worker role.

#include <functional>
#include <memory>

#include "algorithms/accumulating_server.hpp"
#include "algorithms/compressors/compressor.hpp"

namespace commsim::algo {

/// What a worker of an accumulating method is built from.
struct WorkerSetup {
  const LocalOracle& oracle;
  const Compressor& q;  ///< the method's compressor (each worker copies it)
  const sim::RngStreams& streams;
  int worker;
  int num_workers;
  const SharedIterates& iterates;  ///< x^k and x^{k+1}: every worker reads these, none keeps x
};

/// Builds the method's worker role.
using WorkerFactory = std::function<std::unique_ptr<WorkerRole>(const WorkerSetup& setup)>;

/// A configured accumulating method. It owns the iterates its server publishes (so it must
/// outlive its roles, as it must for the scratch and compressor its workers use).
class AccumulatingAlgorithm final : public Algorithm {
 public:
  AccumulatingAlgorithm(const Problem& problem, const sim::RngStreams& streams,
                        std::unique_ptr<Compressor> q, AccumulatingConfig server,
                        WorkerFactory workers, nlohmann::json constants);
  std::unique_ptr<ServerRole> make_server() const override;
  std::unique_ptr<WorkerRole> make_worker(int worker) const override;
  nlohmann::json constants() const override { return constants_; }
  /// x^k and x^{k+1} as last published by the server (tests).
  const SharedIterates& iterates() const { return *iterates_; }

 private:
  const Problem& problem_;
  sim::RngStreams streams_;
  std::unique_ptr<Compressor> q_;
  AccumulatingConfig server_;
  WorkerFactory workers_;
  nlohmann::json constants_;
  std::unique_ptr<SharedIterates> iterates_;  ///< written by the server, read by workers
};

}  // namespace commsim::algo
