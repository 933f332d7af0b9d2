#include "algorithms/roles.hpp"

#include "algorithms/event_roles.hpp"
#include "sim/kernel/errors.hpp"

namespace commsim::algo {

// The runtime asks only for the factories of the protocol a method declares, so reaching one of
// these is a bug in a method's declaration, never a user error.
std::unique_ptr<ServerRole> Algorithm::make_server() const {
  COMMSIM_ASSERT(false, "a synchronous server was asked of an event-driven method");
  return nullptr;
}

std::unique_ptr<WorkerRole> Algorithm::make_worker(int) const {
  COMMSIM_ASSERT(false, "a synchronous worker was asked of an event-driven method");
  return nullptr;
}

std::unique_ptr<EventServerRole> Algorithm::make_event_server() const {
  COMMSIM_ASSERT(false, "an event-driven server was asked of a synchronous method");
  return nullptr;
}

std::unique_ptr<EventWorkerRole> Algorithm::make_event_worker(int) const {
  COMMSIM_ASSERT(false, "an event-driven worker was asked of a synchronous method");
  return nullptr;
}

}  // namespace commsim::algo
