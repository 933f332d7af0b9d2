#!/usr/bin/env python3
"""Runs every case of the bad-input corpus through the commsim CLI and checks that it fails
cleanly: the expected exit code, one line on stderr of the form `commsim: error: ...`
containing the expected substring, and nothing that looks like a crash.

cases.tsv columns: case name, exit code, expected substring, command (shell words, with
{commsim} and {dir} placeholders).

messages.tsv holds every case's whole error line as it stands (the folder's path written
{dir}, COMMSIM_DATA_PATH written {data}): the wording is a contract too, so a changed message fails until it is recorded with
`run_bad_inputs.py COMMSIM --update` as a decision."""
import os
import shlex
import subprocess
import sys

def read_messages(path):
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return dict(line.rstrip("\n").split("\t", 1) for line in f if line.strip())


def main():
    commsim = os.path.abspath(sys.argv[1])
    update = "--update" in sys.argv[2:]
    here = os.path.dirname(os.path.abspath(__file__))
    messages_path = os.path.join(here, "messages.tsv")
    expected_messages = read_messages(messages_path)
    got_messages = {}
    failures = 0
    count = 0
    with open(os.path.join(here, "cases.tsv"), encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            name, code, substring, command = line.split("\t")
            count += 1
            args = [a.replace("{commsim}", commsim).replace("{dir}", here) for a in shlex.split(command)]
            proc = subprocess.run(args, capture_output=True, encoding="utf-8", errors="replace", cwd=here, timeout=120)
            lines = [l for l in proc.stderr.splitlines() if l.strip()]
            problems = []
            if proc.returncode != int(code):
                problems.append(f"exit code {proc.returncode}, expected {code}")
            if len(lines) != 1:
                problems.append(f"{len(lines)} stderr lines, expected exactly 1")
            if not any(l.startswith("commsim: error: ") for l in lines):
                problems.append("no 'commsim: error: ' line")
            if substring not in proc.stderr:
                problems.append(f"message lacks {substring!r}")
            message = lines[0].replace(here, "{dir}") if lines else ""
            if os.environ.get("COMMSIM_DATA_PATH"):
                message = message.replace(os.environ["COMMSIM_DATA_PATH"], "{data}")
            got_messages[name] = message
            if not update and expected_messages.get(name) != message:
                problems.append(f"message differs from messages.tsv: {expected_messages.get(name)!r}")
            if problems:
                failures += 1
                print(f"FAIL {name} (cases.tsv:{lineno}): {'; '.join(problems)}\n  stderr: {proc.stderr.strip()}")
            else:
                print(f"ok   {name}: {lines[0]}")
    if update:
        with open(messages_path, "w", encoding="utf-8") as f:
            f.writelines(f"{n}\t{m}\n" for n, m in got_messages.items())
    print(f"{count - failures} passed, {failures} failed")
    return 1 if failures or count == 0 else 0

if __name__ == "__main__":
    sys.exit(main())
