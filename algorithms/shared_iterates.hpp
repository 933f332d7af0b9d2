#pragma once
/// \file
/// The one copy of the iterate that the MARINA family, EF21 and DASHA replicate on every node.

#include "algorithms/roles.hpp"

namespace commsim::algo {

/// Where the workers read x^k and x^{k+1} = x^k − γ g^k. The server forms both when it
/// broadcasts g^k; each worker applying the broadcast to its own copy would hold exactly these
/// values, to the bit, so the workers read the server's instead of keeping n replicas (at 10,000
/// workers and d = 1000 one copy per worker is 80 MB, and stepping them all costs n·d flops a
/// round). Owned by the algorithm object, never sent: it costs no bits. The vectors stay in the
/// server that wrote them, so a finished run's server keeps its own final iterate when a later
/// server of the same algorithm publishes here (a run is single-threaded and builds its server
/// before its workers; workers read the most recently built server).
struct SharedIterates {
  const Vector* x = nullptr;       ///< x^k, the point the current broadcast was formed at
  const Vector* x_next = nullptr;  ///< x^{k+1}, the point each worker reaches by applying it
};

}  // namespace commsim::algo
