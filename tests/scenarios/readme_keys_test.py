#!/usr/bin/env python3
"""The README's scenario key tables agree with the declarations `commsim list` prints: every key
a table names is declared, and every key the problem, workers and network sections declare is in
its table (topology.* keys against `commsim list topologies NAME`; the method table's names
against `commsim list algorithms`)."""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent


def listing(commsim, *args):
    out = subprocess.run([commsim, "list", *args], capture_output=True, text=True, check=True)
    return out.stdout


def declared_keys(text):
    """Keys of a `commsim list KIND NAME` listing (first column of the indented rows)."""
    keys = set()
    for line in text.splitlines():
        if line.startswith("  ") and not line.startswith("  ("):
            keys.add(line.split()[0])
    return keys


def table_after(readme, heading):
    """First-column cells of the table that follows `heading`."""
    start = readme.index(heading)
    rows = []
    for line in readme[start:].splitlines()[1:]:
        if line.startswith("|"):
            rows.append(line.split("|")[1])
        elif rows:
            break
    return [r for r in rows[2:]]  # header and rule


def cell_keys(cell):
    return re.findall(r"`([a-z_.]+)`", cell)


def main():
    commsim = sys.argv[1]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    failures = []
    topology_keys = set()
    for name in declared_keys(listing(commsim, "topologies")):
        topology_keys |= declared_keys(listing(commsim, "topologies", name))
    for section, heading in [("problem", "**`problem`**"), ("workers", "**`workers`**"),
                             ("network", "**`network`**")]:
        declared = declared_keys(listing(commsim, "sections", section))
        declared = {k for k in declared if "." not in k}  # nested rows print as parent.key
        in_table = set()
        for cell in table_after(readme, heading):
            for key in cell_keys(cell):
                if key.startswith("topology."):
                    in_table.add("topology")
                    sub = key[len("topology."):]
                    if sub != "kind" and sub not in topology_keys:
                        failures.append(f"README {section}: {key} is not a declared topology key")
                    continue
                if "." in key:
                    key = key.split(".")[0]
                in_table.add(key)
                if key not in declared and key not in topology_keys:
                    failures.append(f"README {section}: `{key}` is not declared")
        for key in sorted(declared - in_table):
            failures.append(f"README {section}: declared key `{key}` is missing from the table")
    methods = declared_keys(listing(commsim, "algorithms"))
    for cell in table_after(readme, "| method | own keys (defaults) |"):
        for name in cell_keys(cell):
            if name not in methods:
                failures.append(f"README methods: `{name}` is not a registered algorithm")
    for f in failures:
        print("FAIL", f)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
