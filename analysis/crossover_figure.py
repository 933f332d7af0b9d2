#!/usr/bin/env python3
"""Regenerates the GD-vs-MARINA crossover figure in one command:

  python3 analysis/crossover_figure.py [--commsim build/commsim] [--out sweeps/crossover] [--jobs 2]

Runs (or resumes) scenarios/sweeps/crossover.json into OUT, then writes
OUT_time_to_eps.{png,pdf} (time to ||grad f||^2 <= 1e-4 against uplink bandwidth, a line per
method, means over seeds) and OUT_curves.{png,pdf} (||grad f||^2 against simulated time).
The plots read CSV only."""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--commsim", default=os.path.join(ROOT, "build", "commsim"))
    p.add_argument("--out", default="sweeps/crossover")
    p.add_argument("--jobs", default="2")
    args = p.parse_args(argv)
    sweep = os.path.join(ROOT, "scenarios", "sweeps", "crossover.json")
    subprocess.run([args.commsim, "sweep", sweep, "--out", args.out, "--jobs", args.jobs], check=True)
    py = sys.executable
    out = args.out.rstrip("/")
    subprocess.run([py, os.path.join(HERE, "plot_sweep.py"), out, "--x", "network.topology.uplink.bandwidth",
                    "--lines", "algorithm", "--metric", "time_to_eps_0.0001", "--out", out + "_time_to_eps",
                    "--title", "time to ||grad f||^2 <= 1e-4: GD vs MARINA (RandK k=10), n = 20, d = 201"], check=True)
    subprocess.run([py, os.path.join(HERE, "plot_runs.py"), out, "--x", "time", "--out", out + "_curves"], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
