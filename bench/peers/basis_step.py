#!/usr/bin/python3
"""Peer baseline: one training step of a learned spectral basis in plain PyTorch (CPU).

Mirrors the training step of lapis.bases (CoordinateNetwork + DiffusionProbes + NestedProjectionLoss, driven by
SpectralBasisTrainer) so that the Java step time can be compared with it in the same run:

  points   : N on the unit sphere (numpy default_rng(seed) normals, normalised) or --points FILE.csv (x,y,z rows)
  input    : x' = (x - mean) / rms, rms = sqrt(mean ||x - mean||^2)
  features : phi = [x', cos(2 pi x' Omega), sin(2 pi x' Omega)], Omega ~ N(0, s^2) of 3 x F; once, float32
  network  : MLP float32, Linear(3+2F -> H), ReLU, (Linear(H -> H), ReLU) x (layers-2), Linear(H -> K)
  basis    : Q = MLP(phi) cast to float64; L = chol(Q^T Q / N); B = Q L^-T, so that B^T B / N = I
  operator : exact kNN (cKDTree, self excluded), symmetric union, W_ij = exp(-d^2 / (2 sigma^2)) cut below e^-8
             (beyond 4 sigma), W_ii = 1, sigma = --sigma (Lapis selects it from the kernel sums and prints it) or
             the mean k-th neighbour distance / 3; alpha = 1: W1 = D^-1 W D^-1, S = D1^-1/2 W1 D1^-1/2; once
  probes   : every step U ~ N(0, 1) of N x P, G = S^T U (T sparse products, float64, no gradient)
  loss     : A = B^T G / N, e_p = ||g_p||^2 / N, loss = 1 - sum_j (K - j) sum_p A_jp^2 / (K sum_p e_p)
  --probes 0 (Lapis's default): the expectation over probes in closed form, A = (S^T B)^T / sqrt(N): B cast to
             float32, T sparse products with autograd (COO, torch.sparse.mm), back to float64; the N columns of A
             share the constant mean energy E[||g||^2] / N, estimated once from 64 probes (it scales the
             loss, not the gradient's direction)
  optimiser: AdamW(1e-3, (0.9, 0.999), 1e-8, weight_decay 0.01), clip_grad_norm_(1.0)

One timed step = probe generation + forward + loss + backward + clip + optimiser step (time.perf_counter);
the probe generation is also timed alone inside the step. S is a CSR tensor (--sparse csr, default); COO with
torch.sparse.mm (--sparse coo) was as fast within noise on torch 1.13 here, and --sparse auto takes the faster of
the two as timed once before training. The losses depend (5th digit) on the OpenBLAS thread count, not the layout.

Threads: --threads sizes torch's OpenMP pool; Debian's torch does its GEMMs in the system OpenBLAS (pthread build),
whose own pool torch.set_num_threads leaves at the core count, so the script sizes it too (--blas-threads, default
= --threads) through openblas_set_num_threads; no environment variable is touched.

Loss floor: in expectation loss >= 1 - sum_j (K - j) mu_j / (K sum_i mu_i), mu = eig(S)^2T (the nested weights
cost even a perfect basis); at the defaults on the sphere that is 0.693, which training reaches in ~300 steps
(--train-steps), while the basis' overlap with the top-25 eigenspace of S rises from ~0.3 to ~0.98.

Usage: /usr/bin/python3 basis_step.py [--threads 2] [--blas-threads T] [--steps 50] [--warmup 5] [--train-steps N]
Last line: torch basis step: n=... threads=... median_ms=... min_ms=... probe_ms=... loss_first=... loss_last=...
(loss_first is the first step's, warm-up included; loss_last the last timed step's)
"""
import argparse
import ctypes
import statistics
import time
import warnings

import numpy as np
import scipy.sparse as sp
import torch
from scipy.spatial import cKDTree


def openblas():  # the OpenBLAS that torch (BLAS_INFO=generic on Debian) and numpy loaded, or None
    for line in open("/proc/self/maps"):
        if "libopenblas" in line:
            lib = ctypes.CDLL(line.split()[-1])
            lib.openblas_get_config.restype = ctypes.c_char_p
            return lib
    return None


def sphere_points(n, seed):
    x = np.random.default_rng(seed).standard_normal((n, 3))
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def fourier_features(x, f, scale, rng):
    xc = x - x.mean(axis=0)
    xn = xc / np.sqrt((xc ** 2).sum(axis=1).mean())
    omega = rng.normal(0.0, scale, size=(3, f))
    z = 2.0 * np.pi * xn @ omega
    return torch.from_numpy(np.hstack([xn, np.cos(z), np.sin(z)]).astype(np.float32))


def diffusion_operator(x, k, sigma):
    n = x.shape[0]
    dist, idx = cKDTree(x).query(x, k=k + 1)  # column 0 is the point itself
    dist, idx = dist[:, 1:], idx[:, 1:]
    sigma = sigma or dist[:, -1].mean() / 3.0
    rows, cols = np.repeat(np.arange(n), k), idx.ravel()
    w = np.exp(-dist.ravel() ** 2 / (2.0 * sigma ** 2))
    w[w < np.exp(-8.0)] = 0.0  # beyond 4 sigma, as Lapis drops them
    directed = sp.coo_matrix((w, (rows, cols)), shape=(n, n)).tocsr()
    directed.eliminate_zeros()
    wmat = directed.maximum(directed.T) + sp.identity(n, format="csr")  # union; d_ij is symmetric
    dinv = sp.diags(1.0 / np.asarray(wmat.sum(axis=1)).ravel())
    w1 = dinv @ wmat @ dinv
    d1 = sp.diags(1.0 / np.sqrt(np.asarray(w1.sum(axis=1)).ravel()))
    s = (d1 @ w1 @ d1).tocsr()
    s = ((s + s.T) * 0.5).tocsr()  # exact symmetry against rounding
    s.sort_indices()
    return s, sigma


def to_torch(s, layout):
    if layout == "csr":
        return torch.sparse_csr_tensor(torch.from_numpy(s.indptr.astype(np.int64)),
                                       torch.from_numpy(s.indices.astype(np.int64)),
                                       torch.from_numpy(s.data), size=s.shape, dtype=torch.float64)
    c = s.tocoo()
    ij = torch.from_numpy(np.vstack([c.row, c.col]).astype(np.int64))
    return torch.sparse_coo_tensor(ij, torch.from_numpy(c.data), size=s.shape).coalesce()


def diffuse(st, u, steps):  # S symmetric, so S^T U = S U
    g = u
    for _ in range(steps):
        g = torch.sparse.mm(st, g) if st.layout == torch.sparse_coo else st @ g
    return g


def mlp(d_in, hidden, k, layers):
    dims = [d_in] + [hidden] * (layers - 1) + [k]
    mods = []
    for i in range(layers):
        mods.append(torch.nn.Linear(dims[i], dims[i + 1]))
        if i < layers - 1:
            mods.append(torch.nn.ReLU())
    return torch.nn.Sequential(*mods)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name, default in [("n", 4000), ("seed", 1), ("fourier-features", 64), ("hidden", 128), ("k", 25),
                          ("layers", 4), ("knn", 32), ("probes", 64), ("diffusion-steps", 11), ("threads", 2),
                          ("warmup", 5), ("steps", 50), ("train-steps", 0), ("blas-threads", 0)]:
        ap.add_argument("--" + name, type=int, default=default)
    ap.add_argument("--feature-scale", type=float, default=1.0)
    ap.add_argument("--sigma", type=float, default=0.0,
                    help="Gaussian width (default: a third of the mean k-th distance; lapis bench basis prints its own)")
    ap.add_argument("--points", default=None, help="CSV of x,y,z rows (no header) instead of sphere points")
    ap.add_argument("--sparse", choices=["csr", "coo", "auto"], default="csr",
                    help="layout of S: csr (as specified), coo (torch.sparse.mm), auto (the faster of both here)")
    a = ap.parse_args()

    warnings.filterwarnings("ignore", message="Sparse CSR tensor support is in beta")
    torch.set_num_threads(a.threads)
    blas = openblas()  # its own pthread pool, which torch.set_num_threads does not size: size it here
    if blas is not None:
        blas.openblas_set_num_threads(a.blas_threads or a.threads)
    torch.manual_seed(a.seed)
    x = np.loadtxt(a.points, delimiter=",", ndmin=2) if a.points else sphere_points(a.n, a.seed)
    n, k, p, t = x.shape[0], a.k, a.probes, a.diffusion_steps
    info = [l.strip() for l in torch.__config__.parallel_info().splitlines()]
    print(f"torch {torch.__version__} get_num_threads={torch.get_num_threads()} parallel_info: {info[0]} "
          + " | ".join(l for l in info if l.startswith(("at::get_num_threads", "ATen parallel backend"))))
    print("blas: " + (f"{blas.openblas_get_config().decode()} threads={blas.openblas_get_num_threads()}"
                      if blas is not None else "no OpenBLAS loaded") + f"; numpy {np.__version__}")
    print(f"settings: n={n} seed={a.seed} points={a.points or 'sphere'} fourier_features={a.fourier_features} "
          f"feature_scale={a.feature_scale} hidden={a.hidden} k={k} layers={a.layers} knn={a.knn} probes={p} "
          f"diffusion_steps={t} threads={a.threads} blas_threads={a.blas_threads or a.threads} "
          f"sparse={a.sparse} warmup={a.warmup} steps={a.steps} train_steps={a.train_steps}")

    phi = fourier_features(x, a.fourier_features, a.feature_scale, np.random.default_rng(a.seed))
    s_np, sigma = diffusion_operator(x, a.knn, a.sigma)
    if p == 0 and a.sparse != "coo":
        print("--probes 0 differentiates through S, which torch's CSR product does not: using --sparse coo")
        a.sparse = "coo"
    ops = {lay: to_torch(s_np, lay) for lay in (["csr", "coo"] if a.sparse == "auto" else [a.sparse])}
    u0 = torch.randn(n, p or 64, dtype=torch.float64)
    probe_ms = {}
    for _ in range(3):  # S^T U per layout, alternating, best of 3; with --sparse auto the faster one is used
        for lay, st in ops.items():
            t0 = time.perf_counter()
            diffuse(st, u0, t)
            probe_ms[lay] = min(probe_ms.get(lay, 1e30), (time.perf_counter() - t0) * 1e3)
    layout = min(probe_ms, key=probe_ms.get)
    st = ops[layout]
    ref = torch.from_numpy(s_np @ u0.numpy())
    err = (diffuse(st, u0, 1) - ref).abs().max().item()
    print(f"operator: nnz={s_np.nnz} sigma={sigma:.5f} S^{t} U ms: "
          + " ".join(f"{l}={v:.2f}" for l, v in probe_ms.items())
          + f" scipy_check_err={err:.1e} -> using {layout}")

    net = mlp(phi.shape[1], a.hidden, k, a.layers)
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)
    w = torch.arange(k, 0, -1, dtype=torch.float64).unsqueeze(1)  # w_j = K - j, j 0-based

    st32 = st.float() if p == 0 else None
    energy = diffuse(st, u0, t).square().sum().item() / (n * u0.shape[1]) if p == 0 else None

    def expectation_step():
        t0 = time.perf_counter()
        q = net(phi).double()
        chol = torch.linalg.cholesky(q.T @ q / n)
        b = torch.linalg.solve_triangular(chol, q.T, upper=False).T  # B = Q L^-T
        coef = diffuse(st32, b.float(), t).double().T / np.sqrt(n)
        loss = 1.0 - (w * coef.square()).sum() / (k * n * energy)  # A is K x N: N columns of mean energy
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        return loss.item(), (time.perf_counter() - t0) * 1e3, 0.0

    def sampled_step():
        t0 = time.perf_counter()
        with torch.no_grad():
            g = diffuse(st, torch.randn(n, p, dtype=torch.float64), t)
        t1 = time.perf_counter()
        q = net(phi).double()
        chol = torch.linalg.cholesky(q.T @ q / n)
        b = torch.linalg.solve_triangular(chol, q.T, upper=False).T  # B = Q L^-T
        coef = b.T @ g / n
        loss = 1.0 - (w * coef.square()).sum() / (k * (g.square().sum() / n))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        return loss.item(), (time.perf_counter() - t0) * 1e3, (t1 - t0) * 1e3

    step = expectation_step if p == 0 else sampled_step
    if a.train_steps > 0:
        for i in range(1, a.train_steps + 1):
            loss, _, _ = step()
            if i % 100 == 0 or i == 1:
                print(f"train step {i} loss={loss:.4f}", flush=True)
        return
    warm = [step() for _ in range(a.warmup)]
    runs = [step() for _ in range(a.steps)]
    ms, pms = [r[1] for r in runs], [r[2] for r in runs]
    loss_first = (warm + runs)[0][0]  # the very first step's loss, warm-up included
    print(f"torch basis step: n={n} k={k} probes={p} T={t} hidden={a.hidden} threads={a.threads} "
          f"median_ms={statistics.median(ms):.1f} min_ms={min(ms):.1f} probe_ms={statistics.median(pms):.1f} "
          f"loss_first={loss_first:.6f} loss_last={runs[-1][0]:.6f}")


if __name__ == "__main__":
    main()
