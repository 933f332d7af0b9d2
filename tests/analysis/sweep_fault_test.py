#!/usr/bin/env python3
"""Fault injection with strace: a small sweep (and `sweep merge`) is killed with SIGKILL at
sampled calls of every write-path syscall (openat, mkdir, write, fsync, rename; then unlink and
rmdir during a resume), resumed, and must end byte-identical to an uninterrupted sweep (index.csv
and every run's files, no leftover). A full disk (ENOSPC on every write from the N-th on) must
exit 3 with one `commsim: environment error:` line, and a later resume must end identical.

usage: sweep_fault_test.py COMMSIM   (exits 77, skipped, without strace)"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SWEEP = {
    "base": {
        "name": "fault", "seed": 1,
        "problem": {"type": "least_squares", "data": {"synthetic": {"samples": 40, "features": 5, "seed": 7}}},
        "workers": {"count": 2},
        "algorithm": {"name": "gd"},
        "stop": {"max_rounds": 5, "report_eps": [1e-3]},
    },
    "grid": {"network.topology.uplink.bandwidth": ["1Mbps", "10Mbps"]},
    "seeds": {"count": 2},
}
RUNS = ["0000", "0001", "0002", "0003"]
RUN_FILES = ["scenario.json", "platform.csv", "rounds.csv", "summary.json"]
SAMPLES = 10  # injection points per syscall (all of them when there are fewer calls)


def tree(d):
    out = []
    for root, dirs, files in os.walk(d):
        for name in dirs + files:
            out.append(os.path.relpath(os.path.join(root, name), d))
    return sorted(out)


def content(path):
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith("summary.json"):  # wall-clock seconds are the one non-deterministic figure
        data = re.sub(rb'"wall_seconds": [^,\n]*', b"", data)
    return data


def differences(out, ref):
    if not os.path.exists(os.path.join(out, "index.csv")):
        return ["no index.csv"]
    bad = []
    if tree(out) != tree(ref):
        bad.append(f"files {sorted(set(tree(out)) ^ set(tree(ref)))} differ from the reference")
    for rel in ["index.csv"] + [f"runs/{r}/{f}" for r in RUNS for f in RUN_FILES]:
        p = os.path.join(out, rel)
        if not os.path.exists(p) or content(p) != content(os.path.join(ref, rel)):
            bad.append(f"{rel} differs")
    return bad


def syscall_counts(cmd, tmp):
    """How many times each syscall is made by `cmd` (strace -c)."""
    summary = os.path.join(tmp, "counts.txt")
    subprocess.run(["strace", "-f", "-c", "-o", summary] + cmd, check=True, stdout=subprocess.DEVNULL)
    counts = {}
    with open(summary) as f:
        for line in f:
            cells = line.split()
            if len(cells) >= 5 and cells[-1].isidentifier() and cells[3].isdigit():
                counts[cells[-1]] = int(cells[3])
    return counts


def sample(n):
    if n <= SAMPLES:
        return list(range(1, n + 1))
    return sorted({1 + round(k * (n - 1) / (SAMPLES - 1)) for k in range(SAMPLES)})


def main():
    # LeakSanitizer cannot run under ptrace: in the sanitizer build, leaks are checked by the
    # other tests, never under strace.
    os.environ["ASAN_OPTIONS"] = os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
    commsim = os.path.abspath(sys.argv[1])
    if shutil.which("strace") is None:
        print("strace is not installed: skipped")
        return 77
    failures = []
    with tempfile.TemporaryDirectory(prefix="commsim_fault_test_") as tmp:
        sweep_file = os.path.join(tmp, "fault.json")
        with open(sweep_file, "w") as f:
            json.dump(SWEEP, f)
        ref, out = os.path.join(tmp, "ref"), os.path.join(tmp, "out")
        sweep = lambda d: [commsim, "sweep", sweep_file, "--out", d, "--quiet"]
        subprocess.run(sweep(ref), check=True)
        shards = [os.path.join(tmp, f"shard{i}") for i in range(2)]
        for i, d in enumerate(shards):
            subprocess.run(sweep(d) + ["--shard", f"{i}/2"], check=True)
        merge = lambda d: [commsim, "sweep", "merge"] + shards + ["--out", d, "--quiet"]

        def injected(inject, cmd, label):
            shutil.rmtree(out, ignore_errors=True)
            subprocess.run(["strace", "-f", "-o", os.devnull, "-e", f"inject={inject}"] + cmd(out),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            resumed = subprocess.run(cmd(out), capture_output=True, text=True)
            bad = differences(out, ref) if resumed.returncode == 0 else [f"resume exit {resumed.returncode}: {resumed.stderr.strip()}"]
            failures.extend(f"{label} {inject}: {b}" for b in bad)

        for label, cmd in [("sweep", sweep), ("merge", merge)]:
            shutil.rmtree(out, ignore_errors=True)
            counts = syscall_counts(cmd(out), tmp)
            for syscall in ["openat", "mkdir", "write", "fsync", "rename"]:
                for n in sample(counts.get(syscall, 0)):
                    injected(f"{syscall}:signal=SIGKILL:when={n}", cmd, label)

        # Killed mid-sweep, then killed again while the resume deletes the leftovers.
        def twice(d):
            subprocess.run(["strace", "-f", "-o", os.devnull, "-e", "inject=rename:signal=SIGKILL:when=6"] + sweep(d),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return sweep(d)
        for syscall in ["unlinkat", "rmdir"]:
            for n in (1, 2, 3):
                shutil.rmtree(out, ignore_errors=True)
                injected_cmd = twice(out)
                subprocess.run(["strace", "-f", "-o", os.devnull, "-e", f"inject={syscall}:signal=SIGKILL:when={n}"] + injected_cmd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                resumed = subprocess.run(sweep(out), capture_output=True, text=True)
                bad = differences(out, ref) if resumed.returncode == 0 else [f"resume exit {resumed.returncode}"]
                failures.extend(f"kill, then {syscall} kill {n} in the resume: {b}" for b in bad)

        # A full disk: every write to the sweep's own files fails from the n-th on (strace -P
        # limits the injection to them, so the error line itself still reaches stderr).
        out_abs = os.path.realpath(tmp) + "/out"
        paths = [f"{out_abs}/{f}.tmp" for f in ("sweep.json", "index.csv", "timing.csv")]
        paths += [f"{out_abs}/runs/{r}.tmp/{f}.tmp" for r in RUNS for f in RUN_FILES]
        for n in (1, 2, 3, 4, 6, 9, 14):
            shutil.rmtree(out_abs, ignore_errors=True)
            cmd = ["strace", "-f", "-o", os.devnull, "-e", f"inject=write:error=ENOSPC:when={n}+"]
            for p in paths:
                cmd += ["-P", p]
            full = subprocess.run(cmd + sweep(out_abs), capture_output=True, text=True)
            lines = full.stderr.splitlines()
            if full.returncode != 3 or len(lines) != 1 or not lines[0].startswith("commsim: environment error: ") \
                    or "No space left on device" not in lines[0]:
                failures.append(f"ENOSPC from write {n}: exit {full.returncode}, stderr {full.stderr!r}")
            resumed = subprocess.run(sweep(out_abs), capture_output=True, text=True)
            bad = differences(out_abs, ref) if resumed.returncode == 0 else [f"resume exit {resumed.returncode}: {resumed.stderr.strip()}"]
            failures.extend(f"ENOSPC from write {n}, then resume: {b}" for b in bad)
    for f in failures:
        print("FAIL", f)
    print("ok" if not failures else f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
