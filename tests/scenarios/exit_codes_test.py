#!/usr/bin/env python3
"""The CLI's exit codes for failures of the machine rather than of the input (README
"Reliability"): a full stdout, an --out directory that cannot be created and a read-only file
system (injected with strace) exit 3 with one `commsim: environment error:` line, and a run
stopped that way leaves no summary.json that a later step would trust. A user error stays 2."""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIO = os.path.join(HERE, "..", "..", "scenarios", "examples", "quickstart.json")


def run(args, **kw):
    return subprocess.run(args, capture_output=True, encoding="utf-8", errors="replace",
                          timeout=120, **kw)


def expect(proc, code, prefix, what):
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert proc.returncode == code, f"{what}: exit {proc.returncode}, expected {code}: {proc.stderr}"
    assert len(lines) == 1 and lines[0].startswith(prefix), f"{what}: stderr {lines}"


def main():
    # LeakSanitizer cannot run under ptrace: in the sanitizer build, leaks are checked by the
    # other tests, never under strace.
    os.environ["ASAN_OPTIONS"] = os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
    commsim = os.path.abspath(sys.argv[1])
    with open("/dev/full", "w") as full:
        proc = subprocess.run([commsim, "schema"], stdout=full, stderr=subprocess.PIPE,
                              encoding="utf-8", timeout=60)
    expect(proc, 3, "commsim: environment error: ", "schema > /dev/full")

    expect(run([commsim, "run", SCENARIO, "--out", "/proc/commsim_no_such_dir", "--quiet"]),
           3, "commsim: environment error: --out /proc/commsim_no_such_dir", "uncreatable --out")

    expect(run([commsim, "validate", os.path.join(HERE, "no_such_scenario.json")]), 2,
           "commsim: error: ", "missing scenario")

    if shutil.which("strace") is None:
        print("exit_codes_test: strace missing, the read-only case is skipped")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        proc = run(["strace", "-f", "-o", os.devnull, "-e", "trace=openat", "-e",
                    "inject=openat:error=EROFS", "-P", os.path.join(out, "rounds.csv.tmp"),
                    commsim, "run", SCENARIO, "--out", out, "--quiet"])
        expect(proc, 3, "commsim: environment error: cannot write ", "read-only rounds.csv")
        assert "Read-only file system" in proc.stderr, proc.stderr
        left = sorted(os.listdir(out))
        assert "summary.json" not in left and "rounds.csv" not in left, left
        # The rerun refuses the half-written directory without --force and completes with it.
        expect(run([commsim, "run", SCENARIO, "--out", out, "--quiet"]), 2, "commsim: error: ",
               "rerun without --force")
        proc = run([commsim, "run", SCENARIO, "--out", out, "--quiet", "--force"])
        assert proc.returncode == 0, proc.stderr
        assert os.path.exists(os.path.join(out, "summary.json"))
    print("exit_codes_test: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
