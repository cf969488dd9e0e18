#!/usr/bin/python3
"""Golden values for distinct's LSTM and GRU, computed with PyTorch in float64.

Run:  /usr/bin/python3 core/src/test/python/gated_golden.py   (from the repository root)
Writes src/test/resources/golden/lstm_<case>.json and gru_<case>.json, read by
org.distinct.train.GatedGoldenTest.

Model: one torch.nn.LSTM / torch.nn.GRU (batch_first=True, one layer each) per layer, chained (layer l + 1
reads layer l's outputs; sizes may differ), then torch.nn.Linear(H_L, C) on the last layer's last hidden
state (many-to-one); loss = mean softmax cross-entropy over the sequences of a batch. The batch holds
sequences of DIFFERENT lengths; each is run on its own from zero states and read out at its own last step
(the script checks that pack_padded_sequence gives the same last states).

Every case stores: its inputs (x: one row-major [T x I] list per sequence, labels), the initial parameters in
PyTorch's layout (per layer w_ih [G*H x in], w_hh [G*H x H], b_ih, b_hh [G*H], gate blocks in PyTorch's order:
LSTM i, f, g, o; GRU r, z, n; then w_out [C x H_L], b_out [C]); the hidden states of every layer and step
(per layer [sum T x H_l]) and, for the LSTM, the cell states; logits [n x C]; loss; gradients of all
parameters; the same with truncated back-propagation through the last `truncation` steps (every layer's state
after the first T - truncation steps computed under no_grad and detached); and the parameters after 3
full-batch torch.optim.Adam steps, without and with clip_grad_norm_.
All inputs are drawn from numpy.random.RandomState(seed) so the files are reproducible.
"""
import json
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden")
GATES = {"lstm": 4, "gru": 3}


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


class Net(torch.nn.Module):
    def __init__(self, cell, sizes, rs, scale):
        super().__init__()
        self.cell = cell
        g = GATES[cell]
        mods = []
        for l in range(len(sizes) - 2):
            i, h = sizes[l], sizes[l + 1]
            mod = (torch.nn.LSTM if cell == "lstm" else torch.nn.GRU)(i, h, batch_first=True)
            k = scale / np.sqrt(h)
            with torch.no_grad():
                mod.weight_ih_l0.copy_(torch.from_numpy(rs.uniform(-k, k, (g * h, i))))
                mod.weight_hh_l0.copy_(torch.from_numpy(rs.uniform(-k, k, (g * h, h))))
                mod.bias_ih_l0.copy_(torch.from_numpy(rs.uniform(-k, k, g * h)))
                mod.bias_hh_l0.copy_(torch.from_numpy(rs.uniform(-k, k, g * h)))
            mods.append(mod)
        self.mods = torch.nn.ModuleList(mods)
        h, c = sizes[-2], sizes[-1]
        self.lin = torch.nn.Linear(h, c)
        k = scale / np.sqrt(h)
        with torch.no_grad():
            self.lin.weight.copy_(torch.from_numpy(rs.uniform(-k, k, (c, h))))
            self.lin.bias.copy_(torch.from_numpy(rs.uniform(-k, k, c)))

    def run(self, x, states=None):
        """Runs the chained layers over x [1, T, I] from the given per-layer states (None = zero)."""
        outs, finals = [], []
        o = x
        for l, mod in enumerate(self.mods):
            o, st = mod(o) if states is None else mod(o, states[l])
            outs.append(o)
            finals.append(st)
        return outs, finals

    def last_states(self, xs, truncation=0):
        hs = []
        for x in xs:
            x = x.unsqueeze(0)  # [1, T, I]
            t = x.shape[1]
            if truncation > 0 and t > truncation:
                with torch.no_grad():
                    _, finals = self.run(x[:, : t - truncation])
                detached = [tuple(s.detach() for s in st) if isinstance(st, tuple) else st.detach() for st in finals]
                outs, _ = self.run(x[:, t - truncation:], detached)
            else:
                outs, _ = self.run(x)
            hs.append(outs[-1][0, -1])
        return torch.stack(hs)

    def loss(self, xs, y, truncation=0):
        logits = self.lin(self.last_states(xs, truncation))
        return logits, torch.nn.functional.cross_entropy(logits, y)

    def params(self):
        layers = [{"w_ih": flat(m.weight_ih_l0), "w_hh": flat(m.weight_hh_l0), "b_ih": flat(m.bias_ih_l0),
                   "b_hh": flat(m.bias_hh_l0)} for m in self.mods]
        return {"layers": layers, "w_out": flat(self.lin.weight), "b_out": flat(self.lin.bias)}

    def grads(self):
        layers = [{"w_ih": flat(m.weight_ih_l0.grad), "w_hh": flat(m.weight_hh_l0.grad), "b_ih": flat(m.bias_ih_l0.grad),
                   "b_hh": flat(m.bias_hh_l0.grad)} for m in self.mods]
        return {"layers": layers, "w_out": flat(self.lin.weight.grad), "b_out": flat(self.lin.bias.grad)}


def adam_steps(net, xs, y, lr, clip):
    opt = torch.optim.Adam(net.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-8)
    norms = []
    for _ in range(3):
        opt.zero_grad()
        _, loss = net.loss(xs, y)
        loss.backward()
        if clip > 0:
            norms.append(float(torch.nn.utils.clip_grad_norm_(net.parameters(), clip)))
        opt.step()
    return norms


def states_of_every_layer(net, xs, lengths):
    """Hidden (and LSTM cell) states of every layer and step, sequence by sequence."""
    layers = len(net.mods)
    hidden = [[] for _ in range(layers)]
    cells = [[] for _ in range(layers)]
    with torch.no_grad():
        for x in xs:
            o = x.unsqueeze(0)
            for l, mod in enumerate(net.mods):
                if net.cell == "lstm":
                    # step by step to read c_t at every step
                    h = torch.zeros(1, 1, mod.hidden_size)
                    c = torch.zeros(1, 1, mod.hidden_size)
                    outs = []
                    for t in range(o.shape[1]):
                        out, (h, c) = mod(o[:, t: t + 1], (h, c))
                        outs.append(out)
                        cells[l].extend(flat(c[0, 0]))
                    full, _ = mod(o)
                    stepped = torch.cat(outs, dim=1)
                    assert torch.allclose(full, stepped, rtol=0, atol=1e-14)
                    o = full
                else:
                    o, _ = mod(o)
                hidden[l].extend(flat(o[0]))
        # cross-check: a padded, packed batch gives each sequence's own last state
        padded = torch.nn.utils.rnn.pad_sequence(xs, batch_first=True)
        packed = torch.nn.utils.rnn.pack_padded_sequence(padded, torch.tensor(lengths), batch_first=True,
                                                         enforce_sorted=False)
        p = packed
        for mod in net.mods:
            p, st = mod(p)
        hn = st[0] if isinstance(st, tuple) else st
        assert torch.allclose(hn[0], net.last_states(xs), rtol=0, atol=1e-14)
    return hidden, cells


def case(cell, sizes, seed, lengths, scale, truncation, lr, clip):
    name = cell + "_" + "_".join(str(s) for s in sizes)
    rs = np.random.RandomState(seed)
    net = Net(cell, sizes, rs, scale)
    i, c = sizes[0], sizes[-1]
    xs_np = [rs.uniform(-1.0, 1.0, (t, i)) for t in lengths]
    y_np = rs.randint(0, c, len(lengths))
    xs = [torch.from_numpy(x) for x in xs_np]
    y = torch.from_numpy(y_np).long()
    init = net.params()
    hidden, cells = states_of_every_layer(net, xs, lengths)

    net.zero_grad()
    logits, loss = net.loss(xs, y)
    loss.backward()
    grads = net.grads()

    net.zero_grad()
    _, loss_t = net.loss(xs, y, truncation)
    loss_t.backward()
    grads_t = net.grads()
    assert max(lengths) > truncation > min(lengths), "truncation must cut some sequences and not others"

    saved = {k: v.clone() for k, v in net.state_dict().items()}
    adam_steps(net, xs, y, lr, 0)
    after = net.params()
    net.load_state_dict(saved)
    norms = adam_steps(net, xs, y, lr, clip)
    after_clip = net.params()
    assert norms[0] > clip, "the clipping case must clip"

    doc = {
        "name": name, "cell": cell, "seed": seed, "sizes": list(sizes), "lengths": list(lengths),
        "x": [[float(v) for v in x.reshape(-1)] for x in xs_np], "labels": [int(v) for v in y_np],
        "params": init, "hidden_states": hidden, "logits": flat(logits), "loss": float(loss),
        "grads": grads, "truncation": truncation, "loss_truncated": float(loss_t), "grads_truncated": grads_t,
        "adam": {"lr": lr, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "steps": 3, "params": after},
        "adam_clipped": {"lr": lr, "max_norm": clip, "norms": norms, "params": after_clip},
        "torch_version": torch.__version__,
    }
    if cell == "lstm":
        doc["cell_states"] = cells
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name + ".json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=0)
    print("wrote", path)


if __name__ == "__main__":
    for cell, seed in (("lstm", 31), ("gru", 41)):
        case(cell, [1, 7, 3], seed, [12, 5, 20, 1, 9, 16], 1.5, 6, 0.01, 0.05)
        case(cell, [3, 5, 4, 3], seed + 1, [9, 3, 14, 1, 6, 11], 1.5, 4, 0.01, 0.05)
