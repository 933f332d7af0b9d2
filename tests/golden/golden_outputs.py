#!/usr/bin/env python3
"""Golden outputs: every example scenario, a 200-round version of every paper scenario on one
data set, each example again with messages.csv on (first 20 rounds), and one sweep's index.csv.

Outputs are compared by SHA-256 against tests/golden/outputs.sha256, byte for byte; the only
normalisation is dropping summary.json's `wall_seconds` line (the one non-deterministic figure).
A refactor must keep every hash; a change of numbers is a decision, made with --update and
named in the commit.

  golden_outputs.py COMMSIM              check (exit 1 naming every file that differs)
  golden_outputs.py COMMSIM --update     rewrite outputs.sha256 from this binary
  golden_outputs.py COMMSIM --write DIR  also keep the normalised outputs in DIR, to diff two
                                         binaries' outputs when a hash moves
"""
import argparse
import hashlib
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MANIFEST = HERE / "outputs.sha256"
PAPER_DATASET = "mushrooms"
RUN_FILES = ["rounds.csv", "messages.csv", "summary.json", "scenario.json", "platform.csv"]


def cases():
    """(case name, scenario file, extra --set assignments) for every golden run."""
    out = []
    for f in sorted((ROOT / "scenarios/examples").glob("*.json")):
        out.append((f"examples/{f.stem}", f, []))
        out.append((f"examples_messages/{f.stem}", f,
                    ["stop.max_rounds=20", "record.messages=true"]))
    for f in sorted((ROOT / "scenarios/paper").glob(f"{PAPER_DATASET}_*.json")):
        out.append((f"paper_short/{f.stem}", f, ["stop.max_rounds=200"]))
    return out


def normalised(path):
    data = path.read_bytes()
    if path.name == "summary.json":
        lines = data.splitlines(keepends=True)
        data = b"".join(l for l in lines if b'"wall_seconds"' not in l)
    return data


def run_case(commsim, scenario, sets, out):
    cmd = [commsim, "run", str(scenario), "--out", str(out), "--quiet"]
    for s in sets:
        cmd += ["--set", s]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"golden: {' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()}")


def collect(commsim, work, keep):
    """{relative output name: sha256} for every golden output."""
    hashes = {}
    for name, scenario, sets in cases():
        out = work / name
        run_case(commsim, scenario, sets, out)
        for fname in RUN_FILES:
            p = out / fname
            if p.exists():
                data = normalised(p)
                hashes[f"{name}/{fname}"] = hashlib.sha256(data).hexdigest()
                if keep:
                    (keep / name).mkdir(parents=True, exist_ok=True)
                    (keep / name / fname).write_bytes(data)
    sweep_out = work / "sweep_small"
    proc = subprocess.run([commsim, "sweep", str(HERE / "sweep_small.json"), "--out",
                           str(sweep_out), "--quiet", "--jobs", "2"], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"golden: sweep failed ({proc.returncode}): {proc.stderr.strip()}")
    index = (sweep_out / "index.csv").read_bytes()
    hashes["sweep_small/index.csv"] = hashlib.sha256(index).hexdigest()
    if keep:
        (keep / "sweep_small").mkdir(parents=True, exist_ok=True)
        (keep / "sweep_small/index.csv").write_bytes(index)
    return hashes


def read_manifest():
    expected = {}
    for line in MANIFEST.read_text().splitlines():
        digest, name = line.split(None, 1)
        expected[name] = digest
    return expected


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("commsim")
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--write", type=pathlib.Path)
    args = ap.parse_args()
    if args.write:
        shutil.rmtree(args.write, ignore_errors=True)
        args.write.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        got = collect(args.commsim, pathlib.Path(tmp), args.write)
    if args.update:
        MANIFEST.write_text("".join(f"{d}  {n}\n" for n, d in sorted(got.items())))
        print(f"golden: wrote {len(got)} hashes to {MANIFEST}")
        return 0
    expected = read_manifest()
    bad = sorted(n for n in expected.keys() | got.keys() if expected.get(n) != got.get(n))
    for n in bad:
        what = "missing" if n not in got else "new" if n not in expected else "differs"
        print(f"golden: {n}: {what}")
    print(f"golden: {len(expected) - len(bad)} of {len(expected)} outputs byte-identical")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
