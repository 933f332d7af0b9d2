#!/usr/bin/env python3
"""`commsim schema` against the files it describes (Debian's python3-jsonschema).

- Both schemas are valid draft 2020-12 schemas.
- Every scenario file under scenarios/ (examples, paper, ...) validates against the scenario
  schema, every file under scenarios/sweeps/ against the sweep schema.
- Every bad-input case listed in tests/bad_inputs/schema_rejects.txt (the loader rejects it for
  a type, range, enum, unknown-key or missing-key reason) is rejected by the schema too, and
  the loader rejects it (run_bad_inputs.py checks the loader's message).

usage: schema_test.py COMMSIM"""
import glob
import json
import os
import shlex
import subprocess
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BAD = os.path.join(ROOT, "tests", "bad_inputs")

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL", what)
    return cond


def schema(commsim, kind):
    p = subprocess.run([commsim, "schema", kind], capture_output=True, text=True)
    if not check(p.returncode == 0, f"commsim schema {kind} exits 0 ({p.stderr.strip()})"):
        sys.exit(1)
    s = json.loads(p.stdout)
    jsonschema.Draft202012Validator.check_schema(s)
    check(s.get("$schema") == "https://json-schema.org/draft/2020-12/schema", f"{kind} schema declares draft 2020-12")
    return jsonschema.Draft202012Validator(s)


def describe(errors):
    return "; ".join(f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message[:120]}" for e in errors[:3])


def main():
    commsim = os.path.abspath(sys.argv[1])
    scenario = schema(commsim, "scenario")
    sweep = schema(commsim, "sweep")

    files = sorted(glob.glob(os.path.join(ROOT, "scenarios", "**", "*.json"), recursive=True))
    check(len(files) >= 10, f"found the scenario files ({len(files)})")
    for f in files:
        rel = os.path.relpath(f, ROOT)
        with open(f) as fh:
            doc = json.load(fh)
        validator = sweep if os.sep + "sweeps" + os.sep in f else scenario
        errors = list(validator.iter_errors(doc))
        check(not errors, f"{rel} validates: {describe(errors)}")
    print(f"ok   {len(files)} files under scenarios/ checked")

    # The cases' commands, by name.
    commands = {}
    with open(os.path.join(BAD, "cases.tsv")) as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                name, _, _, command = line.split("\t")
                commands[name] = shlex.split(command)
    with open(os.path.join(BAD, "schema_rejects.txt")) as f:
        names = [l.split("#")[0].strip() for l in f if l.split("#")[0].strip()]
    check(len(names) >= 15, f"schema_rejects.txt lists the type/range cases ({len(names)})")
    for name in names:
        if not check(name in commands, f"{name} is a case of cases.tsv"):
            continue
        args = commands[name]
        files = [a for a in args if a.endswith(".json")]
        if not check(args[1] == "validate" and len(files) == 1, f"{name} validates one scenario file"):
            continue
        with open(os.path.join(BAD, files[0])) as fh:
            doc = json.load(fh)
        errors = list(scenario.iter_errors(doc))
        check(errors, f"{name}: the schema rejects {files[0]} as the loader does")
        if errors:
            print(f"ok   {name}: {describe(errors)}")
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
