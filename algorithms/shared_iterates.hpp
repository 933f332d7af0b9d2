#pragma once
/// \file
/// The one copy of the iterate that the MARINA family replicates on every node.

#include "algorithms/roles.hpp"

namespace commsim::algo {

/// x^k and x^{k+1} = x^k − γ g^k, written by the server when it broadcasts g^k and read by the
/// workers. Each worker applying the broadcast to its own copy would hold exactly these values,
/// to the bit, so the algorithm keeps one pair instead of n replicas (at 10,000 workers and
/// d = 1000 one copy per worker is 80 MB, and stepping them all costs n·d flops a round). Owned
/// by the algorithm object, never sent: it costs no bits. A run is single-threaded and builds one
/// server per algorithm, so the server's writes and the workers' reads never overlap.
struct SharedIterates {
  Vector x;       ///< x^k, the point the current broadcast was formed at
  Vector x_next;  ///< x^{k+1}, the point each worker reaches by applying it
};

}  // namespace commsim::algo
