#!/usr/bin/python3
"""scipy side of the sparse k-smallest benchmark (trimmed from ../shared/bench/peers/sparse_eigs.py).

Cases (same matrices as the peer script):
  grid   : combinatorial Laplacian of the 300 x 300 grid graph (n = 90,000), k = 20
  sphere : symmetric-normalised Laplacian of the symmetric kNN graph (k_nn = 10, Gaussian weights, sigma = mean
           kNN distance, W = max(W, W^T)) of 50,000 uniform points on S^2 (numpy default_rng(0)), k = 50
Solvers: eigsh_SI = eigsh(L, k, sigma=-1e-3, which='LM') (ARPACK shift-invert, SuperLU), eigsh_SA, lobpcg.
Timing: --repeats runs (default 3), each with wall time and process CPU time (all threads).
Residual: max ||L v - lambda v||_2 with unit v.
--write-edges FILE writes the edges u v w (u < v) of the sphere graph W so that SparseEigs.java builds the same
matrix. Last line printed: RESULT_JSON {...}
"""
import argparse
import json
import time

import numpy as np
import scipy
import scipy.sparse as sp
import scipy.sparse.linalg as sla
from scipy.spatial import cKDTree


def timed(fn, repeats):
    times, cpus = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return out, times, cpus


def grid_laplacian(m):
    e = np.ones(m)
    p = sp.diags([-e[:-1], -e[:-1]], [-1, 1], shape=(m, m))
    dp = sp.diags(np.r_[1.0, 2.0 * np.ones(m - 2), 1.0])
    lp = (dp + p).tocsr()
    i = sp.identity(m, format="csr")
    return (sp.kron(lp, i) + sp.kron(i, lp)).tocsr()


def grid_exact(m, k):
    lam1 = 4.0 * np.sin(np.pi * np.arange(m) / (2.0 * m)) ** 2
    r = min(m, k + 2)
    return np.sort((lam1[:r, None] + lam1[None, :r]).ravel())[:k]


def sphere_knn(n, knn, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, 3))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    d, idx = cKDTree(x).query(x, k=knn + 1)
    d, idx = d[:, 1:], idx[:, 1:]
    sigma = d.mean()
    rows = np.repeat(np.arange(n), knn)
    w = np.exp(-(d.ravel() ** 2) / (2.0 * sigma ** 2))
    wm = sp.csr_matrix((w, (rows, idx.ravel())), shape=(n, n))
    wm = wm.maximum(wm.T).tocsr()
    deg = np.asarray(wm.sum(axis=1)).ravel()
    dm = sp.diags(1.0 / np.sqrt(deg))
    lap = (sp.identity(n, format="csr") - dm @ wm @ dm).tocsr()
    return ((lap + lap.T) * 0.5).tocsr(), wm


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--case", choices=["grid", "sphere"], required=True)
    ap.add_argument("--solvers", default="eigsh_SI")
    ap.add_argument("--write-edges", default=None)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    if args.case == "grid":
        lap, k = grid_laplacian(300), 20
        exact = grid_exact(300, k)
    else:
        lap, wm = sphere_knn(50000, 10)
        k, exact = 50, None
        if args.write_edges:
            up = sp.triu(wm, k=1).tocoo()
            np.savetxt(args.write_edges, np.c_[up.row, up.col, up.data], fmt=["%d", "%d", "%.17g"])
    out = {"case": args.case, "n": lap.shape[0], "nnz": int(lap.nnz), "k": k, "scipy": scipy.__version__,
           "results": []}
    norm_inf = float(abs(lap).sum(axis=1).max())
    for name in args.solvers.split(","):
        if name == "eigsh_SI":
            fn = lambda: sla.eigsh(lap, k=k, sigma=-1e-3, which="LM")
        elif name == "eigsh_SA":
            fn = lambda: sla.eigsh(lap, k=k, which="SA")
        else:
            def fn():
                x0 = np.random.default_rng(0).standard_normal((lap.shape[0], k))
                return sla.lobpcg(lap, x0, largest=False, tol=1e-6, maxiter=500)
        (w, v), times, cpus = timed(fn, args.repeats)
        order = np.argsort(w)
        w, v = w[order], v[:, order]
        v = v / np.linalg.norm(v, axis=0, keepdims=True)
        res = float(np.linalg.norm(lap @ v - v * w[None, :], axis=0).max())
        info = {"solver": name, "wall_s_best": min(times), "wall_s_all": times, "cpu_s_all": cpus, "max_residual": res,
                "relative_max_residual": res / norm_inf, "eigenvalues": w.tolist()}
        if exact is not None:
            info["max_abs_err_vs_closed_form"] = float(np.abs(w - exact).max())
        out["results"].append(info)
        print(json.dumps({kk: vv for kk, vv in info.items() if kk != "eigenvalues"}), flush=True)
    print("RESULT_JSON " + json.dumps(out))


if __name__ == "__main__":
    main()
