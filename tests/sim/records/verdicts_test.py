#!/usr/bin/env python3
"""Stop verdicts end to end through `commsim run` (issue 14, items 5, 6 and 13).

Each verdict is checked against the definition applied by hand to the rounds.csv of a
record.every = 1 run, and the same run with a thinner record.every must give the same status,
message and stop round:
- stall: stalled at round k when min(g[0..k]) > (1 - tol) * min(g[0..k-W]), g = ||grad f||^2;
- non-finite values: the run ends at that round (summary non_finite_round), rows.csv holds no
  NaN/Inf and ends with the last finite round, whose values are summary.final;
- time overflow: a run whose next event lies past int64 nanoseconds says so.

usage: verdicts_test.py COMMSIM   (COMMSIM_DATA_PATH must hold mushrooms)"""
import csv
import json
import math
import os
import subprocess
import sys
import tempfile

MUSHROOMS = {
    "name": "verdicts", "seed": 1,
    "problem": {"type": "sigmoid_squared", "data": {"libsvm": "mushrooms"}, "split": "contiguous",
                "bias": True},
    "workers": {"count": 5, "speed": "1GFlops"},
    "network": {"topology": {"kind": "star", "uplink": {"bandwidth": "100Mbps", "latency": "1ms"},
                             "downlink": {"bandwidth": "100Mbps", "latency": "1ms"}},
                "model": "ideal"},
    "algorithm": {"name": "gd", "stepsize": 1e-5},
    "stop": {"max_rounds": 300, "stall_rounds": 100, "stall_tolerance": 1e-5},
    "record": {"every": 1},
}
INT64_NS_SECONDS = (2**63 - 1) * 1e-9

failures = []


def check(cond, what):
    print("ok  " if cond else "FAIL", what)
    if not cond:
        failures.append(what)


def run(commsim, scenario, work, name, sets=()):
    path = os.path.join(work, name + ".json")
    with open(path, "w") as f:
        json.dump(scenario, f)
    out = os.path.join(work, name)
    cmd = [commsim, "run", path, "--out", out, "--quiet"]
    for s in sets:
        cmd += ["--set", s]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr.strip()}")
    with open(os.path.join(out, "summary.json")) as f:
        summary = json.load(f)
    with open(os.path.join(out, "rounds.csv")) as f:
        rows = list(csv.DictReader(f))
    return summary, rows


def stall_round(g, w, tol):
    best, prefix = math.inf, []
    for v in g:
        best = min(best, v)
        prefix.append(best)
    for k in range(w, len(g)):
        if prefix[k] > (1 - tol) * prefix[k - w]:
            return k
    return None


def same_verdict(a, b, what):
    check((a["status"], a["rounds"], a["message"]) == (b["status"], b["rounds"], b["message"]),
          f"{what}: same status, stop round and message ({b['status']} at {b['rounds']})")


def stall_cases(commsim, work):
    # The case: 4.9e-4 relative decrease per 100 rounds, 49x the tolerance.
    s1, rows = run(commsim, MUSHROOMS, work, "steady")
    g = [float(r["grad_norm_sq"]) for r in rows]
    check(len(g) == 301 and 1 - g[100] / g[0] > 40 * 1e-5,
          f"steady: the window decrease {1 - g[100] / g[0]:.3g} exceeds the tolerance 40-fold")
    check(stall_round(g, 100, 1e-5) is None and s1["status"] == "max_rounds",
          f"steady: no stall by the definition, status {s1['status']} at {s1['rounds']}")
    s10, _ = run(commsim, MUSHROOMS, work, "steady10", ["record.every=10"])
    same_verdict(s10, s1, "steady, record.every 10")
    # A tolerance the window decrease does not reach: stalled where the definition says.
    sets = ["stop.stall_rounds=97", "stop.stall_tolerance=6e-4"]
    s1, rows = run(commsim, MUSHROOMS, work, "stall", sets)
    g = [float(r["grad_norm_sq"]) for r in rows]
    expected = stall_round(g, 97, 6e-4)
    check(expected is not None and s1["status"] == "stalled" and s1["rounds"] == expected,
          f"stall: stalled at round {s1['rounds']}, the definition says {expected}")
    for every in (10, 7):
        s, rows = run(commsim, MUSHROOMS, work, f"stall{every}", sets + [f"record.every={every}"])
        same_verdict(s, s1, f"stall, record.every {every}")
        check(int(rows[-1]["round"]) == expected, f"stall, record.every {every}: last row is the stop")


def non_finite_case(commsim, work):
    scenario = dict(MUSHROOMS, algorithm={"name": "marina", "stepsize": 1e7,
                                          "compressor": {"name": "randk", "k": 10}})
    scenario["stop"] = {"max_rounds": 3000, "divergence_factor": 1e300}
    s1, rows1 = run(commsim, scenario, work, "nonfinite")
    bad = s1.get("non_finite_round")
    check(s1["status"] == "diverged" and bad is not None and s1["rounds"] == bad,
          f"non-finite: diverged at round {bad} ({s1['message']})")
    bad = s1["rounds"] if bad is None else bad
    for every in (1000, 7):
        s, rows = run(commsim, scenario, work, f"nonfinite{every}", [f"record.every={every}"])
        same_verdict(s, s1, f"non-finite, record.every {every}")
        check(s.get("non_finite_round") == bad, f"non-finite, every {every}: same non_finite_round")
        values = [float(v) for r in rows for k, v in r.items() if k != "full_sync"]
        check(all(math.isfinite(v) for v in values), f"non-finite, every {every}: rows.csv finite")
        last = rows[-1]
        check(last == rows1[-1] and int(last["round"]) == bad - 1,
              f"non-finite, every {every}: the last row is round {bad - 1}, as with every 1")
        check(s["final"]["grad_norm_sq"] == float(last["grad_norm_sq"])
              and s["final"]["loss"] == float(last["loss"]),
              f"non-finite, every {every}: summary.final is the last finite row")


def time_cases(commsim, work):
    year = ["network.topology.uplink.latency=31536000s", "stop.max_rounds=400", "stop.stall_rounds=0"]
    s, rows = run(commsim, MUSHROOMS, work, "year", year)
    round_s = float(rows[1]["time_s"]) - float(rows[0]["time_s"])
    expected = int(INT64_NS_SECONDS // round_s)
    check(s["status"] == "max_time" and s["rounds"] == expected,
          f"1-year latency: max_time after {s['rounds']} rounds, int64 ns hold {expected}")
    check("simulated time overflow" in s["message"] and "292 years" in s["message"],
          f"1-year latency: the message says what happened ({s['message']})")
    s, _ = run(commsim, MUSHROOMS, work, "slow", ["network.topology.uplink.bandwidth=1e-9bps"])
    check(s["rounds"] == 0 and s["message"].startswith("simulated time overflow in round 1"),
          f"1e-9 bps: overflow in round 1 ({s['message']})")
    s, _ = run(commsim, MUSHROOMS, work, "slow_limit",
               ["network.topology.uplink.bandwidth=1e-9bps", "stop.max_time=1e6s"])
    check(s["message"] == "simulated time limit 1000000 s reached",
          f"1e-9 bps under max_time: the user's limit is named ({s['message']})")
    s, _ = run(commsim, MUSHROOMS, work, "limit", year + ["stop.max_time=1e9s"])
    check(s["status"] == "max_time" and s["message"] == "simulated time limit 1000000000 s reached"
          and s["rounds"] == int(1e9 // round_s), f"user limit first: {s['message']}")


def main():
    commsim = sys.argv[1]
    with tempfile.TemporaryDirectory() as work:
        stall_cases(commsim, work)
        non_finite_case(commsim, work)
        time_cases(commsim, work)
    if failures:
        sys.exit(f"{len(failures)} failure(s)")


if __name__ == "__main__":
    main()
