#!/usr/bin/python3
"""Golden values for distinct's RNN pruning (RnnTarget, RnnSurgery), PyTorch float64.

Run:  /usr/bin/python3 core/src/test/python/rnn_prune_golden.py   (from the repository root)
Writes src/test/resources/golden/rnn_prune_<case>.json, read by org.distinct.prune.RnnPruneGoldenTest.

Each case stores its sequences (unequal lengths, row-major [T x I] each), labels and the weights of an
nn.RNN(tanh) + nn.Linear (PyTorch layout: w_ih [H x I], w_hh [H x H], b = b_ih (b_hh = 0), w_out [C x H],
b_out [C]) with two planted structures in the hidden layer:
  clone (src, dst):     row dst of w_ih, w_hh and b equal to row src  ->  h_dst = h_src at every step
  negation (i, j):      row j = -row i (w_ih, w_hh, b) and column j = column i (w_hh, w_out); compatible
                        because w_hh[i,i] = w_hh[i,j] and w_hh[j,i] = w_hh[j,j] = -w_hh[i,i]
                        ->  h_j = -h_i and the pair's joint contribution is 0
and, all computed here independently of the Java code:
  states        hidden states at every step of every sequence [sum T x H] (nn.RNN, one sequence at a time)
  logits        nn.Linear(h_T)  [n x C]
  angles        [H x H] degrees over the states (centre 0), Kahan's 2*atan2(|u-v|, |u+v|) on unit vectors
  grads         dL_s/dh_t [sum T x H] (L_s = cross-entropy of sequence s) by autograd through an explicit
                nn.RNNCell loop with retain_grad on every h_t (the total derivative, later steps included)
  taylor        |(1/N) sum_rows h * grad| per unit (N = sum T)
  merged_*      structural merge of the clone dst into src (w_hh[:,src] += w_hh[:,dst], w_out[:,src] +=
                w_out[:,dst], delete row dst of w_ih, w_hh, b and column dst of w_hh, w_out): weights, and
                logits / states of the smaller nn.RNN
  removed_*     then the negated pair removed with the mean fold (b += w_hh[:,u] mean(h_u), b_out +=
                w_out[:,u] mean(h_u) for u in (i, j), means over the planted model's states): weights, logits
  masked_logits the paper's mask variant on the planted model: rows dst, i, j of w_ih, w_hh and b zeroed
"""
import json
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden")


def flat(a):
    return [float(v) for v in np.asarray(a).reshape(-1)]


def run_rnn(w_ih, w_hh, b, w_out, b_out, xs):
    h, i = w_ih.shape
    rnn = torch.nn.RNN(i, h, nonlinearity="tanh", batch_first=True)
    lin = torch.nn.Linear(h, w_out.shape[0])
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.from_numpy(w_ih))
        rnn.weight_hh_l0.copy_(torch.from_numpy(w_hh))
        rnn.bias_ih_l0.copy_(torch.from_numpy(b))
        rnn.bias_hh_l0.zero_()
        lin.weight.copy_(torch.from_numpy(w_out))
        lin.bias.copy_(torch.from_numpy(b_out))
        states, logits = [], []
        for x in xs:
            out, hn = rnn(torch.from_numpy(x).unsqueeze(0))
            states.append(out[0].numpy())
            logits.append(lin(hn[0, 0]).numpy())
    return np.concatenate(states, axis=0), np.stack(logits)


def grads(w_ih, w_hh, b, w_out, b_out, xs, ys):
    h, i = w_ih.shape
    cell = torch.nn.RNNCell(i, h, nonlinearity="tanh")
    with torch.no_grad():
        cell.weight_ih.copy_(torch.from_numpy(w_ih))
        cell.weight_hh.copy_(torch.from_numpy(w_hh))
        cell.bias_ih.copy_(torch.from_numpy(b))
        cell.bias_hh.zero_()
    wo = torch.from_numpy(w_out)
    bo = torch.from_numpy(b_out)
    out = []
    for x, y in zip(xs, ys):
        hs = []
        hcur = torch.zeros(1, h)
        for t in range(x.shape[0]):
            hcur = cell(torch.from_numpy(x[t : t + 1]), hcur)
            hcur.retain_grad()
            hs.append(hcur)
        z = hcur @ wo.T + bo
        loss = torch.nn.functional.cross_entropy(z, torch.tensor([int(y)]), reduction="sum")
        loss.backward()
        out.append(np.concatenate([hh.grad.numpy() for hh in hs], axis=0))
    return np.concatenate(out, axis=0)


def angles(A):
    n, h = A.shape
    norms = np.sqrt((A * A).sum(axis=0))
    U = A / np.where(norms > 0, norms, 1.0)
    ang = np.zeros((h, h))
    for i in range(h):
        for j in range(h):
            ang[i, j] = np.degrees(2 * np.arctan2(np.linalg.norm(U[:, i] - U[:, j]), np.linalg.norm(U[:, i] + U[:, j])))
    return ang


def case(name, seed, inp, hid, cls, n, clone, neg):
    rs = np.random.RandomState(seed)
    lengths = rs.randint(3, 12, n)
    xs = [rs.uniform(-1, 1, (int(t), inp)) for t in lengths]
    ys = rs.randint(0, cls, n)
    k = 1.0 / np.sqrt(hid)
    w_ih = rs.uniform(-2 * k, 2 * k, (hid, inp))
    w_hh = rs.uniform(-2 * k, 2 * k, (hid, hid))
    b = rs.uniform(-k, k, hid)
    w_out = rs.uniform(-2 * k, 2 * k, (cls, hid))
    b_out = rs.uniform(-k, k, cls)
    src, dst = clone
    ni, nj = neg
    w_hh[:, nj] = w_hh[:, ni]
    w_out[:, nj] = w_out[:, ni]
    w_ih[nj] = -w_ih[ni]
    w_hh[nj] = -w_hh[ni]
    b[nj] = -b[ni]
    w_ih[dst] = w_ih[src]
    w_hh[dst] = w_hh[src]
    b[dst] = b[src]

    S, Z = run_rnn(w_ih, w_hh, b, w_out, b_out, xs)
    G = grads(w_ih, w_hh, b, w_out, b_out, xs, ys)
    mean = S.mean(axis=0)

    # structural merge of the clone dst into src
    whh = w_hh.copy()
    wo = w_out.copy()
    whh[:, src] += whh[:, dst]
    wo[:, src] += wo[:, dst]
    keep = [u for u in range(hid) if u != dst]
    m_ih, m_hh, m_b, m_out, m_bout = w_ih[keep], whh[np.ix_(keep, keep)], b[keep], wo[:, keep], b_out.copy()
    MS, MZ = run_rnn(m_ih, m_hh, m_b, m_out, m_bout, xs)
    # then the negated pair with the mean fold
    bb = b.copy()
    bo = b_out.copy()
    for u in (ni, nj):
        bb += whh[:, u] * mean[u]
        bo += wo[:, u] * mean[u]
    keep2 = [u for u in keep if u not in (ni, nj)]
    r_ih, r_hh, r_b, r_out, r_bout = w_ih[keep2], whh[np.ix_(keep2, keep2)], bb[keep2], wo[:, keep2], bo
    _, RZ = run_rnn(r_ih, r_hh, r_b, r_out, r_bout, xs)
    # mask variant
    k_ih, k_hh, k_b = w_ih.copy(), w_hh.copy(), b.copy()
    for u in (dst, ni, nj):
        k_ih[u] = 0
        k_hh[u] = 0
        k_b[u] = 0
    _, KZ = run_rnn(k_ih, k_hh, k_b, w_out, b_out, xs)

    out = {
        "name": name,
        "generator": "src/test/python/rnn_prune_golden.py",
        "torch": torch.__version__,
        "seed": seed,
        "sizes": [inp, hid, cls],
        "sequences": [flat(x) for x in xs],
        "labels": [int(v) for v in ys],
        "w_ih": flat(w_ih), "w_hh": flat(w_hh), "b": flat(b), "w_out": flat(w_out), "b_out": flat(b_out),
        "clone": [src, dst],
        "negation": [ni, nj],
        "states": flat(S),
        "logits": flat(Z),
        "angles": flat(angles(S)),
        "means": flat(mean),
        "grads": flat(G),
        "taylor": flat(np.abs((S * G).mean(axis=0))),
        "merged_w_ih": flat(m_ih), "merged_w_hh": flat(m_hh), "merged_b": flat(m_b), "merged_w_out": flat(m_out),
        "merged_b_out": flat(m_bout),
        "merged_states": flat(MS),
        "merged_logits": flat(MZ),
        "removed_w_hh": flat(r_hh), "removed_b": flat(r_b), "removed_w_out": flat(r_out), "removed_b_out": flat(r_bout),
        "removed_logits": flat(RZ),
        "masked_logits": flat(KZ),
    }
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "rnn_prune_" + name + ".json"), "w") as f:
        json.dump(out, f, indent=0)


if __name__ == "__main__":
    case("2_7_3", 21, 2, 7, 3, 6, (1, 5), (3, 6))
    case("1_9_3", 22, 1, 9, 3, 5, (7, 0), (2, 4))
