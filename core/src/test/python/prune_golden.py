#!/usr/bin/python3
"""Golden values for distinct's pruning package (angles, loss gradients, criteria, surgery), PyTorch float64.

Run:  /usr/bin/python3 core/src/test/python/prune_golden.py   (from the repository root)
Writes src/test/resources/golden/prune_<case>.json, read by org.distinct.prune.PruneGoldenTest.

Each case stores its inputs x [n x in] (row-major), labels, the weights of an MLP (w [out x in] as
nn.Linear, b [out]) with planted units in hidden layer 0 (a clone, and a negation with equal outgoing
weights), and, all computed here independently of the Java code:
  activations  hidden activations [n x H]
  centres      value subtracted per unit (0.5 sigmoid, 0 tanh, observed-range midpoint relu)
  angles       [H x H] degrees, by Kahan's formula 2*atan2(|u-v|, |u+v|) on unit vectors (NaN for
               near-constant units: centred length < 1e-3 sqrt(n))
  grads        dL_p/da [n x H], L_p = per-pattern cross-entropy, by autograd
  taylor, taylor_centred, variance, magnitude_in, magnitude_out   per-unit scores
  fit          least-squares a_r ~ alpha a_k + beta for a given (k, r) (numpy lstsq)
  merged_logits      logits after the plain merge of the clone into its source (W[:,k] += W[:,r])
  removed_logits     logits after also removing the negated pair with the mean fold
  merged_w2, merged_b2, removed_w2, removed_b2   the output layers after those surgeries
"""
import json
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden")
ACTS = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu}


def flat(a):
    return [float(v) for v in np.asarray(a).reshape(-1)]


def nan_to_none(a):
    return [None if np.isnan(v) else float(v) for v in np.asarray(a).reshape(-1)]


def case(name, seed, sizes, activation, n, clone, neg, fit_pair):
    rs = np.random.RandomState(seed)
    x = rs.uniform(0, 1, (n, sizes[0]))
    y = rs.randint(0, sizes[-1], n)
    ws, bs = [], []
    for i in range(len(sizes) - 1):
        bound = 2.0 / np.sqrt(sizes[i])
        ws.append(rs.uniform(-bound, bound, (sizes[i + 1], sizes[i])))
        bs.append(rs.uniform(-bound, bound, sizes[i + 1]))
    if activation == "relu":
        bs[0] += 1.0  # fewer dead units
    (src, dst) = clone
    ws[0][dst] = ws[0][src]
    bs[0][dst] = bs[0][src]
    (nsrc, ndst) = neg
    ws[0][ndst] = -ws[0][nsrc]
    bs[0][ndst] = -bs[0][nsrc]
    ws[1][:, ndst] = ws[1][:, nsrc]

    act = ACTS[activation]
    xt = torch.from_numpy(x)
    a = act(xt @ torch.from_numpy(ws[0]).T + torch.from_numpy(bs[0]))
    a_leaf = a.detach().clone().requires_grad_(True)
    z = a_leaf
    for i in range(1, len(ws)):
        z = z @ torch.from_numpy(ws[i]).T + torch.from_numpy(bs[i])
        if i < len(ws) - 1:
            z = act(z)
    loss = torch.nn.functional.cross_entropy(z, torch.from_numpy(y), reduction="sum")
    loss.backward()
    A = a.detach().numpy()
    G = a_leaf.grad.numpy()
    H = A.shape[1]

    if activation == "sigmoid":
        centres = np.full(H, 0.5)
    elif activation == "tanh":
        centres = np.zeros(H)
    else:
        centres = 0.5 * (A.min(axis=0) + A.max(axis=0))
    C = A - centres
    norms = np.sqrt((C * C).sum(axis=0))
    constant = norms < 1e-3 * np.sqrt(n)
    U = C / np.where(norms > 0, norms, 1.0)
    ang = np.zeros((H, H))
    for i in range(H):
        for j in range(H):
            if constant[i] or constant[j]:
                ang[i, j] = np.nan
            else:
                ang[i, j] = np.degrees(2 * np.arctan2(np.linalg.norm(U[:, i] - U[:, j]), np.linalg.norm(U[:, i] + U[:, j])))

    mean = A.mean(axis=0)
    k, r = fit_pair
    X = np.stack([A[:, k], np.ones(n)], axis=1)
    alpha, beta = np.linalg.lstsq(X, A[:, r], rcond=None)[0]

    def forward_from_hidden(Ah, w1, b1):
        h = torch.from_numpy(Ah)
        zz = h @ torch.from_numpy(w1).T + torch.from_numpy(b1)
        for i in range(2, len(ws)):
            zz = act(zz) @ torch.from_numpy(ws[i]).T + torch.from_numpy(bs[i])
        return zz.numpy()

    # plain merge of the clone dst into src: W[:,src] += W[:,dst], delete dst
    w2 = ws[1].copy()
    b2 = bs[1].copy()
    w2[:, src] += w2[:, dst]
    keep = [u for u in range(H) if u != dst]
    merged_w2, merged_b2 = w2[:, keep], b2.copy()
    merged = forward_from_hidden(A[:, keep], merged_w2, merged_b2)
    # then remove the negated pair with the mean fold
    b3 = merged_b2 + w2[:, nsrc] * mean[nsrc] + w2[:, ndst] * mean[ndst]
    keep2 = [u for u in keep if u not in (nsrc, ndst)]
    removed_w2 = w2[:, keep2]
    removed = forward_from_hidden(A[:, keep2], removed_w2, b3)

    out = {
        "name": name,
        "generator": "src/test/python/prune_golden.py",
        "torch": torch.__version__,
        "seed": seed,
        "sizes": sizes,
        "activation": activation,
        "n": n,
        "x": flat(x),
        "labels": [int(v) for v in y],
        "layers": [{"w": flat(w), "b": flat(b)} for w, b in zip(ws, bs)],
        "clone": [src, dst],
        "negation": [nsrc, ndst],
        "activations": flat(A),
        "centres": flat(centres),
        "angles": nan_to_none(ang),
        "constant": [bool(c) for c in constant],
        "grads": flat(G),
        "taylor": flat(np.abs((A * G).mean(axis=0))),
        "taylor_centred": flat(np.abs(((A - mean) * G).mean(axis=0))),
        "variance": flat(((A - mean) ** 2).mean(axis=0)),
        "magnitude_in": flat(np.abs(ws[0]).sum(axis=1)),
        "magnitude_out": flat(np.abs(ws[1]).sum(axis=0)),
        "fit_pair": [k, r],
        "fit": [float(alpha), float(beta)],
        "logits": flat(forward_from_hidden(A, ws[1], bs[1])),
        "merged_w2": flat(merged_w2),
        "merged_b2": flat(merged_b2),
        "merged_logits": flat(merged),
        "removed_w2": flat(removed_w2),
        "removed_b2": flat(b3),
        "removed_logits": flat(removed),
    }
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "prune_" + name + ".json"), "w") as f:
        json.dump(out, f, indent=0)


if __name__ == "__main__":
    case("sigmoid_25_30_3", 11, [25, 30, 3], "sigmoid", 80, (4, 29), (7, 28), (2, 3))
    case("tanh_6_9_5_3", 12, [6, 9, 5, 3], "tanh", 40, (1, 8), (2, 6), (0, 4))
    case("relu_5_10_3", 13, [5, 10, 3], "relu", 50, (0, 9), (3, 5), (4, 6))
