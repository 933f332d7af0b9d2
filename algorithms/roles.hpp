#pragma once
/// \file
/// An algorithm is a pair of roles that do maths only: no time, no links, no events. The server
/// role says what to broadcast and who must answer; the worker role turns a broadcast plus its
/// local oracle into uplinks. The runtime (sim/runtime) decides *when* things happen.

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include "sim/kernel/types.hpp"

namespace commsim::algo {

using Vector = Eigen::VectorXd;

/// A setup exchange (e.g. MARINA's g⁰ = ∇f(x⁰)) is simulated and counted but does not advance
/// the round counter; a round does.
enum class Phase : std::uint8_t { setup, round };

/// What the server sends at the start of a round, and who must answer.
struct Downlink {
  Vector payload;      ///< the broadcast vector (x^k, or g^k for MARINA)
  sim::Bits bits = 0;  ///< its simulated size
  Phase phase = Phase::round;
  bool full_sync = false;  ///< MARINA's coin c_k (true: everyone sends full gradients)
  /// uploads[i] = how many uplinks worker i must send this round (0: idle; 2: PP-MARINA drew it
  /// twice). Size n.
  std::vector<std::uint32_t> uploads;
  /// When false, only workers with uploads[i] > 0 receive the broadcast.
  bool to_all = true;
};

/// One message from a worker to the server.
struct Uplink {
  Vector payload;      ///< the (decompressed) vector the server receives
  sim::Bits bits = 0;  ///< its simulated size
  sim::MessageKind kind = sim::MessageKind::full_gradient;
  sim::Work work;  ///< oracle work this uplink cost (drives the compute duration)
};

/// Worker i's side of a method. Owns its state (cached gradients, shifts, RNG streams).
class WorkerRole {
 public:
  virtual ~WorkerRole() = default;
  /// Handles a broadcast. `out.size()` is the number of uplinks requested of this worker
  /// (possibly 0: the worker only updates its state); fill each. Buffers in `out` are reused
  /// from round to round, so filling them in place allocates nothing once sizes are stable.
  virtual void on_downlink(const Downlink& downlink, std::span<Uplink> out) = 0;
};

/// The server's side of a method.
class ServerRole {
 public:
  virtual ~ServerRole() = default;
  /// The first broadcast (a setup exchange or round 1).
  virtual const Downlink& start() = 0;
  /// Aggregates the uplinks of the round just finished, in worker order (all of worker 0's,
  /// then worker 1's, …, never arrival order, so the network cannot change the maths), and
  /// returns the next broadcast.
  virtual const Downlink& on_uplinks(std::span<const Uplink* const> uplinks) = 0;
  /// The current iterate x^k (after the last aggregation).
  virtual const Vector& iterate() const = 0;
  /// True when the method wants to know which workers are online (see observe_availability).
  virtual bool uses_availability() const { return false; }
  /// online[i] = 1 when worker i is online right now; given before start() and before each
  /// on_uplinks() when uses_availability(). A mask, not a time: the method still knows nothing
  /// of the network. Only options that deliberately model availability-aware sampling use it
  /// (PP-MARINA's `sample_available_only`, which shows the bias that sampling introduces).
  virtual void observe_availability(std::span<const std::uint8_t> /*online*/) {}
};

class EventServerRole;
class EventWorkerRole;

/// Which message protocol a method's roles follow (see sim/runtime): synchronous rounds (the
/// server waits for every requested uplink, ServerRole/WorkerRole) or event-driven (the server
/// reacts to each arrival, EventServerRole/EventWorkerRole in event_roles.hpp).
enum class Protocol : std::uint8_t { synchronous, event_driven };

/// A configured method: a factory of roles plus the constants it uses. A method implements the
/// factories of the protocol it declares; the others are never called.
class Algorithm {
 public:
  virtual ~Algorithm() = default;
  virtual Protocol protocol() const { return Protocol::synchronous; }
  virtual std::unique_ptr<ServerRole> make_server() const;
  virtual std::unique_ptr<WorkerRole> make_worker(int worker) const;
  virtual std::unique_ptr<EventServerRole> make_event_server() const;
  virtual std::unique_ptr<EventWorkerRole> make_event_worker(int worker) const;
  /// Every constant actually used (stepsize, p, ω, α, …), for summary.json.
  virtual nlohmann::json constants() const = 0;
};

}  // namespace commsim::algo
