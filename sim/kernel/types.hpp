#pragma once
/// \file
/// Small value types shared by algorithms, networks and the runtime.

#include <cstdint>

namespace commsim::sim {

/// Simulated size of a message in bits (never the size of the in-memory payload).
using Bits = std::uint64_t;

/// Work an oracle call did, from which the platform derives a compute duration.
struct Work {
  std::uint64_t sample_gradients =
      0;               ///< single-sample gradient evaluations (the paper's oracle calls)
  double flops = 0.0;  ///< floating-point operations (nonzeros touched × a per-problem constant)
  Work& operator+=(const Work& o) {
    sample_gradients += o.sample_gradients;
    flops += o.flops;
    return *this;
  }
};

/// What a message carries, as it appears in `messages.csv`.
enum class MessageKind : std::uint8_t { broadcast, full_gradient, compressed };

/// `broadcast` / `full_gradient` / `compressed`.
const char* to_string(MessageKind kind);

}  // namespace commsim::sim
