#!/usr/bin/env python3
"""Two `commsim sweep` on one --out, started 0 to 0.2 s apart: exactly one runs, the other is
refused with one line naming the first one's pid (exit 2), and the index equals an
uninterrupted sweep's. Then a finished run whose rounds.csv was deleted is redone by a resume
(it used to stay in index.csv without its rounds).

usage: sweep_concurrent_test.py COMMSIM"""
import json
import os
import subprocess
import sys
import tempfile
import time

SWEEP = {
    "base": {
        "name": "concurrent", "seed": 1,
        "problem": {"type": "least_squares", "data": {"synthetic": {"samples": 400, "features": 20, "seed": 7}}},
        "workers": {"count": 2},
        "algorithm": {"name": "gd"},
        "stop": {"max_rounds": 100000, "report_eps": [1e-3]},
    },
    "grid": {"network.topology.uplink.bandwidth": ["1Mbps", "10Mbps"]},
    "seeds": {"count": 2},
}


def read(path):
    with open(path, "rb") as f:
        return f.read()


def main():
    commsim = os.path.abspath(sys.argv[1])
    failures = []
    with tempfile.TemporaryDirectory(prefix="commsim_concurrent_test_") as tmp:
        sweep_file = os.path.join(tmp, "s.json")
        with open(sweep_file, "w") as f:
            json.dump(SWEEP, f)
        ref = os.path.join(tmp, "ref")
        sweep = lambda d: [commsim, "sweep", sweep_file, "--out", d, "--quiet"]
        subprocess.run(sweep(ref), check=True)
        for k, offset in enumerate([0.0, 0.02, 0.05, 0.1, 0.2]):
            out = os.path.join(tmp, f"out{k}")
            first = subprocess.Popen(sweep(out), stderr=subprocess.PIPE, text=True)
            time.sleep(offset)
            second = subprocess.Popen(sweep(out), stderr=subprocess.PIPE, text=True)
            results = [(p, p.wait(timeout=120), p.stderr.read()) for p in (first, second)]
            ok = [r for r in results if r[1] == 0]
            refused = [r for r in results if r[1] != 0]
            if len(ok) != 1 or len(refused) != 1:
                failures.append(f"offset {offset}: exits {[r[1] for r in results]}, expected one 0 and one 2")
                continue
            winner, (_, code, err) = ok[0][0], refused[0]
            expected = f"commsim: error: --out {out}: another commsim (pid {winner.pid}) is writing this sweep directory"
            if code != 2 or len(err.splitlines()) != 1 or not err.startswith(expected):
                failures.append(f"offset {offset}: refused with exit {code}: {err!r}, expected {expected!r}")
            if read(os.path.join(out, "index.csv")) != read(os.path.join(ref, "index.csv")):
                failures.append(f"offset {offset}: index.csv differs from a single sweep's")
        # A run missing an output is not finished: the resume redoes it.
        out = os.path.join(tmp, "out0")
        os.remove(os.path.join(out, "runs", "0002", "rounds.csv"))
        subprocess.run(sweep(out), check=True)
        for f in ("rounds.csv", "summary.json"):
            if not os.path.exists(os.path.join(out, "runs", "0002", f)):
                failures.append(f"run 0002 without rounds.csv was not redone ({f} missing)")
        if read(os.path.join(out, "runs", "0002", "rounds.csv")) != read(os.path.join(ref, "runs", "0002", "rounds.csv")):
            failures.append("run 0002's redone rounds.csv differs")
        if read(os.path.join(out, "index.csv")) != read(os.path.join(ref, "index.csv")):
            failures.append("index.csv after redoing 0002 differs")
        # The same for the file that says whether messages.csv is expected (read, not only seen).
        os.remove(os.path.join(out, "runs", "0001", "scenario.json"))
        subprocess.run(sweep(out), check=True)
        if read(os.path.join(out, "runs", "0001", "scenario.json")) != read(os.path.join(ref, "runs", "0001", "scenario.json")):
            failures.append("run 0001 without scenario.json was not redone identically")
        if read(os.path.join(out, "index.csv")) != read(os.path.join(ref, "index.csv")):
            failures.append("index.csv after redoing 0001 differs")
    for f in failures:
        print("FAIL", f)
    print("ok" if not failures else f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
