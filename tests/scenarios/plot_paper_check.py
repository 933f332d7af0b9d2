#!/usr/bin/env python3
"""ctest driver for analysis/plot_paper.py and scenarios/paper/generate.py.

Writes two small run folders whose rounds.csv follow known closed forms, plots them, and checks
the files written, the --at-bits table against a direct computation, and the error paths. Then
checks that scenarios/paper/*.json are exactly what generate.py writes."""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PLOT = os.path.join(ROOT, "analysis", "plot_paper.py")
GENERATE = os.path.join(ROOT, "scenarios", "paper", "generate.py")
COLUMNS = ["round", "time_s", "bits_up", "bits_down", "bits_up_per_worker", "grad_norm_sq", "loss", "grad_evals",
           "participants", "full_sync", "mean_local_grad_norm_sq", "compute_time_s", "comm_time_s"]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print(f"FAIL: {what}")


def write_run(folder, bits_per_round, rate, n=5, m=1624):
    """grad_norm_sq = 0.08 * rate^k and bits/n = bits_per_round * k, every 10 rounds."""
    os.makedirs(folder)
    with open(os.path.join(folder, "rounds.csv"), "w") as f:
        f.write(",".join(COLUMNS) + "\n")
        for k in range(0, 1001, 10):
            g = 0.08 * rate ** k
            row = [k, k * 1e-3, n * bits_per_round * k, 0, bits_per_round * k, g, 0.25, n * m * k, n, 0, 10 * g, 0, 0]
            f.write(",".join(repr(v) for v in row) + "\n")


def run(*args):
    return subprocess.run([sys.executable, PLOT, *args], capture_output=True, text=True)


with tempfile.TemporaryDirectory() as tmp:
    fast = os.path.join(tmp, "mushrooms_marina_k1")
    slow = os.path.join(tmp, "mushrooms_diana_k1")
    write_run(fast, 64.0, 0.995)
    write_run(slow, 32.0, 0.9999)
    out = os.path.join(tmp, "fig")
    r = run(fast, slow, "--out", out, "--panels", "bits,rounds,epochs", "--at-bits", "6400,20000")
    check(r.returncode == 0, f"plot_paper.py exits 0 (stderr: {r.stderr.strip()})")
    for ext in ("png", "pdf"):
        path = f"{out}.{ext}"
        check(os.path.exists(path) and os.path.getsize(path) > 1000, f"{path} written")
    lines = [line for line in r.stdout.splitlines() if line.startswith(("marina_k1,", "diana_k1,"))]
    check(len(lines) == 2, "one --at-bits row per run, labelled without the data-set prefix")
    # Budget 6400 bits/n: the fast run (64 bits/round) is at round 100, the slow one (32) at 200.
    expected = {"marina_k1": (0.08 * 0.995 ** 100, 0.08 * 0.995 ** 310),
                "diana_k1": (0.08 * 0.9999 ** 200, 0.08 * 0.9999 ** 620)}
    for line in lines:
        cells = line.split(",")
        want = expected[cells[0]]
        check(abs(float(cells[1]) / want[0] - 1) < 1e-3, f"{cells[0]} at 6400 bits/n: {cells[1]} vs {want[0]:.4g}")
        check(abs(float(cells[2]) / want[1] - 1) < 1e-3, f"{cells[0]} at 20000 bits/n: {cells[2]} vs {want[1]:.4g}")
    r = run(fast, "--out", os.path.join(tmp, "local"), "--metric", "mean_local_grad_norm_sq", "--at-bits", "6400")
    row = [line for line in r.stdout.splitlines() if line.startswith("marina_k1,")]
    check(r.returncode == 0 and row and abs(float(row[0].split(",")[1]) / (0.8 * 0.995 ** 100) - 1) < 1e-3,
          "--metric mean_local_grad_norm_sq reads that column")
    # Errors: one line, non-zero exit.
    r = run(os.path.join(tmp, "missing"), "--out", os.path.join(tmp, "x"))
    check(r.returncode != 0 and "no rounds.csv" in r.stderr and len(r.stderr.strip().splitlines()) == 1,
          "a folder without rounds.csv is one clear error")
    other = os.path.join(tmp, "run_a")
    write_run(other, 64.0, 0.99)
    r = run(other, "--out", os.path.join(tmp, "y"), "--panels", "epochs")
    check(r.returncode != 0 and "--samples" in r.stderr, "epochs of an unnamed run ask for --samples")
    r = run(other, "--out", os.path.join(tmp, "y"), "--panels", "epochs", "--samples", "8120")
    check(r.returncode == 0, "epochs with --samples")
    r = run(fast, slow, "--out", os.path.join(tmp, "z"), "--labels", "only_one")
    check(r.returncode != 0 and "--labels" in r.stderr, "--labels count mismatch is an error")

r = subprocess.run([sys.executable, GENERATE, "--check"], capture_output=True, text=True)
check(r.returncode == 0, f"scenarios/paper is what generate.py writes ({r.stderr.strip()})")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("plot_paper.py and generate.py: all checks passed")
