#!/usr/bin/env python3
"""Every file commsim reads refuses what is not a regular file, end to end (issue 14, item 10).

A named pipe (FIFO) used to block open() forever as a scenario, GraphML or trace file, and a
directory or /dev/zero as an availability trace read as "always online". Each input path below
is given a FIFO (nobody ever writes to it), a directory and /dev/zero; every command must exit 2
within the timeout with one line `commsim: error: ... not a regular file`. A hang fails the
test instead of blocking it: each command has its own timeout.

usage: input_files_test.py COMMSIM"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

TIMEOUT_S = 30
TINY = {
    "name": "tiny", "seed": 3,
    "problem": {"type": "least_squares", "data": {"synthetic": {"samples": 40, "features": 3}}},
    "workers": {"count": 2},
    "algorithm": {"name": "gd"},
    "stop": {"max_rounds": 4},
}
failures = []


def run(commsim, args, cwd):
    try:
        return subprocess.run([commsim] + args, capture_output=True, text=True, cwd=cwd,
                              timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return None


def expect_refused(commsim, what, args, cwd, kind):
    proc = run(commsim, args, cwd)
    if proc is None:
        failures.append(f"{what}: hung (no answer within {TIMEOUT_S} s)")
        return
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    ok = (proc.returncode == 2 and len(lines) == 1 and lines[0].startswith("commsim: error: ")
          and f"it is {kind}, not a regular file" in lines[0])
    print(("ok   " if ok else "FAIL ") + f"{what}: exit {proc.returncode}: {proc.stderr.strip()}")
    if not ok:
        failures.append(what)


def with_key(path, value):
    doc = json.loads(json.dumps(TINY))
    node = doc
    keys = path.split(".")
    for k in keys[:-1]:
        node = node.setdefault(k, {})
    node[keys[-1]] = value
    return doc


def main():
    commsim = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="commsim_input_files_")
    try:
        fifo = os.path.join(work, "pipe")
        os.mkfifo(fifo)
        folder = os.path.join(work, "folder")
        os.mkdir(folder)
        specials = [(fifo, "a named pipe (FIFO)"), (folder, "a directory"),
                    ("/dev/zero", "a character device")]
        # Scenario-level inputs: each file-valued key, and the scenario and sweep files.
        keys = {"workers.availability": lambda p: {"trace": p},
                "network.topology": lambda p: {"kind": "custom", "graphml": p},
                "problem.data": lambda p: {"path": p}}
        for special, kind in specials:
            name = os.path.basename(special)
            for key, value in keys.items():
                scenario = os.path.join(work, f"{key}.json")
                with open(scenario, "w") as f:
                    json.dump(with_key(key, value(special)), f)
                expect_refused(commsim, f"{key} = {name}", ["validate", scenario], work, kind)
            expect_refused(commsim, f"scenario file {name}", ["validate", special], work, kind)
            expect_refused(commsim, f"sweep file {name}",
                           ["sweep", special, "--out", os.path.join(work, "sw"), "--dry-run"],
                           work, kind)
        # Results read back by compare: a run whose scenario.json became a pipe.
        tiny = os.path.join(work, "tiny.json")
        with open(tiny, "w") as f:
            json.dump(TINY, f)
        out = os.path.join(work, "run")
        proc = run(commsim, ["run", tiny, "--out", out, "--quiet"], work)
        if proc is None or proc.returncode != 0:
            failures.append(f"the tiny run failed: {proc and proc.stderr}")
        else:
            os.remove(os.path.join(out, "scenario.json"))
            os.mkfifo(os.path.join(out, "scenario.json"))
            expect_refused(commsim, "compare: scenario.json a FIFO", ["compare", out], work,
                           "a named pipe (FIFO)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failed: {failures}")
        return 1
    print("all refused")
    return 0


if __name__ == "__main__":
    sys.exit(main())
