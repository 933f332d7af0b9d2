#include "networks/host_model.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"
#include "sim/kernel/input_file.hpp"
#include "sim/kernel/units.hpp"

namespace commsim::net {

HostModel::HostModel(std::vector<HostSpec> hosts) : hosts_(std::move(hosts)) {}

HostModel::HostModel(std::vector<HostSpec> hosts, JitterSpec jitter, StragglerSpec stragglers,
                     AvailabilitySpec availability, const sim::RngStreams& streams)
    : hosts_(std::move(hosts)),
      jitter_(jitter),
      stragglers_(stragglers),
      availability_(std::move(availability)),
      streams_(streams) {
  COMMSIM_ASSERT(stragglers_.fraction >= 0.0 && stragglers_.fraction <= 1.0,
                 "straggler fraction in [0, 1]");
  COMMSIM_ASSERT(stragglers_.slowdown > 0.0, "straggler slowdown > 0");
  if (stragglers_.fraction > 0.0 && !stragglers_.every_round) {
    sim::Rng rng = streams_.stream("stragglers");
    draw_stragglers(rng, fixed_stragglers_);
  }
  if (availability_.kind == AvailabilitySpec::Kind::periodic) {
    COMMSIM_ASSERT(availability_.periods.empty() || availability_.periods.size() == hosts_.size(),
                   "one (on, off) per worker");
    for (int w = 0; w < size(); ++w) {
      const auto [on, off] = period(w);
      const std::int64_t cycle = (on + off).ns();
      COMMSIM_ASSERT(on > sim::Time::zero() && cycle > 0, "periodic availability needs on > 0");
      sim::Rng rng = streams_.stream("availability", static_cast<std::uint64_t>(w));
      phase_.push_back(sim::Time::from_ns(
          static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(cycle)))));
    }
  }
  if (availability_.kind == AvailabilitySpec::Kind::trace) {
    COMMSIM_ASSERT(availability_.offline.size() == hosts_.size(), "one offline list per worker");
  }
}

void HostModel::draw_stragglers(sim::Rng& rng, std::vector<char>& out) const {
  const auto n = static_cast<std::uint64_t>(size());
  const auto k =
      static_cast<std::size_t>(std::llround(stragglers_.fraction * static_cast<double>(n)));
  out.assign(static_cast<std::size_t>(n), 0);
  if (k == 0) return;
  std::vector<std::uint32_t> picked(k), scratch;
  rng.sample_without_replacement(n, picked, scratch);
  for (std::uint32_t w : picked) out[w] = 1;
}

bool HostModel::is_straggler(int w, std::uint64_t round) const {
  if (stragglers_.fraction <= 0.0) return false;
  if (!stragglers_.every_round) return fixed_stragglers_[static_cast<std::size_t>(w)] != 0;
  if (round != cached_round_) {
    sim::Rng rng = streams_.stream("stragglers", round + 1);
    draw_stragglers(rng, round_stragglers_);
    cached_round_ = round;
  }
  return round_stragglers_[static_cast<std::size_t>(w)] != 0;
}

double HostModel::jitter_factor(int w, std::uint64_t round) const {
  if (jitter_.kind == JitterSpec::Kind::none) return 1.0;
  // A fresh generator per (worker, round): the draw does not depend on which rounds the worker
  // took part in before.
  sim::Rng rng(streams_.derive("jitter", static_cast<std::uint64_t>(w)) ^ sim::Rng(round).next());
  if (jitter_.kind == JitterSpec::Kind::lognormal) {
    return std::exp(jitter_.sigma * rng.normal() - 0.5 * jitter_.sigma * jitter_.sigma);
  }
  return 1.0 + jitter_.mean * rng.exponential();
}

sim::Time HostModel::compute_time(int w, const sim::Work& work, std::uint64_t round) const {
  const HostSpec& h = spec(w);
  double seconds;
  if (h.time_per_call_s) {
    seconds = *h.time_per_call_s;
  } else {
    if (work.flops <= 0.0 || std::isinf(h.speed_flops)) return sim::Time::zero();
    seconds = work.flops / h.speed_flops;
  }
  seconds *= jitter_factor(w, round);
  if (is_straggler(w, round)) seconds *= stragglers_.slowdown;
  return sim::Time::from_seconds(seconds);
}

sim::Time HostModel::available_from(int w, sim::Time t) const {
  switch (availability_.kind) {
    case AvailabilitySpec::Kind::always: return t;
    case AvailabilitySpec::Kind::periodic: {
      // Online while (t + phase) mod (on + off) < on. The sum is taken in 128 bits: t and the
      // phase are each below 2^63 ns, their sum need not be (a late t, a years-long cycle).
      if (t.is_infinite()) return t;
      const auto [on, off] = period(w);
      const std::int64_t cycle = (on + off).ns();
      const auto x =
          static_cast<std::int64_t>((static_cast<__int128>(t.ns()) + phase(w).ns()) % cycle);
      if (x < on.ns()) return t;
      return t + sim::Time::from_ns(cycle - x);
    }
    case AvailabilitySpec::Kind::trace: {
      const auto& v = availability_.offline[static_cast<std::size_t>(w)];
      // First interval ending after t; intervals are merged, so its end is online.
      auto it = std::upper_bound(
          v.begin(), v.end(), t,
          [](sim::Time x, const std::pair<sim::Time, sim::Time>& iv) { return x < iv.second; });
      if (it != v.end() && it->first <= t) return it->second;
      return t;
    }
  }
  return t;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool parse_double(std::string_view s, double& out) {
  s = trim(s);
  if (s.empty()) return false;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(out);
}

std::vector<std::string_view> split_cells(std::string_view l) {
  std::vector<std::string_view> cells;
  std::size_t pos = 0;
  while (true) {
    const std::size_t comma = l.find(',', pos);
    cells.push_back(
        l.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos));
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return cells;
}

// Sorts the intervals and merges overlapping ones; empty intervals are dropped.
void merge_intervals(std::vector<std::pair<sim::Time, sim::Time>>& v) {
  std::sort(v.begin(), v.end());
  std::vector<std::pair<sim::Time, sim::Time>> merged;
  for (const auto& iv : v) {
    if (iv.first == iv.second) continue;
    if (!merged.empty() && iv.first <= merged.back().second) {
      merged.back().second = sim::max(merged.back().second, iv.second);
    } else {
      merged.push_back(iv);
    }
  }
  v = std::move(merged);
}

}  // namespace

std::vector<std::vector<std::pair<sim::Time, sim::Time>>> read_availability_trace(
    const std::string& file, int num_workers) {
  std::istringstream in(sim::read_input_file(file, "availability trace"));
  std::vector<std::vector<std::pair<sim::Time, sim::Time>>> offline(
      static_cast<std::size_t>(num_workers));
  std::string line;
  int lineno = 0;
  bool first_data = true;
  while (std::getline(in, line)) {
    ++lineno;
    const std::string_view l = trim(line);
    if (l.empty() || l.front() == '#') continue;
    const std::string where = fmt::format("{}:{}", file, lineno);
    const std::vector<std::string_view> cells = split_cells(l);
    double w = 0, start = 0, end = 0;
    const bool numeric = cells.size() == 3 && parse_double(cells[0], w) &&
                         parse_double(cells[1], start) && parse_double(cells[2], end);
    if (!numeric && first_data && cells.size() == 3 && !parse_double(cells[0], w)) {
      first_data = false;  // a header line
      continue;
    }
    first_data = false;
    if (!numeric) {
      throw InputError(
          where, fmt::format("expected \"worker,start_s,end_s\" (three numbers), got \"{}\"", l));
    }
    if (w != std::floor(w) || w < 0 || w >= num_workers) {
      throw InputError(
          where, fmt::format("worker {} is not an integer in [0, {})", cells[0], num_workers));
    }
    if (start < 0 || end < start) {
      throw InputError(
          where,
          fmt::format("offline interval [{}, {}] must satisfy 0 <= start_s <= end_s", start, end));
    }
    if (end > sim::kMaxDurationSeconds) {
      throw InputError(where, fmt::format("end_s {} is beyond the simulated clock's range (at most "
                                          "{}s, about 292 years)",
                                          cells[2], sim::kMaxDurationSeconds));
    }
    offline[static_cast<std::size_t>(w)].emplace_back(sim::Time::from_seconds(start),
                                                      sim::Time::from_seconds(end));
  }
  for (auto& v : offline) merge_intervals(v);
  return offline;
}

}  // namespace commsim::net
