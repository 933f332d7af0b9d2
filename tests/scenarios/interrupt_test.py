#!/usr/bin/env python3
"""End-to-end output guarantees of `commsim run`:
- SIGINT (and SIGTERM, and SIGHUP: a closed terminal or ssh session) during a run: exit code 130, rounds.csv and messages.csv complete (header,
  whole rows, newline-terminated, no `.tmp` left) and summary.json with status "interrupted";
- an existing non-empty output directory is refused without --force (exit 2, files untouched),
  and overwritten with it;
- SIGINT while a sweep of many runs is being validated (before any run) stops it within seconds
  (exit 130, nothing run), with --out and with --dry-run.

usage: interrupt_test.py COMMSIM"""
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

# Long enough that no machine finishes it in the time before the signal (1e7 rounds).
LONG = {
    "name": "long", "seed": 3,
    "problem": {"type": "least_squares", "data": {"synthetic": {"samples": 200, "features": 10}}},
    "workers": {"count": 4},
    "algorithm": {"name": "gd", "stepsize": "theory"},
    "stop": {"max_rounds": 10000000},
    "record": {"every": 1, "messages": True},
}
SHORT = dict(LONG, stop={"max_rounds": 3}, record={"every": 1})

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL", what)


def check_csv_complete(path, label):
    with open(path, "rb") as f:
        data = f.read()
    check(data.endswith(b"\n"), f"{label}: {os.path.basename(path)} ends with a newline (no partial line)")
    rows = list(csv.reader(data.decode().splitlines()))
    check(len(rows) >= 2, f"{label}: {os.path.basename(path)} has a header and at least one row ({len(rows)} lines)")
    if rows:
        widths = {len(r) for r in rows}
        check(len(widths) == 1, f"{label}: every line of {os.path.basename(path)} has {len(rows[0])} fields (saw {sorted(widths)})")
    return rows


def interrupt(commsim, tmp, sig):
    label = signal.Signals(sig).name
    scenario = os.path.join(tmp, "long.json")
    with open(scenario, "w") as f:
        json.dump(LONG, f)
    out = os.path.join(tmp, f"out_{label}")
    proc = subprocess.Popen([commsim, "run", scenario, "--out", out, "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Wait until the run is under way (rounds.csv.tmp exists), then a little more.
    deadline = time.time() + 30
    while time.time() < deadline and not os.path.exists(os.path.join(out, "rounds.csv.tmp")) and proc.poll() is None:
        time.sleep(0.01)
    time.sleep(0.3)
    check(proc.poll() is None, f"{label}: the run is still going when the signal is sent")
    proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        check(False, f"{label}: commsim stops within 30 s of the signal")
        return
    check(proc.returncode == 130, f"{label}: exit code 130 (got {proc.returncode}; stderr {err.strip()!r})")
    names = sorted(os.listdir(out))
    check(not any(n.endswith(".tmp") for n in names), f"{label}: no .tmp file left ({names})")
    for n in ("scenario.json", "rounds.csv", "messages.csv", "summary.json"):
        check(n in names, f"{label}: {n} written")
    if failures:
        return
    rows = check_csv_complete(os.path.join(out, "rounds.csv"), label)
    check_csv_complete(os.path.join(out, "messages.csv"), label)
    with open(os.path.join(out, "summary.json")) as f:
        summary = json.load(f)
    check(summary["status"] == "interrupted", f"{label}: summary status is interrupted (got {summary['status']})")
    header, body = rows[0], rows[1:]
    last_round = int(body[-1][header.index("round")])
    check(0 < last_round < LONG["stop"]["max_rounds"], f"{label}: stopped part-way ({last_round} rounds)")
    # The summary and the trace agree on where the run stopped (every round is recorded).
    check(summary["rounds"] == last_round, f"{label}: summary rounds {summary['rounds']} == last row {last_round}")
    rounds = [int(r[header.index("round")]) for r in body]
    check(rounds == list(range(len(rounds))), f"{label}: rows are rounds 0..{len(rounds) - 1} with no gap")
    print(f"ok   {label}: exit 130 after {last_round} rounds, outputs complete")


def force(commsim, tmp):
    scenario = os.path.join(tmp, "short.json")
    with open(scenario, "w") as f:
        json.dump(SHORT, f)
    out = os.path.join(tmp, "existing")
    os.makedirs(out)
    marker = os.path.join(out, "rounds.csv")
    with open(marker, "w") as f:
        f.write("precious\n")
    p = subprocess.run([commsim, "run", scenario, "--out", out, "--quiet"], capture_output=True, text=True)
    check(p.returncode == 2, f"force: exit 2 without --force (got {p.returncode})")
    check(p.stderr.startswith("commsim: error: --out") and "--force" in p.stderr and len(p.stderr.strip().splitlines()) == 1,
          f"force: one error line naming --out and --force (got {p.stderr!r})")
    with open(marker) as f:
        check(f.read() == "precious\n", "force: the existing file is untouched without --force")
    p = subprocess.run([commsim, "run", scenario, "--out", out, "--quiet", "--force"], capture_output=True, text=True)
    check(p.returncode == 0, f"force: exit 0 with --force (got {p.returncode}: {p.stderr!r})")
    with open(marker) as f:
        check(f.readline().startswith("round,"), "force: rounds.csv replaced with --force")
    print("ok   force: existing output refused without --force, replaced with it")


# A sweep whose validation (every run checked before any runs) takes tens of seconds.
SLOW_BASE = {
    "problem": {"type": "least_squares", "data": {"synthetic": {"samples": 2000, "features": 200}}},
    "algorithm": {"name": "gd"}, "stop": {"max_rounds": 3},
}


def interrupt_sweep_validation(commsim, tmp, extra):
    label = "sweep " + " ".join(extra)
    sweep = os.path.join(tmp, "slow_sweep.json")
    with open(sweep, "w") as f:
        json.dump({"base": SLOW_BASE, "seeds": list(range(1, 801))}, f)
    out = os.path.join(tmp, "slow_sweep_out")
    args = [commsim, "sweep", sweep, "--quiet"] + (["--out", out] if "--out" in extra else ["--dry-run"])
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    check(proc.poll() is None, f"{label}: still validating when the signal is sent")
    sent = time.time()
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        check(False, f"{label}: stops within 60 s of SIGINT")
        return
    waited = time.time() - sent
    check(waited < 5, f"{label}: stops within 5 s of SIGINT during validation (took {waited:.1f} s)")
    check(proc.returncode == 130, f"{label}: exit code 130 (got {proc.returncode}; stderr {err.strip()!r})")
    runs = os.path.join(out, "runs")
    check(not os.path.isdir(runs) or not os.listdir(runs), f"{label}: no run was started")
    print(f"ok   {label}: SIGINT during validation, exit 130 after {waited:.1f} s")


def main():
    commsim = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="commsim_interrupt_") as tmp:
        interrupt(commsim, tmp, signal.SIGINT)
        interrupt(commsim, tmp, signal.SIGTERM)
        interrupt(commsim, tmp, signal.SIGHUP)
        interrupt_sweep_validation(commsim, tmp, ["--out"])
        interrupt_sweep_validation(commsim, tmp, ["--dry-run"])
        force(commsim, tmp)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
