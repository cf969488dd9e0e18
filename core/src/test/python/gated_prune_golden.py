#!/usr/bin/python3
"""Golden values for distinct's LSTM/GRU pruning (GatedTarget, GatedSurgery), PyTorch float64.

Run:  /usr/bin/python3 core/src/test/python/gated_prune_golden.py   (from the repository root)
Writes src/test/resources/golden/gated_prune_<case>.json, read by org.distinct.prune.GatedPruneGoldenTest.

Each case is a two-layer nn.LSTM / nn.GRU stack (one module per layer, batch_first) + nn.Linear, PyTorch layout
(per layer w_ih [G*H x in], w_hh [G*H x H], b_ih, b_hh [G*H], gate blocks LSTM i,f,g,o / GRU r,z,n; w_out, b_out),
with two planted structures:
  clone (src, dst) in layer 0:   dst's rows in every gate block of w_ih, w_hh, b_ih, b_hh equal src's
                                 -> h_dst = h_src at every step
  pair (i, j) in layer 1:        columns i and j equal in layer 1's w_hh and in w_out; j's rows equal i's except
                                 in gate block 2 (LSTM g, GRU n), where they are negated -> h_j = -h_i, and the
                                 pair's joint contribution is 0
and, all computed here independently of the Java code:
  states_<l>     hidden states of layer l at every step of every sequence [sum T x H_l]
  logits         [n x C]
  angles_<l>     [H_l x H_l] degrees over the states (centre 0), Kahan's 2*atan2(|u-v|, |u+v|) on unit vectors
  means_<l>      mean state per unit
  grads_<l>      dL_s/dh_t of layer l [sum T x H_l] (L_s = cross-entropy of sequence s) by autograd through an
                 explicit LSTMCell/GRUCell loop with retain_grad on every h_t (total derivative: later steps
                 and the layer above included)
  taylor_<l>     |(1/N) sum_rows h * grad| per unit (N = sum T)
  merged         the clone dst merged into src (layer 0): w_hh0[:,src] += w_hh0[:,dst],
                 w_ih1[:,src] += w_ih1[:,dst], then dst's rows in every gate block of layer 0 and its columns
                 in w_hh0 and w_ih1 deleted: parameters, logits and states of the smaller network
  removed        the pair (i, j) of layer 1 removed with the mean fold (b_hh1 += w_hh1[:,u] mean(h_u),
                 b_out += w_out[:,u] mean(h_u), u in (i, j)): parameters and logits
  folded         unit `drop` of layer 0 removed with the mean fold (b_hh0 += w_hh0[:,drop] mean(h_drop),
                 b_ih1 += w_ih1[:,drop] mean(h_drop)): parameters and logits (not exact: checks the rule, incl.
                 the GRU's b_hn inside the reset product)
  masked_logits  the paper's mask on the planted model: rows of dst (layer 0) and i (layer 1) zeroed in every
                 gate block of w_ih, w_hh, b_ih, b_hh
"""
import json
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden")
GATES = {"lstm": 4, "gru": 3}


def flat(a):
    return [float(v) for v in np.asarray(a).reshape(-1)]


def rows_of(units, h, g):
    """Row indices of the given units in every gate block."""
    return [k * h + u for k in range(g) for u in units]


def run(cell, layers, w_out, b_out, xs):
    """States of every layer [sum T x H_l] and logits, with nn.LSTM / nn.GRU modules."""
    mods = []
    for (w_ih, w_hh, b_ih, b_hh) in layers:
        h = w_hh.shape[1]
        mod = (torch.nn.LSTM if cell == "lstm" else torch.nn.GRU)(w_ih.shape[1], h, batch_first=True)
        with torch.no_grad():
            mod.weight_ih_l0.copy_(torch.from_numpy(w_ih))
            mod.weight_hh_l0.copy_(torch.from_numpy(w_hh))
            mod.bias_ih_l0.copy_(torch.from_numpy(b_ih))
            mod.bias_hh_l0.copy_(torch.from_numpy(b_hh))
        mods.append(mod)
    states = [[] for _ in layers]
    logits = []
    with torch.no_grad():
        for x in xs:
            o = torch.from_numpy(x).unsqueeze(0)
            for l, mod in enumerate(mods):
                o, _ = mod(o)
                states[l].append(o[0].numpy())
            logits.append((o[0, -1] @ torch.from_numpy(w_out).T + torch.from_numpy(b_out)).numpy())
    return [np.concatenate(s, axis=0) for s in states], np.stack(logits)


def state_grads(cell, layers, w_out, b_out, xs, ys):
    """dL_s/dh_t of every layer by autograd through explicit cells."""
    cells = []
    for (w_ih, w_hh, b_ih, b_hh) in layers:
        c = (torch.nn.LSTMCell if cell == "lstm" else torch.nn.GRUCell)(w_ih.shape[1], w_hh.shape[1])
        with torch.no_grad():
            c.weight_ih.copy_(torch.from_numpy(w_ih))
            c.weight_hh.copy_(torch.from_numpy(w_hh))
            c.bias_ih.copy_(torch.from_numpy(b_ih))
            c.bias_hh.copy_(torch.from_numpy(b_hh))
        cells.append(c)
    wo, bo = torch.from_numpy(w_out), torch.from_numpy(b_out)
    out = [[] for _ in layers]
    for x, y in zip(xs, ys):
        hs = [[] for _ in layers]
        st = [None] * len(layers)
        for t in range(x.shape[0]):
            inp = torch.from_numpy(x[t: t + 1])
            for l, c in enumerate(cells):
                h = c.hidden_size
                if st[l] is None:
                    st[l] = (torch.zeros(1, h), torch.zeros(1, h)) if cell == "lstm" else torch.zeros(1, h)
                st[l] = c(inp, st[l])
                hcur = st[l][0] if cell == "lstm" else st[l]
                hcur.retain_grad()
                hs[l].append(hcur)
                inp = hcur
        z = inp @ wo.T + bo
        loss = torch.nn.functional.cross_entropy(z, torch.tensor([int(y)]), reduction="sum")
        loss.backward()
        for l in range(len(layers)):
            out[l].append(np.concatenate([hh.grad.numpy() for hh in hs[l]], axis=0))
    return [np.concatenate(o, axis=0) for o in out]


def angles(A):
    n, h = A.shape
    norms = np.sqrt((A * A).sum(axis=0))
    U = A / np.where(norms > 0, norms, 1.0)
    ang = np.zeros((h, h))
    for i in range(h):
        for j in range(h):
            ang[i, j] = np.degrees(2 * np.arctan2(np.linalg.norm(U[:, i] - U[:, j]), np.linalg.norm(U[:, i] + U[:, j])))
    return ang


def remove(layers, w_out, b_out, l, folds, g):
    """Structural removal from layer l: folds (r, k, alpha, beta) into w_hh/b_hh of l and the consumer, then
    the removed units' rows (every gate block) and columns deleted. Returns new layers, w_out, b_out."""
    layers = [[a.copy() for a in layer] for layer in layers]
    w_out, b_out = w_out.copy(), b_out.copy()
    w_ih, w_hh, b_ih, b_hh = layers[l]
    h = w_hh.shape[1]
    last = l == len(layers) - 1
    cons_w, cons_b = (w_out, b_out) if last else (layers[l + 1][0], layers[l + 1][2])
    for (r, k, alpha, beta) in folds:
        for w, b in ((w_hh, b_hh), (cons_w, cons_b)):
            b += beta * w[:, r]
            if k >= 0:
                w[:, k] += alpha * w[:, r]
    gone = [f[0] for f in folds]
    keep = [u for u in range(h) if u not in gone]
    rk = rows_of(keep, h, g)
    layers[l] = [w_ih[rk], w_hh[np.ix_(rk, keep)], b_ih[rk], b_hh[rk]]
    if last:
        w_out = cons_w[:, keep]
    else:
        layers[l + 1][0] = cons_w[:, keep]
    return layers, w_out, b_out


def case(cell, seed, inp, hidden, cls, n, clone, pair, drop):
    g = GATES[cell]
    rs = np.random.RandomState(seed)
    lengths = rs.randint(3, 12, n)
    xs = [rs.uniform(-1, 1, (int(t), inp)) for t in lengths]
    ys = rs.randint(0, cls, n)
    layers = []
    prev = inp
    for h in hidden:
        k = 1.5 / np.sqrt(h)
        layers.append([rs.uniform(-k, k, (g * h, prev)), rs.uniform(-k, k, (g * h, h)), rs.uniform(-k, k, g * h),
                       rs.uniform(-k, k, g * h)])
        prev = h
    k = 1.5 / np.sqrt(prev)
    w_out = rs.uniform(-k, k, (cls, prev))
    b_out = rs.uniform(-k, k, cls)
    # the clone in layer 0
    src, dst = clone
    h0 = hidden[0]
    for blk in range(g):
        for a in layers[0]:
            a[blk * h0 + dst] = a[blk * h0 + src]
    # the complementary pair in layer 1: equal columns first, then j's rows from i's (block 2 negated)
    pi, pj = pair
    h1 = hidden[1]
    layers[1][1][:, pj] = layers[1][1][:, pi]
    w_out[:, pj] = w_out[:, pi]
    for blk in range(g):
        sign = -1.0 if blk == 2 else 1.0
        for a in layers[1]:
            a[blk * h1 + pj] = sign * a[blk * h1 + pi]

    S, Z = run(cell, layers, w_out, b_out, xs)
    G = state_grads(cell, layers, w_out, b_out, xs, ys)
    means = [s.mean(axis=0) for s in S]

    m_layers, m_out, m_bout = remove(layers, w_out, b_out, 0, [(dst, src, 1.0, 0.0)], g)
    MS, MZ = run(cell, m_layers, m_out, m_bout, xs)
    r_layers, r_out, r_bout = remove(layers, w_out, b_out, 1, [(pi, -1, 0.0, means[1][pi]), (pj, -1, 0.0, means[1][pj])], g)
    _, RZ = run(cell, r_layers, r_out, r_bout, xs)
    f_layers, f_out, f_bout = remove(layers, w_out, b_out, 0, [(drop, -1, 0.0, means[0][drop])], g)
    _, FZ = run(cell, f_layers, f_out, f_bout, xs)
    k_layers = [[a.copy() for a in layer] for layer in layers]
    for l, u in ((0, dst), (1, pi)):
        for a in k_layers[l]:
            a[rows_of([u], hidden[l], g)] = 0
    _, KZ = run(cell, k_layers, w_out, b_out, xs)

    def params(ls, wo, bo):
        return {"layers": [{"w_ih": flat(a), "w_hh": flat(b), "b_ih": flat(c), "b_hh": flat(d)} for (a, b, c, d) in ls],
                "w_out": flat(wo), "b_out": flat(bo)}

    out = {
        "name": cell, "cell": cell, "generator": "src/test/python/gated_prune_golden.py", "torch": torch.__version__,
        "seed": seed, "sizes": [inp] + list(hidden) + [cls],
        "sequences": [flat(x) for x in xs], "labels": [int(v) for v in ys],
        "params": params(layers, w_out, b_out), "clone": [src, dst], "pair": [pi, pj], "drop": drop,
        "logits": flat(Z),
        "merged": dict(params(m_layers, m_out, m_bout), logits=flat(MZ), states=[flat(s) for s in MS]),
        "removed": dict(params(r_layers, r_out, r_bout), logits=flat(RZ)),
        "folded": dict(params(f_layers, f_out, f_bout), logits=flat(FZ)),
        "masked_logits": flat(KZ),
    }
    for l in range(len(hidden)):
        out["states_%d" % l] = flat(S[l])
        out["angles_%d" % l] = flat(angles(S[l]))
        out["means_%d" % l] = flat(means[l])
        out["grads_%d" % l] = flat(G[l])
        out["taylor_%d" % l] = flat(np.abs((S[l] * G[l]).mean(axis=0)))
    assert np.abs(MZ - Z).max() < 1e-12 and np.abs(RZ - Z).max() < 1e-12, "the planted structures must be exact"
    assert np.abs(FZ - Z).max() > 1e-6, "the fold of a real unit is an approximation"
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "gated_prune_" + cell + ".json")
    with open(path, "w") as f:
        json.dump(out, f, indent=0)
    print("wrote", path)


if __name__ == "__main__":
    case("lstm", 61, 2, [6, 5], 3, 5, (1, 4), (0, 3), 2)
    case("gru", 62, 2, [6, 5], 3, 5, (5, 0), (4, 1), 3)
