#!/usr/bin/env python3
"""Determinism and numerical safety of `commsim run`, end to end.

- The same scenario and seed give byte-identical platform.csv, rounds.csv, messages.csv,
  scenario.json and summary.json (wall-clock fields excluded) across repeated runs, and across
  every commsim binary given (CI passes a Debug and a Release build of the same compiler).
- A too-large stepsize ends the run with status "diverged", exit code 0, and no NaN or Inf in
  rounds.csv or summary.json.

usage: determinism_test.py COMMSIM [OTHER_COMMSIM...]"""
import json
import math
import os
import subprocess
import sys
import tempfile

# Exercises every random stream: RandK draws, MARINA's coin, jittered compute, stragglers, a
# max-min shared network; messages on so that every transfer's timing is compared too.
SCENARIO = {
    "name": "determinism", "seed": 11,
    "problem": {"type": "sigmoid_squared", "data": {"synthetic": {"samples": 300, "features": 30, "density": 0.5}},
                "split": "shuffled"},
    "workers": {"count": 6, "speed": {"distribution": "log_uniform", "min": "1GFlops", "max": "4GFlops"},
                "jitter": {"distribution": "lognormal", "sigma": 0.2},
                "stragglers": {"fraction": 0.34, "slowdown": 3, "redraw": "every_round"}},
    "network": {"topology": {"kind": "star", "uplink": {"bandwidth": "5Mbps", "latency": "2ms"},
                             "server_in": {"bandwidth": "12Mbps", "latency": "0"}}, "model": "maxmin"},
    "algorithm": {"name": "marina", "compressor": {"name": "randk", "k": 3}},
    "stop": {"max_rounds": 60, "report_eps": [1e-3]},
    "record": {"every": 1, "messages": True, "per_worker_bits": True},
}
WALL_CLOCK = {"wall_seconds"}
FILES = ("scenario.json", "platform.csv", "rounds.csv", "messages.csv", "summary.json")

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL", what)
    return cond


def run(commsim, scenario_path, out, expect=0):
    p = subprocess.run([commsim, "run", scenario_path, "--out", out, "--quiet"], capture_output=True, text=True)
    check(p.returncode == expect, f"{commsim} exit {p.returncode}, expected {expect}: {p.stderr.strip()}")
    return p


def outputs(out):
    result = {}
    for name in FILES:
        with open(os.path.join(out, name), "rb") as f:
            data = f.read()
        if name == "summary.json":
            doc = json.loads(data)
            for k in WALL_CLOCK:
                doc.pop(k, None)
            data = json.dumps(doc, sort_keys=True).encode()
        result[name] = data
    return result


def determinism(binaries, tmp):
    path = os.path.join(tmp, "det.json")
    with open(path, "w") as f:
        json.dump(SCENARIO, f)
    reference = None
    for b, commsim in enumerate(binaries):
        for repeat in range(2):
            out = os.path.join(tmp, f"det_{b}_{repeat}")
            run(commsim, path, out)
            got = outputs(out)
            if reference is None:
                reference = got
                rows = got["rounds.csv"].decode().splitlines()
                check(len(rows) == SCENARIO["stop"]["max_rounds"] + 2, f"reference run has {len(rows)} lines")
                check(len(got["messages.csv"].splitlines()) > 100, "reference run logged messages")
                continue
            for name in FILES:
                check(got[name] == reference[name], f"{name} of binary {b} run {repeat} is byte-identical to the first run")
    print(f"ok   determinism: {len(binaries)} binaries x 2 runs, identical {', '.join(FILES)}")


def divergence(commsim, tmp):
    scenario = {
        "name": "diverge", "seed": 1,
        "problem": {"type": "least_squares", "data": {"synthetic": {"samples": 100, "features": 5}}},
        "workers": {"count": 2},
        # 1e10 x the theory stepsize: the iterate grows by ~1e10 per round and overflows to
        # Inf within ~35 rounds; the divergence factor is raised so that overflow, not the
        # growth test, is what ends the run.
        "algorithm": {"name": "gd", "stepsize": {"theory_multiplier": 1e10}},
        "stop": {"max_rounds": 1000, "divergence_factor": 1e300},
        "record": {"every": 1},
    }
    path = os.path.join(tmp, "diverge.json")
    with open(path, "w") as f:
        json.dump(scenario, f)
    out = os.path.join(tmp, "diverge_out")
    run(commsim, path, out, expect=0)
    with open(os.path.join(out, "summary.json")) as f:
        text = f.read()
    summary = json.loads(text, parse_constant=lambda c: check(False, f"summary.json holds {c}"))
    check(summary["status"] == "diverged", f"status diverged (got {summary['status']}: {summary.get('message')})")
    check(summary["rounds"] < 1000, f"stopped early ({summary['rounds']} rounds)")
    with open(os.path.join(out, "rounds.csv")) as f:
        rows = f.read().splitlines()
    bad = [r for r in rows[1:] for v in r.split(",") if v.strip().lower() in ("nan", "-nan", "inf", "-inf", "+inf")]
    check(not bad, f"no NaN/Inf in rounds.csv (found {bad[:2]})")
    values = [float(v) for r in rows[1:] for v in r.split(",")]
    check(all(math.isfinite(v) for v in values), "every rounds.csv value is finite")
    check(len(rows) >= 3, f"rounds before the divergence were recorded ({len(rows) - 1} rows)")
    print(f"ok   divergence: status diverged after {summary['rounds']} rounds, {len(rows) - 1} finite rows")


def main():
    binaries = [os.path.abspath(b) for b in sys.argv[1:]]
    with tempfile.TemporaryDirectory(prefix="commsim_determinism_") as tmp:
        determinism(binaries, tmp)
        divergence(binaries[0], tmp)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
