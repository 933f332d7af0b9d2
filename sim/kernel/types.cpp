#include "sim/kernel/types.hpp"

namespace commsim::sim {

const char* to_string(MessageKind kind) {
  switch (kind) {
    case MessageKind::broadcast: return "broadcast";
    case MessageKind::full_gradient: return "full_gradient";
    case MessageKind::compressed: return "compressed";
  }
  return "unknown";
}

}  // namespace commsim::sim
