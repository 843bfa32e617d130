#!/usr/bin/python3
"""Peer for `lapis bench knn`: scipy cKDTree build + k-NN query on points uniform on the sphere S^2.

Points as in ../shared/bench/peers/sparse_eigs.py (section 1b of RESULTS.md): normal draws from
numpy.random.default_rng(seed), each row normalised to unit length. The tree is queried for all points with
k + 1 neighbours (the first is the point itself) and that column is dropped. Times are wall-clock, best of
`--repeats` runs after one warm-up run:

- build_query: cKDTree(X) + tree.query(X, k + 1) with scipy's default workers=1 (the peer's number), and the same
  with workers=2;
- graph: build_query (workers=1) plus the Gaussian weights w = exp(-d^2 / (2 sigma^2)), sigma = mean kNN
  distance, and W = max(W, W^T) as a CSR matrix (no Laplacian).

Usage: /usr/bin/python3 bench/peers/knn_ckdtree.py [--n 50000] [--k 10] [--repeats 3] [--seed 0]
The last line is `RESULT_JSON {...}`.
"""
import argparse
import json
import platform
import time

import numpy as np
import scipy
import scipy.sparse as sp
from scipy.spatial import cKDTree


def sphere_points(n, seed):
    x = np.random.default_rng(seed).standard_normal((n, 3))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x


def build_query(x, k, workers):
    tree = cKDTree(x)
    d, idx = tree.query(x, k=k + 1, workers=workers)
    return d[:, 1:], idx[:, 1:]


def graph(x, k):
    n = x.shape[0]
    d, idx = build_query(x, k, 1)
    sigma = d.mean()
    rows = np.repeat(np.arange(n), k)
    w = np.exp(-(d.ravel() ** 2) / (2.0 * sigma ** 2))
    W = sp.csr_matrix((w, (rows, idx.ravel())), shape=(n, n))
    W = W.maximum(W.T).tocsr()
    return W, sigma


def best_of(fn, repeats):
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return out, min(times), times


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=50000)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    x = sphere_points(a.n, a.seed)
    _, t1, t1s = best_of(lambda: build_query(x, a.k, 1), a.repeats)
    _, t2, t2s = best_of(lambda: build_query(x, a.k, 2), a.repeats)
    (W, sigma), tg, tgs = best_of(lambda: graph(x, a.k), a.repeats)
    result = dict(
        n=a.n, k=a.k, seed=a.seed, repeats=a.repeats,
        t_build_query_s=t1, t_build_query_runs_s=t1s,
        t_build_query_workers2_s=t2, t_build_query_workers2_runs_s=t2s,
        t_graph_s=tg, t_graph_runs_s=tgs,
        sigma=float(sigma), undirected_edges=int((W.nnz) // 2), mean_degree=float(W.nnz / a.n),
        numpy=np.__version__, scipy=scipy.__version__, python=platform.python_version(),
    )
    print(f"cKDTree build+query (workers=1): {t1:.4f} s; workers=2: {t2:.4f} s; graph: {tg:.4f} s")
    print("RESULT_JSON " + json.dumps(result))


if __name__ == "__main__":
    main()
