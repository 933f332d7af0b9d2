#pragma once
/// \file
/// Who uploads on a MARINA-family compressed round (sync rounds always ask everyone): the
/// strategy a method's factory picks from its Params.
/// - everyone(): every worker once (MARINA, VR-MARINA, EF21, DASHA),
/// - uniform_clients(r, with_replacement): PP-MARINA's r draws from stream "participation",
///   i.i.d. (a client drawn twice uploads twice) or r distinct clients,
/// - available_clients(r, with_replacement): the same draws made only among the workers online
///   now (PP-MARINA's `sample_available_only`, which shows the bias that sampling introduces).

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "sim/kernel/rng.hpp"

namespace commsim::algo {

/// The server's participation draws.
class ParticipationSampler {
 public:
  virtual ~ParticipationSampler() = default;
  /// uploads[i] = how many uplinks worker i sends this compressed round (size n, overwritten).
  virtual void draw(std::vector<std::uint32_t>& uploads) = 0;
  /// True when draw() depends on which workers are online (see observe_availability).
  virtual bool uses_availability() const { return false; }
  /// online[i] = 1 when worker i is online now (called only when uses_availability()).
  virtual void observe_availability(std::span<const std::uint8_t> /*online*/) {}
};

/// Builds the server's sampler for n workers.
using SamplerFactory =
    std::function<std::unique_ptr<ParticipationSampler>(const sim::RngStreams& streams, int n)>;

/// Every worker uploads once.
SamplerFactory everyone();
/// r clients drawn uniformly among all n, with or without replacement.
SamplerFactory uniform_clients(int r, bool with_replacement);
/// r clients drawn uniformly among the workers online now (all n when none is).
SamplerFactory available_clients(int r, bool with_replacement);

}  // namespace commsim::algo
