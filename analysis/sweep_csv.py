"""Shared helpers of the plotting scripts: reading sweep indexes and run traces (CSV only),
labelling methods, and ordering unit-bearing axis values ("10kbps" < "1Mbps")."""
import json
import os
import re

import pandas as pd

# Columns of index.csv that follow the axis columns (see analysis/results/sweep_index.hpp).
RESULT_COLUMNS = ("status", "rounds", "time_s", "bits_up", "bits_down", "bits_up_per_worker",
                  "grad_evals", "final_grad_norm_sq", "final_loss")

_PREFIX = {"p": 1e-12, "n": 1e-9, "u": 1e-6, "m": 1e-3, "k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12}
_QUANTITY = re.compile(r"^\s*([-+0-9.eE]+)\s*([A-Za-z/%]*)\s*$")


def quantity_value(text):
    """A sortable number for an axis value: 10kbps -> 1e4, 5ms -> 5e-3, 3 -> 3; None if not numeric."""
    if isinstance(text, (int, float)):
        return float(text)
    m = _QUANTITY.match(str(text))
    if not m:
        return None
    try:
        value = float(m.group(1))
    except ValueError:
        return None
    unit = m.group(2)
    if len(unit) > 1 and unit[0] in _PREFIX and unit not in ("min",):
        value *= _PREFIX[unit[0]]
    return value


def ordered_values(values):
    """Distinct values in numeric order when they are all quantities, else first-seen order."""
    distinct = list(dict.fromkeys(values))
    keys = [quantity_value(v) for v in distinct]
    if all(k is not None for k in keys):
        return [v for _, v in sorted(zip(keys, distinct), key=lambda p: p[0])]
    return distinct


def method_label(value):
    """`gd`, `marina+randk(k=10)` from an `algorithm` axis cell (JSON), else the text itself."""
    text = str(value)
    try:
        alg = json.loads(text)
    except (ValueError, TypeError):
        return text
    if not isinstance(alg, dict):
        return text
    label = str(alg.get("name", "?"))
    comp = alg.get("compressor")
    if isinstance(comp, dict) and comp.get("name", "identity") != "identity":
        label += "+" + str(comp["name"])
        for key in ("k", "fraction", "levels"):
            if key in comp:
                label += f"({key}={comp[key]})"
    return label


def read_index(sweep_dir):
    """index.csv of a sweep directory (every cell as text, so axis values keep their spelling)."""
    return pd.read_csv(os.path.join(sweep_dir, "index.csv"), dtype=str, keep_default_na=False)


def axis_columns(index):
    """The axis columns of an index: between `id` and `status`, without `seed`."""
    cols = list(index.columns)
    end = cols.index("status")
    return [c for c in cols[1:end] if c != "seed"]


def numeric(series):
    """Text cells to floats; empty cells (never reached) become NaN."""
    return pd.to_numeric(series.replace("", float("nan")), errors="coerce")


def short_value(column, value):
    if column == "algorithm" or column.startswith("algorithm"):
        return method_label(value)
    return str(value)


def eps_columns(index, kind="time"):
    """`time_to_eps_<e>` (or bits/rounds) columns, smallest epsilon first."""
    prefix = f"{kind}_to_eps_"
    cols = [c for c in index.columns if c.startswith(prefix)]
    return sorted(cols, key=lambda c: float(c[len(prefix):]))


def save_figure(fig, out, dpi=150):
    """Lays out `fig`, writes OUT.png and OUT.pdf, closes it and says so (every plotting script
    ends this way)."""
    import matplotlib.pyplot as plt  # the caller has chosen the backend by now

    fig.tight_layout()
    for ext in ("png", "pdf"):
        fig.savefig(f"{out}.{ext}", dpi=dpi)
    plt.close(fig)
    print(f"wrote {out}.png and {out}.pdf")
