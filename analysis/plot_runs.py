#!/usr/bin/env python3
"""Convergence curves from rounds.csv: ||grad f||^2 (or f) against uplink bits per worker,
simulated time or rounds, on a log scale.

  plot_runs.py RUN_OR_SWEEP_DIR... --out fig [--x bits|time|rounds] [--y grad_norm_sq|loss]
               [--per run|group]

A run directory holds rounds.csv; a sweep directory holds index.csv and runs/<id>/rounds.csv.
With --per group (the default for sweeps) the runs of a sweep that differ only by seed form one
line: the median over seeds, with a band from the minimum to the maximum, on a common x grid.
Writes fig.png and fig.pdf. Reads CSV only."""
import argparse
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sweep_csv  # noqa: E402

X_COLUMNS = {"bits": ("bits_up_per_worker", "uplink bits per worker"),
             "time": ("time_s", "simulated time (s)"),
             "rounds": ("round", "rounds")}
Y_LABELS = {"grad_norm_sq": r"$\|\nabla f(x^k)\|^2$", "loss": r"$f(x^k)$"}


def collect(dirs):
    """(label, group, trace DataFrame) for every run under the given directories."""
    runs = []
    for d in dirs:
        if os.path.exists(os.path.join(d, "index.csv")):
            index = sweep_csv.read_index(d)
            axes = sweep_csv.axis_columns(index)
            for _, row in index.iterrows():
                group = " ".join(f"{sweep_csv.short_value(a, row[a])}" if a.startswith("algorithm")
                                 else f"{a.split('.')[-1]}={row[a]}" for a in axes) or os.path.basename(d.rstrip("/"))
                trace = pd.read_csv(os.path.join(d, "runs", row["id"], "rounds.csv"))
                runs.append((f"{group} [{row['id']}]", group, trace))
        elif os.path.exists(os.path.join(d, "rounds.csv")):
            name = os.path.basename(os.path.abspath(d))
            runs.append((name, name, pd.read_csv(os.path.join(d, "rounds.csv"))))
        else:
            sys.exit(f"plot_runs.py: error: {d}: neither a run directory (rounds.csv) nor a sweep directory (index.csv)")
    return runs


def plot(runs, x, y, per, ax):
    xcol = X_COLUMNS[x][0]
    if per == "run":
        for label, _, t in runs:
            ax.plot(t[xcol], t[y], label=label, linewidth=1)
        return
    groups = {}
    for _, group, t in runs:
        groups.setdefault(group, []).append(t)
    for group, traces in groups.items():
        if len(traces) == 1:
            ax.plot(traces[0][xcol], traces[0][y], label=group, linewidth=1.2)
            continue
        # A common grid over the range every seed covers; log-interpolate y (it spans decades).
        lo = max(t[xcol].min() for t in traces)
        hi = min(t[xcol].max() for t in traces)
        if not hi > lo:
            for t in traces:
                ax.plot(t[xcol], t[y], linewidth=1)
            continue
        grid = np.linspace(lo, hi, 200)
        ys = np.array([np.exp(np.interp(grid, t[xcol], np.log(np.maximum(t[y].to_numpy(float), 1e-300))))
                       for t in traces])
        line, = ax.plot(grid, np.median(ys, axis=0), label=f"{group} ({len(traces)} seeds)", linewidth=1.2)
        ax.fill_between(grid, ys.min(axis=0), ys.max(axis=0), color=line.get_color(), alpha=0.2, linewidth=0)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("dirs", nargs="+", help="run or sweep directories")
    p.add_argument("--out", required=True, help="output path without extension (writes .png and .pdf)")
    p.add_argument("--x", choices=sorted(X_COLUMNS), default="bits")
    p.add_argument("--y", choices=sorted(Y_LABELS), default="grad_norm_sq")
    p.add_argument("--per", choices=["run", "group"], default="group",
                   help="one line per run, or per group of runs differing only by seed (median, min-max band)")
    p.add_argument("--title", default="")
    args = p.parse_args(argv)
    runs = collect(args.dirs)
    if not runs:
        sys.exit("plot_runs.py: error: no finished runs found")
    xcol = X_COLUMNS[args.x][0]
    if args.x != "rounds":  # a log x axis: the starting point (0 bits, 0 s) has no place on it
        runs = [(label, group, t[t[xcol] > 0]) for label, group, t in runs]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    plot(runs, args.x, args.y, args.per, ax)
    ax.set_yscale("log")
    if args.x != "rounds":
        ax.set_xscale("log")
    ax.set_xlabel(X_COLUMNS[args.x][1])
    ax.set_ylabel(Y_LABELS[args.y])
    if args.title:
        ax.set_title(args.title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, loc="best")
    sweep_csv.save_figure(fig, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
