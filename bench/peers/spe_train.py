#!/usr/bin/python3
"""Peer baseline 3: SPE (Huang et al., ICLR 2024) training throughput on ZINC 12k in plain PyTorch (CPU).

No torch_geometric: message passing is done with index_add_ (scatter-sum), pooling with index_add_.
Architecture follows the reference config Graph-COM/SPE configs/zinc/SPE_gine_gin_mlp_pe37.yaml
(src/model.py, src/stable_expressive_pe.py, src/gin.py, src/gine.py, src/mlp.py), rewritten here:

  preprocessing : L = I - D^-1/2 A D^-1/2 (dense, per graph), all n eigenpairs (numpy eigh, float64 -> float32),
                  zero-padded to D_pe = 37 (Lambda [B,37], V [N_sum,37]) exactly like the reference pre_transform.
  psi_l (paper's phi), l = 1..16 : MLP 1 -> 16 -> 16 -> 1, BatchNorm + ReLU on the hidden layers (mlp_use_bn: true)
  W_l = V diag(psi_l(Lambda)) V^T  -> per graph [n, n, 16]; rows padded to the batch n_max  -> [N_sum, n_max, 16]
  rho (paper's rho, reference "phi") : 8-layer GIN over the first index (for every column j), hidden 128, out 37,
                  each GIN MLP = 3 layers (in -> 128 -> 128 -> out, BatchNorm + ReLU; reference create_mlp with
                  mlp_use_bn=true since its commit 8e4d135), eps learnable, no residual; then masked sum over
                  j -> PE [N_sum, 37]
  base          : Embedding(28,128)(atom) + Linear(37,128)(PE); 4 GINE layers (hidden 128, residual, bond-type
                  Embedding(4,128) per layer, message ReLU(x_j + e_ij), eps learnable, MLP 128->128->128->128 with
                  BatchNorm+ReLU); reference also adds a per-layer PE MLP(37->128->128->128, BN) to the node input of
                  every GINE layer (flag --pe-per-layer, default 1 = reference); mean pooling;
                  readout MLP 128 -> 128 -> 128 -> 1 (BatchNorm+ReLU; reference create_mlp with n_mlp_layers=3)
  loss / optim  : L1, Adam lr 1e-3 (reference additionally uses weight_decay 3e-6 + warmup/linear LR schedule:
                  not used here, irrelevant for throughput), batch 128.
Variants (--variant):
  spe   : as above
  lappe : same base, PE = first 8 eigenvectors with a random per-graph sign flip each step -> Linear(8,128) added
          at the input (no per-layer PE)
  none  : same base, no PE (GINE only)
Timing: torch.set_num_threads(2); batches are pre-collated (collation timed separately); training step =
zero_grad + forward + L1 + backward + Adam step; 3 warm-up batches then --steps timed batches.

Usage: /usr/bin/python3 spe_train.py --variant spe|lappe|none [--steps 20] [--pe-per-layer 1]
Last line printed: RESULT_JSON {...}
"""
import argparse
import os
import json
import sys
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

PE_DIMS = 37
HID = 128
N_ATOM_TYPES = 28
N_BOND_TYPES = 4


# ------------------------------------------------------------------------------------------- data
ZINC_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "datasets", "src", "main", "resources",
                        "lapis", "datasets", "zinc")


def load_zinc(csv=os.path.join(ZINC_DIR, "zinc12k.csv"), split_csv=os.path.join(ZINC_DIR, "splits.csv")):
    from rdkit import Chem
    smiles, y = [], []
    with open(csv) as f:
        f.readline()
        for line in f:
            parts = line.strip().split(",")
            smiles.append(parts[0])
            y.append(float(parts[5]))  # penalized_logp
    train_idx = []
    with open(split_csv) as f:
        f.readline()
        for line in f:
            v = line.strip().split(",")[0]
            if v != "":
                train_idx.append(int(v))
    atom_vocab = {}
    bond_map = {Chem.BondType.SINGLE: 0, Chem.BondType.DOUBLE: 1, Chem.BondType.TRIPLE: 2, Chem.BondType.AROMATIC: 3}
    graphs = []
    for s, t in zip(smiles, y):
        mol = Chem.MolFromSmiles(s)
        x = []
        for a in mol.GetAtoms():
            key = (a.GetSymbol(), a.GetFormalCharge(), a.GetTotalNumHs() if a.GetFormalCharge() != 0 else 0)
            if key not in atom_vocab:
                atom_vocab[key] = len(atom_vocab)
            x.append(atom_vocab[key] % N_ATOM_TYPES)
        src, dst, et = [], [], []
        for b in mol.GetBonds():
            i, j, k = b.GetBeginAtomIdx(), b.GetEndAtomIdx(), bond_map.get(b.GetBondType(), 0)
            src += [i, j]
            dst += [j, i]
            et += [k, k]
        graphs.append(dict(x=np.array(x, np.int64), ei=np.array([src, dst], np.int64), ea=np.array(et, np.int64),
                           y=t, n=len(x)))
    return graphs, train_idx, atom_vocab


def add_spectrum(graphs):
    for g in graphs:
        n = g["n"]
        A = np.zeros((n, n))
        A[g["ei"][0], g["ei"][1]] = 1.0
        d = A.sum(1)
        dinv = np.where(d > 0, 1.0 / np.sqrt(np.maximum(d, 1e-300)), 0.0)
        L = np.eye(n) - dinv[:, None] * A * dinv[None, :]
        w, V = np.linalg.eigh(L)
        k = min(n, PE_DIMS)
        lam = np.zeros(PE_DIMS, np.float32)
        Vp = np.zeros((n, PE_DIMS), np.float32)
        lam[:k] = w[:k]
        Vp[:, :k] = V[:, :k]
        g["lam"], g["V"] = lam, Vp


def collate(gs):
    ns = np.array([g["n"] for g in gs])
    off = np.concatenate([[0], np.cumsum(ns)[:-1]])
    b = dict(
        x=torch.from_numpy(np.concatenate([g["x"] for g in gs])),
        edge_index=torch.from_numpy(np.concatenate([g["ei"] + o for g, o in zip(gs, off)], axis=1)),
        edge_attr=torch.from_numpy(np.concatenate([g["ea"] for g in gs])),
        batch=torch.from_numpy(np.repeat(np.arange(len(gs)), ns)),
        pos=torch.from_numpy(np.concatenate([np.arange(n) for n in ns])),
        ns=torch.from_numpy(ns),
        y=torch.tensor([g["y"] for g in gs], dtype=torch.float32),
        num_graphs=len(gs), n_max=int(ns.max()),
    )
    if "lam" in gs[0]:
        b["Lambda"] = torch.from_numpy(np.stack([g["lam"] for g in gs]))
        b["V"] = torch.from_numpy(np.concatenate([g["V"] for g in gs]))
    return b


# ------------------------------------------------------------------------------------------- model
class MLP(nn.Module):
    """n_layers linear layers: (Linear [+norm] + ReLU) x (n_layers-1), then Linear. Mirrors reference src/mlp.py."""

    def __init__(self, n_layers, d_in, d_hid, d_out, norm):
        super().__init__()
        self.lins = nn.ModuleList()
        self.norms = nn.ModuleList()
        d = d_in
        for _ in range(n_layers - 1):
            self.lins.append(nn.Linear(d, d_hid))
            self.norms.append(nn.BatchNorm1d(d_hid) if norm == "bn" else nn.Identity())
            d = d_hid
        self.fc = nn.Linear(d, d_out)

    def forward(self, x):
        for lin, nm in zip(self.lins, self.norms):
            x = lin(x)
            if not isinstance(nm, nn.Identity):
                s = x.shape
                x = nm(x.reshape(-1, s[-1])).reshape(s)
            x = F.relu(x)
        return self.fc(x)


def scatter_sum(src_feat, index, n):
    out = torch.zeros((n,) + tuple(src_feat.shape[1:]), dtype=src_feat.dtype)
    return out.index_add_(0, index, src_feat)


class GINLayer(nn.Module):
    def __init__(self, mlp):
        super().__init__()
        self.eps = nn.Parameter(torch.randn(1))
        self.mlp = mlp

    def forward(self, X, edge_index):           # X: [N, ***, D]
        S = scatter_sum(X[edge_index[0]], edge_index[1], X.shape[0])
        return self.mlp((1 + self.eps) * X + S)


class GINRho(nn.Module):
    def __init__(self, n_layers=8, d_in=16, d_hid=HID, d_out=PE_DIMS):
        super().__init__()
        layers = []
        d = d_in
        for _ in range(n_layers - 1):
            layers.append(GINLayer(MLP(3, d, d_hid, d_hid, norm="bn")))
            d = d_hid
        layers.append(GINLayer(MLP(3, d_hid, d_hid, d_out, norm="bn")))
        self.layers = nn.ModuleList(layers)

    def forward(self, X, edge_index):
        for layer in self.layers:
            X = layer(X, edge_index)
        return X


class SPE(nn.Module):
    def __init__(self, m=16):
        super().__init__()
        self.psis = nn.ModuleList([MLP(3, 1, 16, 1, norm="bn") for _ in range(m)])
        self.rho = GINRho(8, m, HID, PE_DIMS)

    def forward(self, b):
        Lam = b["Lambda"].unsqueeze(-1)                                        # [B, 37, 1]
        Z = torch.stack([psi(Lam).squeeze(-1) for psi in self.psis], dim=2)  # [B, 37, m]
        B, nmax = b["num_graphs"], b["n_max"]
        Vp = torch.zeros(B, nmax, PE_DIMS)
        Vp[b["batch"], b["pos"]] = b["V"]                                      # [B, nmax, 37]
        VZ = Vp.unsqueeze(-1) * Z.unsqueeze(1)                                 # [B, nmax, 37, m]
        W = torch.einsum("bikm,bjk->bijm", VZ, Vp)                            # [B, nmax, nmax, m]
        X = W[b["batch"], b["pos"]]                                            # [N_sum, nmax, m]
        mask = (torch.arange(nmax).unsqueeze(0) < b["ns"][b["batch"]].unsqueeze(1)).to(X.dtype)  # [N_sum, nmax]
        X = self.rho(X, b["edge_index"])                                       # [N_sum, nmax, 37]
        return (X * mask.unsqueeze(-1)).sum(1)                                 # [N_sum, 37]


class GINELayer(nn.Module):
    def __init__(self, pe_dim_per_layer=None):
        super().__init__()
        self.edge_emb = nn.Embedding(N_BOND_TYPES, HID)
        self.pe_mlp = MLP(3, pe_dim_per_layer, HID, HID, norm="bn") if pe_dim_per_layer else None
        self.eps = nn.Parameter(torch.randn(1))
        self.mlp = MLP(3, HID, HID, HID, norm="bn")

    def forward(self, X, edge_index, edge_attr, PE):
        Xe = self.edge_emb(edge_attr)
        if self.pe_mlp is not None:
            X = X + self.pe_mlp(PE)
        msg = F.relu(X[edge_index[0]] + Xe)
        S = scatter_sum(msg, edge_index[1], X.shape[0])
        return self.mlp((1 + self.eps) * X + S)


class Net(nn.Module):
    def __init__(self, variant, pe_per_layer=True):
        super().__init__()
        self.variant = variant
        self.atom_emb = nn.Embedding(N_ATOM_TYPES, HID)
        if variant == "spe":
            self.pe = SPE(16)
            self.pe_lin = nn.Linear(PE_DIMS, HID)
        elif variant == "lappe":
            self.pe_lin = nn.Linear(8, HID)
        per_layer = PE_DIMS if (variant == "spe" and pe_per_layer) else None
        self.gine = nn.ModuleList([GINELayer(per_layer) for _ in range(4)])
        self.readout = MLP(3, HID, HID, 1, norm="bn")

    def forward(self, b):
        X = self.atom_emb(b["x"])
        PE = None
        if self.variant == "spe":
            PE = self.pe(b)
            X = X + self.pe_lin(PE)
        elif self.variant == "lappe":
            V8 = b["V"][:, :8]
            sign = (torch.randint(0, 2, (b["num_graphs"], 8)) * 2 - 1).to(V8.dtype)   # random sign flip
            X = X + self.pe_lin(V8 * sign[b["batch"]])
        for layer in self.gine:
            X = layer(X, b["edge_index"], b["edge_attr"], PE) + X                   # residual
        B = b["num_graphs"]
        pooled = scatter_sum(X, b["batch"], B) / b["ns"].to(X.dtype).unsqueeze(1)    # mean pooling
        return self.readout(pooled).squeeze(-1)


# ------------------------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--variant", choices=["spe", "lappe", "none"], required=True)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--pe-per-layer", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    import rdkit
    env = dict(python=sys.version.split()[0], torch=torch.__version__, numpy=np.__version__, rdkit=rdkit.__version__,
               torch_threads=torch.get_num_threads(), torch_interop_threads=torch.get_num_interop_threads())
    print("env:", json.dumps(env), flush=True)
    R = dict(variant=args.variant, pe_per_layer=bool(args.pe_per_layer) if args.variant == "spe" else None,
             batch=args.batch, warmup=args.warmup, steps=args.steps, env=env)

    t0 = time.perf_counter()
    graphs, train_idx, vocab = load_zinc()
    R["t_rdkit_load_s"] = time.perf_counter() - t0
    R["atom_types_found"] = len(vocab)
    tr = [graphs[i] for i in train_idx]
    t0 = time.perf_counter()
    if args.variant != "none":
        add_spectrum(tr)
    R["t_eigh_preprocess_train_s"] = time.perf_counter() - t0
    R["n_train"] = len(tr)

    rng = np.random.default_rng(0)
    perm = rng.permutation(len(tr))
    nb = args.warmup + args.steps
    t0 = time.perf_counter()
    n_full = len(tr) // args.batch          # 78 full batches; wrap around if more steps are requested
    batches = [collate([tr[i] for i in perm[(k % n_full) * args.batch:((k % n_full) + 1) * args.batch]])
               for k in range(nb)]
    R["t_collate_per_batch_s"] = (time.perf_counter() - t0) / nb
    R["mean_nodes_per_batch"] = float(np.mean([b["x"].shape[0] for b in batches]))
    R["mean_nmax_per_batch"] = float(np.mean([b["n_max"] for b in batches]))

    model = Net(args.variant, bool(args.pe_per_layer))
    R["params"] = int(sum(p.numel() for p in model.parameters()))
    if args.variant == "spe":
        R["params_spe_pe_module"] = int(sum(p.numel() for p in model.pe.parameters()))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()

    def step(b):
        opt.zero_grad()
        pred = model(b)
        loss = F.l1_loss(pred, b["y"])
        loss.backward()
        opt.step()
        return float(loss)

    losses = []
    for b in batches[:args.warmup]:
        losses.append(step(b))
    times = []
    for b in batches[args.warmup:]:
        t0 = time.perf_counter()
        losses.append(step(b))
        times.append(time.perf_counter() - t0)
    times = np.array(times)
    graphs_timed = args.batch * args.steps
    R["step_s_mean"] = float(times.mean())
    R["step_s_median"] = float(np.median(times))
    R["step_s_min"] = float(times.min())
    R["graphs_per_s"] = graphs_timed / float(times.sum())
    R["epoch_estimate_s_10000_graphs"] = 10000 / R["graphs_per_s"]
    R["epoch_estimate_incl_collate_s"] = R["epoch_estimate_s_10000_graphs"] + R["t_collate_per_batch_s"] * 10000 / args.batch
    R["loss_first_last"] = [losses[0], losses[-1]]
    # forward-only (eval mode) timing on the same timed batches, for reference
    model.eval()
    ev = batches[args.warmup:args.warmup + min(5, args.steps)]
    with torch.no_grad():
        t0 = time.perf_counter()
        for b in ev:
            model(b)
        R["eval_forward_graphs_per_s"] = args.batch * len(ev) / (time.perf_counter() - t0)
        R["eval_forward_batches"] = len(ev)
    for k, v in R.items():
        if k != "env":
            print(f"{k}: {v}")
    print("RESULT_JSON " + json.dumps(R))


if __name__ == "__main__":
    main()
