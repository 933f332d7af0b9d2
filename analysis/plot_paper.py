#!/usr/bin/env python3
"""Figures in the style of the MARINA paper (arXiv 2102.07845, §5): one line per run,
||grad f(x^k)||^2 on a log scale against #bits/n and against rounds (Fig. 1, MARINA vs DIANA),
or against #bits/n and epochs (Fig. 2, VR-MARINA vs VR-DIANA).

  plot_paper.py RUN_DIR... --out fig [--panels bits,rounds|bits,epochs|...]
                [--metric grad_norm_sq|mean_local_grad_norm_sq] [--labels a,b,...]
                [--samples N] [--title T] [--at-bits 4e5,1.28e6]

RUN_DIR is a `commsim run --out` directory; only its rounds.csv is read. Writes fig.png and
fig.pdf. Panels (x axes): bits = bits_up_per_worker (the paper's #bits/n), rounds = round,
epochs = grad_evals / N with N the samples used over all workers (n·m), time = time_s.
--metric mean_local_grad_norm_sq plots (1/n)Σ||grad f_i||^2, the quantity the authors' code
actually plots (it levels off at the heterogeneity floor). Labels default to the run folder's
name with its data-set prefix removed (mushrooms_marina_k1 -> marina_k1).

Epochs need N: --samples N, or the run folder name starting with one of the paper's data sets
(mushrooms, a9a, w8a, phishing; N after the contiguous split of n = 5, paper_spec.md §5.1).
--at-bits prints, for each run, the metric at the last recorded row within each bit budget.
"""
import argparse
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

# Samples used by n = 5 contiguous shards (⌊N/5⌋·5), for epochs without --samples.
PAPER_SAMPLES = {"mushrooms": 8120, "a9a": 32560, "w8a": 49745, "phishing": 11055}

PANELS = {
    "bits": ("bits_up_per_worker", "#bits/n"),
    "rounds": ("round", "rounds"),
    "epochs": (None, "epochs"),
    "time": ("time_s", "simulated time (s)"),
}
METRICS = {
    "grad_norm_sq": r"$\Vert\nabla f(x^k)\Vert^2$",
    "mean_local_grad_norm_sq": r"$\frac{1}{n}\sum_i \Vert\nabla f_i(x^k)\Vert^2$",
}
# The paper draws MARINA-type methods warm and DIANA-type cool; unknown methods cycle.
STYLES = [("vr_marina", "tab:red", "-"), ("marina", "tab:orange", "-"), ("vr_diana", "tab:blue", "--"),
          ("diana", "tab:cyan", "--"), ("gd", "black", ":")]


def fail(message):
    sys.exit(f"plot_paper.py: error: {message}")


def dataset_of(name):
    for ds in PAPER_SAMPLES:
        if name == ds or name.startswith(ds + "_"):
            return ds
    return None


def default_label(name):
    ds = dataset_of(name)
    return name[len(ds) + 1:] if ds and len(name) > len(ds) else name


def style_of(label):
    for key, color, dash in STYLES:
        if key in label:
            return {"color": color, "linestyle": dash}
    return {}


def load(run_dir):
    path = os.path.join(run_dir, "rounds.csv")
    if not os.path.exists(path):
        fail(f"{run_dir}: no rounds.csv (give directories written by `commsim run --out`)")
    trace = pd.read_csv(path)
    for col in ("round", "bits_up_per_worker", "grad_norm_sq", "grad_evals"):
        if col not in trace.columns:
            fail(f"{path}: column '{col}' is missing")
    return trace


def epochs(trace, name, samples):
    if samples is None:
        ds = dataset_of(name)
        if ds is None:
            fail(f"{name}: epochs need --samples N (samples over all workers), or a run folder named after a paper data set")
        samples = PAPER_SAMPLES[ds]
    return trace["grad_evals"] / float(samples)


def value_at_bits(trace, metric, budget):
    """The metric at the last recorded row whose bits_up_per_worker is within the budget."""
    within = trace[trace["bits_up_per_worker"] <= budget]
    return float(within[metric].iloc[-1]) if len(within) else float("nan")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", nargs="+", help="run directories (each with rounds.csv)")
    parser.add_argument("--out", required=True, help="output path without extension (.png and .pdf are written)")
    parser.add_argument("--panels", default="bits,rounds", help="comma list of bits, rounds, epochs, time")
    parser.add_argument("--metric", default="grad_norm_sq", choices=sorted(METRICS))
    parser.add_argument("--labels", help="comma list, one per run")
    parser.add_argument("--samples", type=float, help="samples over all workers (n·m), for epochs")
    parser.add_argument("--title", help="figure title (default: the common data set, if any)")
    parser.add_argument("--at-bits", help="comma list of #bits/n budgets: print the metric within each")
    args = parser.parse_args(argv)

    panels = [p.strip() for p in args.panels.split(",") if p.strip()]
    for p in panels:
        if p not in PANELS:
            fail(f"--panels: unknown panel '{p}' (use {', '.join(PANELS)})")
    names = [os.path.basename(os.path.abspath(r)) for r in args.runs]
    labels = [default_label(n) for n in names]
    if args.labels:
        labels = [s.strip() for s in args.labels.split(",")]
        if len(labels) != len(args.runs):
            fail(f"--labels has {len(labels)} entries for {len(args.runs)} runs")
    traces = [load(r) for r in args.runs]

    fig, axes = plt.subplots(1, len(panels), figsize=(5.2 * len(panels), 4.0), squeeze=False)
    for ax, panel in zip(axes[0], panels):
        column, xlabel = PANELS[panel]
        for trace, name, label in zip(traces, names, labels):
            x = epochs(trace, name, args.samples) if panel == "epochs" else trace[column]
            ax.plot(x, trace[args.metric], label=label, linewidth=1.4, **style_of(label))
        ax.set_yscale("log")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(METRICS[args.metric])
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    datasets = {dataset_of(n) for n in names}
    title = args.title or (next(iter(datasets)) if len(datasets) == 1 and None not in datasets else None)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    for ext in ("png", "pdf"):
        fig.savefig(f"{args.out}.{ext}", dpi=130)
    print(f"wrote {args.out}.png and {args.out}.pdf")

    if args.at_bits:
        budgets = [float(b) for b in args.at_bits.split(",")]
        print("run," + ",".join(f"at_{b:g}" for b in budgets) + ",final_bits_per_worker,final")
        for trace, label in zip(traces, labels):
            cells = [f"{value_at_bits(trace, args.metric, b):.4g}" for b in budgets]
            last = trace.iloc[-1]
            print(f"{label}," + ",".join(cells) + f",{last['bits_up_per_worker']:.4g},{last[args.metric]:.4g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
