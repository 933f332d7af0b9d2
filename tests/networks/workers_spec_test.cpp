#include "networks/workers_spec.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include <fmt/format.h>

#include "networks/platform_builder.hpp"
#include "sim/kernel/errors.hpp"

using namespace commsim;
using namespace commsim::net;
using sim::Json;
using sim::Time;

namespace {

// The two sections read as the scenario reads them, then reconciled.
struct ReadSections {
  WorkersSpec workers;
  NetworkSpec network;
  Json resolved_network;
};

ReadSections read_sections(const std::string& workers, const std::string& network) {
  const Json w = Json::parse(workers), n = Json::parse(network);
  ReadSections s;
  Json rw;
  sim::JsonReader wr(w, "workers", &rw), nr(n, "network", &s.resolved_network);
  s.workers = workers_spec_decl().read(wr);
  wr.finish();
  sim::JsonReader topology = nr.object("topology");
  const sim::PartSpec part = topology_registry().read(topology);
  topology.finish();
  s.network = network_spec_decl().read(nr);
  s.network.topology = part;
  nr.finish();
  reconcile_platform_keys(s.workers, s.network, s.resolved_network);
  return s;
}

std::unique_ptr<Platform> build_sections(const std::string& workers, const std::string& network,
                                         int n) {
  const ReadSections s = read_sections(workers, network);
  return build_platform(s.workers, s.network, n, sim::RngStreams(1));
}

// The ConfigError (where and message) of reading and building, or "" when both succeed.
std::string sections_error(const std::string& workers, const std::string& network, int n) {
  try {
    build_sections(workers, network, n);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

const LinkResource& first_link(const Platform& p, int src, int dst) {
  return p.topology().links()[p.topology().route(src, dst).links.front()];
}

sim::Work work_flops(double f) {
  sim::Work w;
  w.flops = f;
  return w;
}

}  // namespace

TEST_CASE("net workers spec: every per-worker quantity takes an array of n values") {
  auto p = build_sections(
      R"({"speed": ["1GFlops", "2GFlops", "4GFlops"], "time_per_call": ["0", "1ms", "2.5ms"],
          "uplink_bandwidth": ["1Mbps", "2Mbps", "3Mbps"], "uplink_latency": ["1ms", "2ms", "3ms"],
          "downlink_bandwidth": ["4Mbps", "5Mbps", "6Mbps"],
          "downlink_latency": ["0", "7ms", "8ms"],
          "availability": [{"on": "1s", "off": "1s"}, {}, {"on": "2s", "off": "0.5s"}]})",
      "{}", 3);
  for (int w = 0; w < 3; ++w) {
    CHECK(p->host(w).speed_flops == std::pow(2.0, w) * 1e9);
    CHECK(first_link(*p, w, kServer).bandwidth_bps == (w + 1) * 1e6);
    CHECK(first_link(*p, w, kServer).latency == Time::from_seconds((w + 1) * 1e-3));
    CHECK(first_link(*p, kServer, w).bandwidth_bps == (w + 4) * 1e6);
  }
  CHECK(first_link(*p, kServer, 0).latency == Time::zero());
  CHECK(first_link(*p, kServer, 2).latency == Time::from_seconds(8e-3));
  // time_per_call "0" is zero compute time whatever the work; absent would be flops / speed.
  CHECK(p->hosts().compute_time(0, work_flops(1e9), 0) == Time::zero());
  CHECK(p->hosts().compute_time(2, work_flops(1e9), 0) == Time::from_seconds(2.5e-3));
  // Worker 1 ({}) is always online; worker 2 is offline 0.5 s of every 2.5 s.
  for (double t : {0.1, 1.3, 2.2, 7.9}) {
    CHECK(p->hosts().available_from(1, Time::from_seconds(t)) == Time::from_seconds(t));
  }
  const Time phase = p->hosts().phase(2);
  CHECK(phase < Time::from_seconds(2.5));
  const Time offline_start = Time::from_seconds(2.0) + (Time::from_seconds(2.5) - phase);
  CHECK(p->hosts().available_from(2, offline_start) == offline_start + Time::from_seconds(0.5));
}

TEST_CASE("net workers spec: array lengths and elements are checked with their paths") {
  for (const char* key : {"speed", "time_per_call", "uplink_bandwidth", "downlink_bandwidth",
                          "uplink_latency", "downlink_latency"}) {
    const bool rate = std::string(key).find("speed") != std::string::npos ||
                      std::string(key).find("bandwidth") != std::string::npos;
    const char* unit = std::string(key) == "speed" ? "1GFlops" : rate ? "1Mbps" : "1ms";
    CHECK(sections_error(fmt::format(R"({{"{}": ["{}", "{}"]}})", key, unit, unit), "{}", 3) ==
          fmt::format("workers.{}: expected 3 values (one per worker: workers.count), got 2", key));
    CHECK(sections_error(fmt::format(R"({{"{}": ["{}", 7, "{}"]}})", key, unit, unit), "{}", 3)
              .rfind(fmt::format("workers.{}[1]: ", key), 0) == 0);
  }
  CHECK(sections_error(R"({"availability": [{}, {}]})", "{}", 3) ==
        "workers.availability: expected 3 entries (one per worker: workers.count), got 2");
  CHECK(sections_error(R"({"availability": [{}, {"on": "0s", "off": "1s"}, {}]})", "{}", 3)
            .rfind("workers.availability[1].on: ", 0) == 0);
  CHECK(sections_error(R"({"speed": ["1GFlops", "0", "1GFlops"]})", "{}", 3)
            .rfind("workers.speed[1]: ", 0) == 0);
}

TEST_CASE("net workers spec: time_per_call absent is flops / speed, \"0\" is zero") {
  auto by_speed = build_sections(R"({"speed": "2GFlops"})", "{}", 1);
  CHECK(by_speed->hosts().compute_time(0, work_flops(1e9), 0) == Time::from_seconds(0.5));
  auto zero = build_sections(R"({"speed": "2GFlops", "time_per_call": "0"})", "{}", 1);
  CHECK(zero->hosts().compute_time(0, work_flops(1e9), 0) == Time::zero());
  auto fixed = build_sections(R"({"time_per_call": "0",
                                  "overrides": [{"workers": 1, "time_per_call": "3ms"}]})",
                              "{}", 2);
  CHECK(fixed->hosts().compute_time(0, work_flops(1e12), 0) == Time::zero());
  CHECK(fixed->hosts().compute_time(1, work_flops(1e12), 0) == Time::from_seconds(3e-3));
}

TEST_CASE("net workers spec: no silent overrides between per-worker values and the topology") {
  CHECK(sections_error(
            R"({"uplink_bandwidth": {"distribution": "uniform", "min": "1Mbps", "max": "2Mbps"}})",
            R"({"topology": {"uplink": {"bandwidth": "10Mbps"}}})", 2) ==
        "network.topology.uplink.bandwidth: also set per worker by workers.uplink_bandwidth; give "
        "one of the two");
  CHECK(sections_error(R"({"downlink_latency": ["1ms", "2ms"]})",
                       R"({"topology": {"kind": "two_level_tree",
                                        "downlink": {"latency": "3ms"}}})",
                       2) ==
        "network.topology.downlink.latency: also set per worker by workers.downlink_latency; "
        "give one of the two");
  // The other quantity of the same link may be given; the replaced default is not resolved.
  const ReadSections s = read_sections(R"({"uplink_bandwidth": ["1Mbps", "2Mbps"]})",
                                       R"({"topology": {"uplink": {"latency": "9ms"}}})");
  CHECK(s.resolved_network["topology"]["uplink"] == Json{{"latency", "9ms"}});
  const ReadSections all = read_sections(
      R"({"uplink_bandwidth": ["1Mbps", "2Mbps"], "uplink_latency": ["1ms", "2ms"]})", "{}");
  CHECK_FALSE(all.resolved_network["topology"].contains("uplink"));
  CHECK(all.resolved_network["topology"].contains("downlink"));
}

TEST_CASE("net workers spec: shared links reject downward keys instead of ignoring them") {
  const std::string shared_error =
      "unused: network.topology.shared is true, so every link uses its upward parameters in "
      "both directions; remove it";
  CHECK(sections_error("{}",
                       R"({"topology": {"shared": true, "downlink": {"bandwidth": "1Mbps"}}})",
                       2) == "network.topology.downlink: " + shared_error);
  CHECK(sections_error("{}", R"({"topology": {"shared": true, "server_out": {}}})", 2) ==
        "network.topology.server_out: " + shared_error);
  CHECK(sections_error("{}", R"({"topology": {"kind": "two_level_tree", "shared": true,
                                              "rack_downlink": {"latency": "1ms"}}})",
                       2) == "network.topology.rack_downlink: " + shared_error);
  CHECK(sections_error(R"({"downlink_bandwidth": ["1Mbps", "2Mbps"]})",
                       R"({"topology": {"shared": true}})", 2) ==
        "workers.downlink_bandwidth: unused: network.topology.shared is true (links use their "
        "uplink values)");
  CHECK(sections_error(R"({"overrides": [{"workers": 0, "downlink": {"bandwidth": "1Mbps",
                                                                    "latency": "1ms"}}]})",
                       R"({"topology": {"shared": true}})", 2) ==
        "workers.overrides[0].downlink: unused: network.topology.shared is true (links use their "
        "uplink values)");
  const ReadSections s = read_sections("{}", R"({"topology": {"shared": true}})");
  CHECK_FALSE(s.resolved_network["topology"].contains("downlink"));
  CHECK_FALSE(s.resolved_network["topology"].contains("server_out"));
  CHECK(s.resolved_network["topology"].contains("server_in"));
}

TEST_CASE("net workers spec: an availability period that rounds to 0 ns is refused with its path") {
  // "0.4ns" is 0 on the nanosecond clock: it reached HostModel's on > 0 assertion before.
  CHECK(sections_error(R"({"availability": {"on": "0.4ns", "off": "1s"}})", "{}", 2) ==
        "workers.availability.on: \"0.4ns\" must be > 0, and simulated time counts whole "
        "nanoseconds: this rounds to 0 (use at least \"1ns\")");
  CHECK(sections_error(R"({"availability": [{}, {"on": "0.1ns", "off": "1s"}]})", "{}", 2)
            .rfind("workers.availability[1].on: \"0.1ns\" must be > 0", 0) == 0);
  CHECK(sections_error(R"({"availability": {"on": "1ns", "off": "0.4ns"}})", "{}", 2).empty());
  // Beyond the clock's range: "1e300s" saturated to "never" and overflowed (t + phase) % period.
  CHECK(sections_error(R"({"availability": {"on": "1s", "off": "1e300s"}})", "{}", 2) ==
        "workers.availability.off: \"1e300s\" is beyond the simulated clock's range (at most "
        "9223372036s, about 292 years)");
}

TEST_CASE(
    "net workers spec: per-worker durations are finite, latencies capped like the topology's") {
  // Before: a per-worker "1e9s" latency was accepted (the topology's is capped at a year), an
  // "inf" one surfaced as "no route to the server", an "inf" time per call stalled the run.
  CHECK(sections_error(R"({"uplink_latency": ["1e9s", "1ms"]})", "{}", 2) ==
        "workers.uplink_latency[0]: \"1e9s\" must be >= 0 and <= 31536000");
  CHECK(sections_error(R"({"downlink_latency": {"distribution": "uniform", "min": "0",
                                                "max": "1e9s"}})",
                       "{}", 2) ==
        "workers.downlink_latency.max: \"1e9s\" must be >= 0 and <= "
        "31536000");
  CHECK(sections_error(R"({"uplink_latency": ["31536000s", "0"]})", "{}", 2).empty());
  CHECK(sections_error(R"({"uplink_latency": ["inf", "1ms"]})", "{}", 2) ==
        "workers.uplink_latency[0]: \"inf\" must be a finite duration");
  CHECK(sections_error(R"({"time_per_call": "inf"})", "{}", 2) ==
        "workers.time_per_call: \"inf\" must be a finite duration");
  CHECK(sections_error(R"({"overrides": [{"workers": 1, "time_per_call": "inf"}]})", "{}", 2) ==
        "workers.overrides[0].time_per_call: \"inf\" must be a finite duration");
  // A periodic availability with an infinite part: a worker offline forever from a random phase.
  CHECK(sections_error(R"({"availability": {"on": "1s", "off": "inf"}})", "{}", 2) ==
        "workers.availability.off: \"inf\" must be >= 0 and <= 9223372036");
  CHECK(sections_error(R"({"availability": [{"on": "inf", "off": "1s"}, {}]})", "{}", 2) ==
        "workers.availability[0].on: \"inf\" must be > 0 and <= 9223372036");
}

TEST_CASE("net workers spec: an index law gives worker i scale * sqrt(i + 1) or scale * (i + 1)") {
  auto p = build_sections(
      R"({"time_per_call": {"law": "sqrt", "scale": "2s"},
          "speed": {"law": "linear", "scale": "1GFlops"},
          "uplink_latency": {"law": "linear", "scale": "1ms"}})",
      "{}", 5);
  for (int w = 0; w < 5; ++w) {
    CAPTURE(w);
    CHECK(p->host(w).time_per_call_s.value() == 2.0 * std::sqrt(w + 1.0));
    CHECK(p->host(w).speed_flops == (w + 1.0) * 1e9);
    CHECK(first_link(*p, w, kServer).latency == Time::from_seconds((w + 1) * 1e-3));
  }
  // Growing the worker count keeps every existing worker's value (what a sweep over n needs).
  auto q = build_sections(R"({"time_per_call": {"law": "sqrt", "scale": "2s"}})", "{}", 9);
  for (int w = 0; w < 5; ++w) CHECK(q->host(w).time_per_call_s == p->host(w).time_per_call_s);
  CHECK(sections_error(R"({"time_per_call": {"law": "cube", "scale": "1s"}})", "{}", 2)
            .find("workers.time_per_call.law") != std::string::npos);
  CHECK(sections_error(R"({"speed": {"law": "sqrt", "scale": "0"}})", "{}", 2)
            .find("workers.speed.scale") != std::string::npos);
}
