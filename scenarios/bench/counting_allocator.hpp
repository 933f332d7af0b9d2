#pragma once
// A global operator new that counts calls, for the benchmarks' allocation-free checks. Linking
// counting_allocator.cpp into a program replaces the global allocation functions.

#include <cstdint>

namespace commsim::bench {

/// Number of global operator new calls so far.
std::uint64_t allocation_count();

}  // namespace commsim::bench
