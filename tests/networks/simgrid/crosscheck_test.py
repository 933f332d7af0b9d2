#!/usr/bin/env python3
"""Cross-checks commsim's transfer models against SimGrid on random platforms.

usage: crosscheck_test.py COMMSIM REPLAY

Each case builds a random platform (stars with per-worker links, two-level trees, custom
trees), runs a few GD rounds with commsim (messages recorded, header_bits 0), writes the
platform with `commsim simgrid-platform`, replays every message on it with SimGrid (REPLAY is
tests/networks/simgrid/replay.cpp's binary) and compares each arrival to commsim's within
max(1e-9 relative, 2 ns). Exits 77 (skipped) when REPLAY is empty: SimGrid was not found.

- maxmin, equal route latencies  == SimGrid CM02 (TCP-gamma 0, no cross-traffic, optim Full)
- maxmin on the issue's smallest case != CM02 (1/latency weights): the oracle has teeth
- cm02, unequal latencies        == the same CM02 flags
- cm02 with a binding TCP window (tcp_gamma 2kB) == CM02 with TCP-gamma:2000
- cm02 with crosstraffic         == CM02 with crosstraffic:1
- lv08                           == SimGrid's default LV08
"""
import csv
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

CM02_FLAGS = ["--cfg=network/model:CM02", "--cfg=network/TCP-gamma:0",
              "--cfg=network/crosstraffic:0", "--cfg=network/optim:Full"]
LV08_FLAGS = ["--cfg=network/model:LV08"]
CM02_WINDOW_FLAGS = [f.replace("TCP-gamma:0", "TCP-gamma:2000") for f in CM02_FLAGS]
CM02_CROSS_FLAGS = [f.replace("crosstraffic:0", "crosstraffic:1") for f in CM02_FLAGS]


def link(bandwidth_mbps, latency_ms):
    return {"bandwidth": f"{bandwidth_mbps}Mbps", "latency": f"{latency_ms}ms"}


def scenario(rng, workers, topology, overrides, model, rounds=3):
    return {
        "name": "simgrid_crosscheck", "seed": rng.randrange(1000),
        "problem": {"type": "sigmoid_squared",
                    "data": {"synthetic": {"samples": 4 * workers, "features": rng.randrange(200, 3000),
                                           "density": 0.05, "seed": 7, "label_noise": 0.05}},
                    "split": "contiguous"},
        "workers": {"count": workers, "time_per_call": f"{rng.uniform(0.1, 5):.3f}ms",
                    "overrides": overrides},
        "network": {"topology": topology, "model": model, "header_bits": 0},
        "algorithm": {"name": "gd", "stepsize": "theory", "float_bits": 32},
        "stop": {"max_rounds": rounds},
        "record": {"every": 1, "messages": True},
    }


def random_star(rng, model, equal_latency):
    n = rng.randrange(2, 7)
    up_lat, down_lat = rng.uniform(0.1, 5), rng.uniform(0.1, 5)
    overrides = []
    for w in range(n):
        overrides.append({"workers": w,
                          "uplink": link(rng.uniform(1, 100), up_lat if equal_latency
                                         else rng.uniform(0.1, 5)),
                          "downlink": link(rng.uniform(1, 100), down_lat if equal_latency
                                           else rng.uniform(0.1, 5))})
    topology = {"kind": "star", "uplink": link(10, up_lat), "downlink": link(10, down_lat),
                "server_in": link(rng.uniform(5, 200), rng.uniform(0, 2)),
                "server_out": link(rng.uniform(5, 200), rng.uniform(0, 2))}
    return scenario(rng, n, topology, overrides, model)


def random_shared_star(rng, model, equal_latency):
    """SHARED links: a flow's acknowledgements load its own links too (1.05 under crosstraffic)."""
    n = rng.randrange(2, 7)
    overrides = [{"workers": w, "uplink": link(rng.uniform(1, 100), rng.uniform(0.1, 5))}
                 for w in range(n)]
    topology = {"kind": "star", "shared": True, "uplink": link(10, 1),
                "server_in": link(rng.uniform(5, 200), rng.uniform(0, 2))}
    return scenario(rng, n, topology, overrides, model)


def random_two_level_tree(rng, model, equal_latency):
    n = rng.randrange(3, 9)
    overrides = [] if equal_latency else [
        {"workers": w, "uplink": link(rng.uniform(1, 100), rng.uniform(0.1, 5)),
         "downlink": link(rng.uniform(1, 100), rng.uniform(0.1, 5))} for w in range(n)]
    topology = {"kind": "two_level_tree", "workers_per_rack": rng.randrange(2, 4),
                "uplink": link(rng.uniform(5, 100), rng.uniform(0.1, 2)),
                "downlink": link(rng.uniform(5, 100), rng.uniform(0.1, 2)),
                "rack_uplink": link(rng.uniform(5, 100), rng.uniform(0.1, 2)),
                "rack_downlink": link(rng.uniform(5, 100), rng.uniform(0.1, 2)),
                "core_uplink": link(rng.uniform(20, 300), rng.uniform(0, 1)),
                "core_downlink": link(rng.uniform(20, 300), rng.uniform(0, 1))}
    return scenario(rng, n, topology, overrides, model)


def random_custom_tree(rng, model, equal_latency):
    n = rng.randrange(3, 8)
    switches = [f"s{i}" for i in range(rng.randrange(1, 4))]
    leaf_lat, trunk_lat = rng.uniform(0.1, 3), rng.uniform(0.1, 3)
    links = [{"from": s, "to": "server", "bandwidth": f"{rng.uniform(5, 200)}Mbps",
              "latency": f"{trunk_lat if equal_latency else rng.uniform(0.1, 3)}ms"}
             for s in switches]
    links += [{"from": f"worker{w}", "to": rng.choice(switches),
               "bandwidth": f"{rng.uniform(1, 100)}Mbps",
               "latency": f"{leaf_lat if equal_latency else rng.uniform(0.1, 3)}ms"}
              for w in range(n)]
    return scenario(rng, n, {"kind": "custom", "nodes": switches, "links": links}, [], model)


def smallest_case(model):
    """The issue's smallest case: 1/latency weights split server_in 2/3 : 1/3."""
    sc = scenario(random.Random(0), 2, {
        "kind": "star", "uplink": link(10, 1), "downlink": link(10, 1),
        "server_in": link(1, 1)}, [{"workers": 1, "uplink": link(10, 3)}], model, rounds=1)
    sc["problem"]["data"]["synthetic"]["features"] = 1000
    sc["workers"]["time_per_call"] = "10ms"
    return sc


def arrivals(commsim, replay, sc, flags, work):
    (work / "sc.json").write_text(json.dumps(sc))
    subprocess.run([commsim, "run", str(work / "sc.json"), "--out", str(work / "run"),
                    "--force", "--quiet"], check=True)
    subprocess.run([commsim, "simgrid-platform", str(work / "sc.json"),
                    "--out", str(work / "platform.xml")], check=True)
    with open(work / "run" / "messages.csv") as f:
        ours = [float(row["arrival_time_s"]) for row in csv.DictReader(f)]
    out = subprocess.run([replay, str(work / "platform.xml"), str(work / "run" / "messages.csv"),
                          *flags], check=True, capture_output=True, text=True).stdout
    theirs = [float(x) for x in out.split()]
    assert len(ours) == len(theirs) and ours, (len(ours), len(theirs))
    return ours, theirs


def mismatches(ours, theirs):
    return [(i, a, b) for i, (a, b) in enumerate(zip(ours, theirs))
            if abs(a - b) > max(1e-9 * abs(b), 2e-9)]


def main():
    commsim, replay = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
    if not replay:
        print("SKIP: SimGrid not found by pkg-config (install libsimgrid-dev); "
              "the replay oracle was not built")
        return 77
    listed = subprocess.run([commsim, "list", "transfer_models"], check=True, capture_output=True,
                            text=True).stdout.split()
    rng = random.Random(2026)
    makers = [random_star, random_two_level_tree, random_custom_tree]
    cases = [(f"maxmin equal latencies {m.__name__} #{k}", m(rng, "maxmin", True), CM02_FLAGS)
             for k in range(6) for m in makers]
    for model, flags, equal in (("cm02", CM02_FLAGS, False), ("lv08", LV08_FLAGS, False)):
        if model not in listed:
            print(f"FAIL: commsim lists no transfer model '{model}' (commsim list transfer_models)")
            return 1
        cases += [(f"{model} {m.__name__} #{k}", m(rng, model, equal), flags)
                  for k in range(6) for m in makers]
        cases.append((f"{model} smallest case", smallest_case(model), flags))
    for model, flags in (({"name": "cm02", "tcp_gamma": "2kB"}, CM02_WINDOW_FLAGS),
                         ({"name": "cm02", "crosstraffic": True}, CM02_CROSS_FLAGS)):
        cases += [(f"{json.dumps(model)} {m.__name__} #{k}", m(rng, model, False), flags)
                  for k in range(3) for m in makers + [random_shared_star]]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, sc, flags in cases:
            bad = mismatches(*arrivals(commsim, replay, sc, flags, work))
            print(f"{'ok' if not bad else 'FAIL'}: {name}")
            for i, a, b in bad[:5]:
                print(f"  message {i}: commsim {a:.12f} s, SimGrid {b:.12f} s")
            failures += bool(bad)
            if bad:
                (Path(tempfile.gettempdir()) / "simgrid_crosscheck_failed.json").write_text(
                    json.dumps(sc, indent=1))
        # The oracle must tell plain max-min from CM02's 1/latency weights.
        ours, theirs = arrivals(commsim, replay, smallest_case("maxmin"), CM02_FLAGS, work)
        if abs(theirs[2] - 0.0632512) > 1e-9 or not mismatches(ours, theirs):
            print(f"FAIL: maxmin on the smallest case should differ from CM02 "
                  f"(worker 0 upload: commsim {ours[2]:.9f} s, SimGrid {theirs[2]:.9f} s, "
                  f"expected SimGrid 0.0632512 s)")
            failures += 1
        else:
            print("ok: maxmin differs from CM02 on the smallest case (SimGrid 0.0632512 s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
