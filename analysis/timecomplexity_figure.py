#!/usr/bin/env python3
"""Regenerates the time-complexity figure in one command:

  python3 analysis/timecomplexity_figure.py [--network] [--commsim build/commsim] [--out DIR] [--jobs 2]

Runs (or resumes) scenarios/sweeps/time_vs_workers.json (or, with --network,
time_vs_workers_network.json) into OUT, then writes OUT_time_to_eps.{png,pdf}: simulated time to
||grad f||^2 <= 1e-3 against the number of workers n, one line per method (one panel per network
model with --network), and prints the table the README quotes. Workers are added slowest last
(tau_i = sqrt(i)), so a method that waits for everyone slows down as n grows. Reads CSV only."""
import argparse
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)


def load(out_dir, metric):
    """{panel: {method: {n: time}}} from index.csv (inf: never reached eps)."""
    import pandas as pd

    import sweep_csv

    index = pd.read_csv(os.path.join(out_dir, "index.csv"))
    panels = {}
    for _, row in index.iterrows():
        panel = str(row["network.model"]) if "network.model" in index.columns else "ideal"
        method = sweep_csv.method_label(row["algorithm"])
        t = pd.to_numeric(row[metric], errors="coerce")
        panels.setdefault(panel, {}).setdefault(method, {})[int(row["workers.count"])] = (
            math.inf if pd.isna(t) else float(t))
    return panels


def print_table(panels):
    ns = sorted({n for methods in panels.values() for c in methods.values() for n in c})
    print("time to eps [s]".ljust(34) + "".join(f"n={n}".rjust(11) for n in ns))
    for panel, methods in panels.items():
        for method, cells in methods.items():
            print(f"{panel} {method}".ljust(34) + "".join(
                ("never" if math.isinf(cells.get(n, math.inf)) else f"{cells[n]:.4g}").rjust(11)
                for n in ns))


def plot(panels, out, title):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(panels), figsize=(6 * len(panels), 4.5), squeeze=False)
    markers = "osD^v<>"
    for ax, (panel, methods) in zip(axes[0], panels.items()):
        for j, (method, cells) in enumerate(methods.items()):
            ns = sorted(n for n in cells if not math.isinf(cells[n]))
            ax.plot(ns, [cells[n] for n in ns], marker=markers[j % len(markers)], label=method)
            missed = [n for n in cells if math.isinf(cells[n])]
            if missed:
                ax.plot([], [], " ", label=f"{method}: never reached eps at n = "
                        + ", ".join(map(str, sorted(missed))))
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("workers n (worker i: tau_i = sqrt(i) s per gradient)")
        ax.set_ylabel("simulated time to ||grad f(x)||^2 <= 1e-3 [s]")
        ax.set_title(f"{title} ({panel})" if len(panels) > 1 else title)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    for ext in ("png", "pdf"):
        fig.savefig(f"{out}.{ext}")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--network", action="store_true", help="the scenario over a real network")
    p.add_argument("--commsim", default=os.path.join(ROOT, "build", "commsim"))
    p.add_argument("--out", default=None)
    p.add_argument("--jobs", default="2")
    args = p.parse_args(argv)
    name = "time_vs_workers_network" if args.network else "time_vs_workers"
    out = (args.out or os.path.join("sweeps", name)).rstrip("/")
    sweep = os.path.join(ROOT, "scenarios", "sweeps", name + ".json")
    subprocess.run([args.commsim, "sweep", sweep, "--out", out, "--jobs", args.jobs], check=True)
    metric = "time_to_eps_0.001"
    panels = load(out, metric)
    plot(panels, out + "_time_to_eps", "time to eps vs n, quadratic d = 1000, sigma^2 = 0.01")
    print_table(panels)
    return 0


if __name__ == "__main__":
    sys.exit(main())
