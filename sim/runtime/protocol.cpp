#include "sim/runtime/protocol.hpp"

#include "sim/runtime/event_protocol.hpp"
#include "sim/runtime/round_protocol.hpp"

namespace commsim::sim {

std::unique_ptr<Protocol> make_protocol(const algo::Algorithm& algorithm, net::Platform& platform,
                                        StepListener& listener,
                                        const std::vector<Recorder*>& recorders,
                                        bool record_messages) {
  if (algorithm.protocol() == algo::Protocol::event_driven)
    return std::make_unique<EventProtocol>(algorithm, platform, listener, recorders,
                                           record_messages);
  return std::make_unique<RoundProtocol>(algorithm, platform, listener, recorders, record_messages);
}

}  // namespace commsim::sim
