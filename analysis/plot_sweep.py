#!/usr/bin/env python3
"""Figures over sweep axes, from a sweep's index.csv.

  plot_sweep.py SWEEP_DIR --x AXIS --y AXIS --out fig [--metric COL]          heatmap of a metric
  plot_sweep.py SWEEP_DIR --x AXIS --y AXIS --winner METHOD_AXIS --out fig    heatmap of the winner
  plot_sweep.py SWEEP_DIR --x AXIS --lines METHOD_AXIS --out fig [--metric COL]  metric vs x, a line per method

AXIS is an index.csv axis column (a scenario JSON path such as network.topology.uplink.bandwidth);
unit-bearing values ("10kbps", "5ms") are ordered numerically. The metric defaults to the
time-to-eps column of the smallest eps (time_to_eps_<eps>); runs that never reached eps count as
+inf (shown blank / "none"). Seeds (and any axis not named) are averaged: the mean over runs
that all reached eps, else +inf. With --winner, each cell shows the method with the smallest
metric. Writes fig.png and fig.pdf. Reads CSV only."""
import argparse
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sweep_csv  # noqa: E402


def fail(message):
    sys.exit(f"plot_sweep.py: error: {message}")


def aggregate(index, keys, metric):
    """{tuple(key values): mean metric (inf if any run did not reach it)}."""
    values = sweep_csv.numeric(index[metric]).fillna(math.inf)
    out = {}
    for key, group in index.assign(_m=values).groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        m = group["_m"]
        out[key] = math.inf if np.isinf(m).any() else float(m.mean())
    return out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("sweep_dir")
    p.add_argument("--out", required=True, help="output path without extension (writes .png and .pdf)")
    p.add_argument("--x", required=True, help="axis column for the x axis")
    p.add_argument("--y", help="axis column for the y axis (heatmap)")
    p.add_argument("--lines", help="axis column giving one line per value (line plot)")
    p.add_argument("--winner", help="method axis column: heatmap of the method with the smallest metric")
    p.add_argument("--metric", help="index.csv column (default: time_to_eps of the smallest eps)")
    p.add_argument("--title", default="")
    args = p.parse_args(argv)

    index = sweep_csv.read_index(args.sweep_dir)
    axes = sweep_csv.axis_columns(index)
    for name in (args.x, args.y, args.lines, args.winner):
        if name is not None and name not in axes:
            fail(f"{name}: not an axis of this sweep (axes: {', '.join(axes) or 'none'})")
    metric = args.metric or next(iter(sweep_csv.eps_columns(index, "time")), None)
    if metric is None or metric not in index.columns:
        fail(f"metric {metric!r} is not an index.csv column (columns: {', '.join(index.columns)})")
    if index.empty:
        fail("the sweep has no finished runs")

    xs = sweep_csv.ordered_values(index[args.x])
    fig, ax = plt.subplots(figsize=(7, 4.5))
    if args.y is None:
        series = args.lines
        keys = [args.x] + ([series] if series else [])
        agg = aggregate(index, keys, metric)
        for value in (list(dict.fromkeys(index[series])) if series else [None]):
            ys = [agg.get((x, value) if series else (x,), math.inf) for x in xs]
            label = sweep_csv.short_value(series, value) if series else metric
            ax.plot(range(len(xs)), [y if math.isfinite(y) else np.nan for y in ys], marker="o", label=label)
        ax.set_xticks(range(len(xs)))
        ax.set_xticklabels([sweep_csv.short_value(args.x, x) for x in xs])
        ax.set_yscale("log")
        ax.set_xlabel(args.x)
        ax.set_ylabel(metric)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    else:
        ys = sweep_csv.ordered_values(index[args.y])
        if args.winner:
            agg = aggregate(index, [args.x, args.y, args.winner], metric)
            methods = list(dict.fromkeys(index[args.winner]))
            grid = np.full((len(ys), len(xs)), np.nan)
            for i, y in enumerate(ys):
                for j, x in enumerate(xs):
                    scores = [(agg.get((x, y, m), math.inf), k) for k, m in enumerate(methods)]
                    best = min(scores)
                    if math.isfinite(best[0]):
                        grid[i, j] = best[1]
            cmap = plt.get_cmap("tab10", max(len(methods), 1))
            im = ax.imshow(grid, origin="lower", aspect="auto", cmap=cmap, vmin=-0.5, vmax=len(methods) - 0.5)
            bar = fig.colorbar(im, ax=ax, ticks=range(len(methods)))
            bar.ax.set_yticklabels([sweep_csv.short_value(args.winner, m) for m in methods], fontsize=7)
            bar.set_label(f"fastest by {metric}")
            for i in range(len(ys)):
                for j in range(len(xs)):
                    if np.isnan(grid[i, j]):
                        ax.text(j, i, "none", ha="center", va="center", fontsize=7)
        else:
            agg = aggregate(index, [args.x, args.y], metric)
            grid = np.array([[agg.get((x, y), math.inf) for x in xs] for y in ys], dtype=float)
            shown = np.where(np.isfinite(grid) & (grid > 0), grid, np.nan)
            finite = shown[np.isfinite(shown)]
            norm = matplotlib.colors.LogNorm(vmin=finite.min(), vmax=finite.max()) if finite.size and finite.min() > 0 else None
            im = ax.imshow(shown, origin="lower", aspect="auto", cmap="viridis", norm=norm)
            fig.colorbar(im, ax=ax).set_label(metric)
            for i in range(len(ys)):
                for j in range(len(xs)):
                    reached = np.isfinite(grid[i, j])
                    ax.text(j, i, f"{grid[i, j]:.3g}" if reached else "not reached", ha="center", va="center",
                            fontsize=7, color="w" if reached else "k")
        ax.set_xticks(range(len(xs)))
        ax.set_xticklabels([sweep_csv.short_value(args.x, x) for x in xs], fontsize=8)
        ax.set_yticks(range(len(ys)))
        ax.set_yticklabels([sweep_csv.short_value(args.y, y) for y in ys], fontsize=8)
        ax.set_xlabel(args.x)
        ax.set_ylabel(args.y)
    if args.title:
        ax.set_title(args.title)
    sweep_csv.save_figure(fig, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
