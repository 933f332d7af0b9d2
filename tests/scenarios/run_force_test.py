#!/usr/bin/env python3
"""`run --force` into an earlier run's directory: the earlier run's outputs that the new run
does not write (messages.csv of a 500-round run beside a 3-round run) and temporary files a
killed run left are removed; a file of the user's is kept.

usage: run_force_test.py COMMSIM"""
import json
import os
import subprocess
import sys
import tempfile

SCENARIO = {
    "name": "force", "seed": 1,
    "problem": {"type": "least_squares", "data": {"synthetic": {"samples": 40, "features": 5, "seed": 7}}},
    "workers": {"count": 2},
    "algorithm": {"name": "gd"},
    "stop": {"max_rounds": 500},
    "record": {"messages": True},
}


def main():
    commsim = os.path.abspath(sys.argv[1])
    failures = []
    with tempfile.TemporaryDirectory(prefix="commsim_force_test_") as tmp:
        scenario = os.path.join(tmp, "s.json")
        with open(scenario, "w") as f:
            json.dump(SCENARIO, f)
        out = os.path.join(tmp, "out")
        subprocess.run([commsim, "run", scenario, "--out", out, "--quiet"], check=True)
        for name in ("notes.txt", "rounds.csv.tmp", "notes.tmp"):
            with open(os.path.join(out, name), "w") as f:
                f.write("user\n")
        subprocess.run([commsim, "run", scenario, "--out", out, "--quiet", "--force",
                        "--set", "stop.max_rounds=3", "--set", "record.messages=false"], check=True)
        files = sorted(os.listdir(out))
        expected = sorted(["scenario.json", "platform.csv", "rounds.csv", "summary.json", "notes.txt", "notes.tmp"])
        if files != expected:
            failures.append(f"after --force: {files}, expected {expected}")
        with open(os.path.join(out, "rounds.csv")) as f:
            rows = f.read().splitlines()
        if len(rows) != 1 + 4:  # header, rounds 0..3
            failures.append(f"rounds.csv has {len(rows)} lines, expected 5")
    for f in failures:
        print("FAIL", f)
    print("ok" if not failures else f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
