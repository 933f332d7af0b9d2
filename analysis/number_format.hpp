#pragma once
/// \file
/// The one number format of every output: the shortest decimal that reads back to the same
/// double (fmt's Dragonbox), locale-independent. Non-finite values never reach a CSV (the run
/// ends as `diverged` first), but are spelled `nan`/`inf` if they do.

#include <string>

#include "sim/kernel/time.hpp"

namespace commsim::analysis {

/// Shortest round-trip representation of `x`.
std::string format_double(double x);

/// A simulated time in seconds, written exactly from its integer nanoseconds ("0.007666668",
/// not the binary neighbour "0.007666668000000001"); "inf" for infinity.
std::string format_seconds(sim::Time t);

}  // namespace commsim::analysis
