#!/usr/bin/python3
"""Peer for `lapis bench zinc-eigh`: numpy (and torch, if installed) eigh of the ZINC Laplacians.

Reads the graphs Lapis exported (`lapis bench zinc-eigh --export-graphs FILE`: one graph per line,
'n u1 v1 u2 v2 ...'), builds dense L = I - D^-1/2 A D^-1/2 in float64, and times eigh batched by size
group (one stacked [g, n, n] call per node count), best of --repeats, as in the shared peer study.
Thread counts come from the environment (OPENBLAS_NUM_THREADS) and --torch-threads.
Last line: RESULT_JSON {...}
"""
import argparse
import json
import sys
import time

import numpy as np


def read_graphs(path):
    graphs = []
    with open(path) as f:
        for line in f:
            t = [int(x) for x in line.split()]
            e = np.array(t[1:], dtype=np.int64).reshape(-1, 2)
            graphs.append((t[0], e))
    return graphs


def laplacian(n, e):
    a = np.zeros((n, n))
    if len(e):
        a[e[:, 0], e[:, 1]] = 1.0
        a[e[:, 1], e[:, 0]] = 1.0
    d = a.sum(1)
    dinv = np.where(d > 0, 1.0 / np.sqrt(np.maximum(d, 1e-300)), 0.0)
    return np.eye(n) - dinv[:, None] * a * dinv[None, :]


def best(fn, repeats):
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("graphs")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--torch-threads", type=int, default=1)
    args = ap.parse_args()
    graphs = read_graphs(args.graphs)
    groups = {}
    for n, e in graphs:
        groups.setdefault(n, []).append(laplacian(n, e))
    stacks = [np.stack(v) for v in groups.values()]
    result = {"graphs": len(graphs), "numpy": np.__version__}

    t, out = best(lambda: [np.linalg.eigh(s) for s in stacks], args.repeats)
    res = max(float(np.linalg.norm(s @ v - v * w[..., None, :], axis=-2).max()) for s, (w, v) in zip(stacks, out))
    result["numpy_eigh_grouped_s"] = t
    result["numpy_max_residual"] = res
    print(f"numpy eigh grouped by size: {t:.3f} s, max residual {res:.2e}", flush=True)
    try:
        import torch
        torch.set_num_threads(args.torch_threads)
        result["torch"] = torch.__version__
        for dtype, name in ((torch.float64, "f64"), (torch.float32, "f32")):
            ts = [torch.from_numpy(s).to(dtype) for s in stacks]
            t, _ = best(lambda: [torch.linalg.eigh(s) for s in ts], args.repeats)
            result[f"torch_eigh_grouped_{name}_s"] = t
            print(f"torch eigh grouped by size, {name}, {args.torch_threads} thread(s): {t:.3f} s", flush=True)
    except ImportError:
        print("torch not installed: numpy only", file=sys.stderr)
    print("RESULT_JSON " + json.dumps(result))


if __name__ == "__main__":
    main()
