#pragma once
/// \file
/// The one number format of every output: the shortest decimal that reads back to the same
/// double (fmt's Dragonbox), locale-independent. Non-finite values never reach a CSV (the run
/// ends as `diverged` first), but are spelled `nan`/`inf` if they do.

#include <string>

namespace commsim::analysis {

/// Shortest round-trip representation of `x`.
std::string format_double(double x);

}  // namespace commsim::analysis
