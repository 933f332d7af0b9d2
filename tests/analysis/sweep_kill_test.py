#!/usr/bin/env python3
"""Kills `commsim sweep --jobs 2` with SIGKILL at several moments (and once with SIGINT), resumes
it each time, and checks that the final sweep directory equals an uninterrupted run: the same
index.csv byte for byte, the same rounds.csv per run, no leftover temporary directory, no
duplicate or missing run.

usage: sweep_kill_test.py COMMSIM"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

SWEEP = {
    "base": {
        "name": "kill", "seed": 1,
        "problem": {"type": "sigmoid_squared",
                    "data": {"synthetic": {"samples": 2000, "features": 50, "density": 0.2, "seed": 7}}},
        "workers": {"count": 5},
        "algorithm": {"name": "gd", "stepsize": "theory"},
        "stop": {"max_rounds": 400, "report_eps": [1e-3]},
    },
    "grid": {"network.topology.uplink.bandwidth": ["1Mbps", "10Mbps", "100Mbps"]},
    "seeds": {"count": 4},
}


def read(path):
    with open(path, "rb") as f:
        return f.read()


def main():
    commsim = os.path.abspath(sys.argv[1])
    failures = []
    with tempfile.TemporaryDirectory(prefix="commsim_kill_test_") as tmp:
        sweep_file = os.path.join(tmp, "kill.json")
        with open(sweep_file, "w") as f:
            json.dump(SWEEP, f)
        ref, out = os.path.join(tmp, "ref"), os.path.join(tmp, "out")
        t0 = time.monotonic()
        subprocess.run([commsim, "sweep", sweep_file, "--out", ref, "--quiet"], check=True, timeout=120)
        full = time.monotonic() - t0
        # Kill at fractions of a full (single-job) sweep, so every phase gets hit: validation,
        # the first runs, runs mid-write, index rewrites.
        for k, fraction in enumerate([0.05, 0.15, 0.3, 0.45, 0.6]):
            proc = subprocess.Popen([commsim, "sweep", sweep_file, "--out", out, "--jobs", "2", "--quiet"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(full * fraction)
            proc.send_signal(signal.SIGINT if k == 2 else signal.SIGKILL)
            code = proc.wait(timeout=60)
            runs_dir = os.path.join(out, "runs")
            state = sorted(os.listdir(runs_dir)) if os.path.isdir(runs_dir) else []
            print(f"after {'SIGINT' if k == 2 else 'SIGKILL'} at {fraction:.0%} of a sweep (exit {code}): {state}")
            if k == 2 and code not in (0, 130):
                failures.append(f"SIGINT: exit code {code}, expected 130 (or 0 if it had finished)")
        subprocess.run([commsim, "sweep", sweep_file, "--out", out, "--jobs", "2", "--quiet"], check=True, timeout=120)
        if read(os.path.join(out, "index.csv")) != read(os.path.join(ref, "index.csv")):
            failures.append("index.csv after kills and resume differs from the uninterrupted sweep")
        runs = sorted(os.listdir(os.path.join(out, "runs")))
        expected = sorted(os.listdir(os.path.join(ref, "runs")))
        if runs != expected or len(runs) != 12:
            failures.append(f"runs/ holds {runs}, expected {expected}")
        for r in expected:
            if os.path.exists(os.path.join(out, "runs", r, "rounds.csv")) and \
                    read(os.path.join(out, "runs", r, "rounds.csv")) != read(os.path.join(ref, "runs", r, "rounds.csv")):
                failures.append(f"run {r}: rounds.csv differs")
        timing = read(os.path.join(out, "timing.csv")).decode().splitlines()
        if len(timing) != 13:
            failures.append(f"timing.csv has {len(timing)} lines, expected 13")
    for f in failures:
        print("FAIL", f)
    print("ok" if not failures else f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
