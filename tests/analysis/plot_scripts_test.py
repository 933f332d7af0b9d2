#!/usr/bin/env python3
"""Runs a tiny sweep through the commsim CLI (--jobs 2 and --jobs 1 must give the same
index.csv), then every plotting mode of analysis/plot_runs.py and analysis/plot_sweep.py on it,
and checks that each writes a non-empty PNG and PDF. Also checks `commsim compare --csv`.

usage: plot_scripts_test.py COMMSIM"""
import io
import json
import os
import subprocess
import sys
import tempfile

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ANALYSIS = os.path.join(HERE, "..", "..", "analysis")

SWEEP = {
    "seed": 3,
    "base": {
        "name": "tiny_plot", "seed": 1,
        "problem": {"type": "least_squares", "data": {"synthetic": {"samples": 60, "features": 6, "seed": 3}},
                    "lambda": 0.1},
        "workers": {"count": 3, "speed": "1MFlops"},
        "network": {"topology": {"kind": "star", "uplink": {"bandwidth": "1Mbps", "latency": "1ms"}}},
        "algorithm": {"name": "gd", "stepsize": "theory"},
        "stop": {"max_rounds": 60, "report_eps": [1e-2]},
    },
    "grid": {"network.topology.uplink.bandwidth": ["100kbps", "1Mbps"],
             "network.topology.uplink.latency": ["1ms", "10ms"]},
    "zip": {"algorithm": [{"name": "gd", "stepsize": "theory"},
                          {"name": "marina", "stepsize": "theory", "compressor": {"name": "randk", "k": 2}}]},
    "seeds": {"count": 2},
}


def run(args, **kw):
    proc = subprocess.run(args, capture_output=True, text=True, timeout=120, **kw)
    if proc.returncode != 0:
        raise SystemExit(f"FAIL: {' '.join(args)} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


def check_images(prefix, failures):
    for ext in ("png", "pdf"):
        path = f"{prefix}.{ext}"
        if not os.path.exists(path) or os.path.getsize(path) < 1000:
            failures.append(f"{path} missing or too small")


def main():
    commsim = os.path.abspath(sys.argv[1])
    failures = []
    with tempfile.TemporaryDirectory(prefix="commsim_plot_test_") as tmp:
        sweep_file = os.path.join(tmp, "tiny.json")
        with open(sweep_file, "w") as f:
            json.dump(SWEEP, f)
        a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
        run([commsim, "sweep", sweep_file, "--out", a, "--jobs", "2", "--quiet"])
        run([commsim, "sweep", sweep_file, "--out", b, "--jobs", "1", "--quiet"])
        index_a = open(os.path.join(a, "index.csv")).read()
        if index_a != open(os.path.join(b, "index.csv")).read():
            failures.append("index.csv differs between --jobs 2 and --jobs 1")
        index = pd.read_csv(os.path.join(a, "index.csv"))
        if len(index) != 16 or set(index["status"]) - {"max_rounds", "converged"}:
            failures.append(f"index.csv: expected 16 finished rows, got {len(index)} ({set(index['status'])})")

        # One script run as a program (its command line), the rest in-process (matplotlib loads once).
        run([sys.executable, os.path.join(ANALYSIS, "plot_runs.py"), a, "--x", "bits", "--out", os.path.join(tmp, "cli")])
        check_images(os.path.join(tmp, "cli"), failures)
        sys.path.insert(0, ANALYSIS)
        import plot_runs
        import plot_sweep
        plots = {
            "runs_time_per_run": (plot_runs, [a, "--x", "time", "--per", "run"]),
            "runs_rounds_loss": (plot_runs, [os.path.join(a, "runs", "0000"), os.path.join(a, "runs", "0001"),
                                             "--x", "rounds", "--y", "loss"]),
            "heatmap": (plot_sweep, [a, "--x", "network.topology.uplink.bandwidth",
                                     "--y", "network.topology.uplink.latency", "--metric", "time_s"]),
            "winner": (plot_sweep, [a, "--x", "network.topology.uplink.bandwidth",
                                    "--y", "network.topology.uplink.latency", "--winner", "algorithm"]),
            "lines": (plot_sweep, [a, "--x", "network.topology.uplink.bandwidth", "--lines", "algorithm"]),
        }
        for name, (module, args) in plots.items():
            prefix = os.path.join(tmp, name)
            if module.main(args + ["--out", prefix]) != 0:
                failures.append(f"{name}: non-zero exit")
            check_images(prefix, failures)

        table = pd.read_csv(io.StringIO(run([commsim, "compare", a, "--csv"])))
        # Four settings (bandwidth x latency) x two methods, two seeds each.
        if len(table) != 8 or set(table["runs"]) != {2} or set(table["method"]) != {"gd", "marina+randk(k=2)"}:
            failures.append(f"compare --csv: unexpected table\n{table}")
        print(run([commsim, "compare", a]))
    for f in failures:
        print("FAIL", f)
    print("ok" if not failures else f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
