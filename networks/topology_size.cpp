#include "networks/topology_size.hpp"

namespace commsim::net {
namespace {
constexpr double kBytesPerWorker = 1500.0;
constexpr double kBytesPerMeshPair = 540.0;
constexpr double kBytesPerRingRouteEntry = 5.0;
}  // namespace

double estimate_platform_bytes(const std::string& kind, int num_workers) {
  const double n = static_cast<double>(num_workers);
  double bytes = n * kBytesPerWorker;
  if (kind == "full_mesh") bytes += (n + 1.0) * n / 2.0 * kBytesPerMeshPair;
  if (kind == "ring") bytes += (n + 1.0) * (n + 1.0) * kBytesPerRingRouteEntry;
  return bytes;
}

}  // namespace commsim::net
