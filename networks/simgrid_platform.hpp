#pragma once
/// \file
/// Writes a built platform as a SimGrid platform file (XML, version 4.1), so that the same
/// links and routes can be replayed by SimGrid as an independent oracle of the transfer models.
/// SimGrid is never linked: this only prints text.
#include <string>

#include "networks/platform.hpp"

namespace commsim::net {

/// The platform as SimGrid XML: hosts `w0..w{n-1}` and `server` (speed in flops), one SHARED
/// `<link>` per directed link resource (bandwidth in bytes/s, latency in seconds, both printed
/// round-trip exact; an infinite-bandwidth resource becomes a FATPIPE of 1e30 Bps), and one
/// non-symmetric `<route>` per worker→server and server→worker route with its links in order.
/// A commsim shared link is one resource used by both directions, which is what a SimGrid
/// SHARED link used by two routes means.
std::string simgrid_platform_xml(const Platform& platform);

}  // namespace commsim::net
