#!/usr/bin/env python3
"""`commsim validate` reports every error of a scenario in one pass, end to end:
- three independent errors (an unknown key in network, a bad unit in workers, an out-of-range
  value in algorithm) are three `commsim: error: <where>: <what>` lines in document order, exit 2,
  and each line is byte-identical to the message the same error gives alone;
- `run` still stops at the first error (one line, exit 2);
- more than 20 errors print 20 lines and `… and N more errors`.

usage: validate_errors_test.py COMMSIM"""
import json
import os
import subprocess
import sys
import tempfile

PROBLEM = {"type": "least_squares", "data": {"synthetic": {"samples": 20, "features": 3}}}
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL", what)


def commsim(binary, *args):
    p = subprocess.run([binary, *args], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stderr.splitlines()


def write(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="commsim_validate_") as tmp:
        # Written by hand so that the document order (network, workers, algorithm) differs from
        # the order sections are read in (workers, algorithm, network).
        parts = {
            "network": '"network": {"modle": "maxmin"}',
            "workers": '"workers": {"speed": "3GHz"}',
            "algorithm": '"algorithm": {"name": "marina", "p": 2}',
        }
        problem = '"problem": ' + json.dumps(PROBLEM)
        three = write(tmp, "three.json", "{" + ", ".join([parts["network"], problem, parts["workers"], parts["algorithm"]]) + "}")
        code, lines = commsim(binary, "validate", three)
        check(code == 2, f"three errors: exit 2 (got {code})")
        check(len(lines) == 3, f"three errors: three lines (got {lines})")
        for line, where in zip(lines, ["network.modle", "workers.speed", "algorithm.p"]):
            check(line.startswith(f"commsim: error: {where}: "), f"three errors: {where} in document order ({line!r})")
        # Each line is what that error alone prints.
        for k, (section, line) in enumerate(zip(["network", "workers", "algorithm"], lines)):
            alone_text = "{" + problem + ", " + parts[section] + ("" if section == "algorithm" else ', "algorithm": {"name": "gd"}') + "}"
            alone = write(tmp, f"alone{k}.json", alone_text)
            code_alone, alone_lines = commsim(binary, "validate", alone)
            check(code_alone == 2 and alone_lines == [line], f"{section} alone prints the same line ({alone_lines} vs {line!r})")
        code, lines = commsim(binary, "run", three, "--out", os.path.join(tmp, "out"))
        check(code == 2 and len(lines) == 1 and lines[0].startswith("commsim: error: workers.speed: "),
              f"run stops at the first error read (got {code}, {lines})")
        many = write(tmp, "many.json", json.dumps(dict({f"unknown{i:02d}": i for i in range(25)}, problem=PROBLEM, algorithm={"name": "gd"})))
        code, lines = commsim(binary, "validate", many)
        check(code == 2 and len(lines) == 21, f"25 errors: 20 lines and a count (got {len(lines)} lines)")
        check(lines[-1] == "commsim: error: … and 5 more errors", f"25 errors: the last line counts the rest ({lines[-1:]})")
        check(all(l.startswith("commsim: error: unknown") for l in lines[:20]), "25 errors: the first 20 are the unknown keys")
    print("ok   validate: every error, one line each, in document order" if not failures else f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
