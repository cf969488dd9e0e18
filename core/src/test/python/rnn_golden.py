#!/usr/bin/python3
"""Golden values for distinct's Elman RNN, computed with PyTorch in float64.

Run:  /usr/bin/python3 core/src/test/python/rnn_golden.py   (from the repository root)
Writes src/test/resources/golden/rnn_<case>.json, read by org.distinct.train.RnnGoldenTest.

Model: torch.nn.RNN(input_size=I, hidden_size=H, nonlinearity='tanh', batch_first=True) followed by
torch.nn.Linear(H, C) on the last hidden state of each sequence (many-to-one); loss = mean softmax
cross-entropy over the sequences of a batch. The batch holds sequences of DIFFERENT lengths; each is run
on its own from h_0 = 0 and read out at its own last step (the script checks that pack_padded_sequence
gives the same last states).

Every case stores: its inputs (x: one row-major [T x I] list per sequence, labels), the initial
parameters (PyTorch layout: w_ih [H x I], w_hh [H x H], b_ih, b_hh [H], and b = b_ih + b_hh as distinct
stores it, w_out [C x H], b_out [C]); the hidden states of every step ([sum T x H]); logits [n x C];
loss; gradients of all parameters (the gradient of b equals that of b_ih and of b_hh); the same with
truncated back-propagation through the last `truncation` steps (the earlier state detached); and the
parameters after 3 full-batch torch.optim.Adam steps, without and with clip_grad_norm_.
All inputs are drawn from numpy.random.RandomState(seed) so the files are reproducible.
"""
import json
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden")


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


class Net(torch.nn.Module):
    def __init__(self, i, h, c, rs, scale):
        super().__init__()
        self.rnn = torch.nn.RNN(i, h, nonlinearity="tanh", batch_first=True)
        self.lin = torch.nn.Linear(h, c)
        k = scale / np.sqrt(h)
        with torch.no_grad():
            self.rnn.weight_ih_l0.copy_(torch.from_numpy(rs.uniform(-k, k, (h, i))))
            self.rnn.weight_hh_l0.copy_(torch.from_numpy(rs.uniform(-k, k, (h, h))))
            self.rnn.bias_ih_l0.copy_(torch.from_numpy(rs.uniform(-k, k, h)))
            self.rnn.bias_hh_l0.copy_(torch.from_numpy(rs.uniform(-k, k, h)))
            self.lin.weight.copy_(torch.from_numpy(rs.uniform(-k, k, (c, h))))
            self.lin.bias.copy_(torch.from_numpy(rs.uniform(-k, k, c)))

    def last_states(self, xs, truncation=0):
        hs = []
        for x in xs:
            x = x.unsqueeze(0)  # [1, T, I]
            t = x.shape[1]
            if truncation > 0 and t > truncation:
                with torch.no_grad():
                    _, h0 = self.rnn(x[:, : t - truncation])
                _, hn = self.rnn(x[:, t - truncation:], h0.detach())
            else:
                _, hn = self.rnn(x)
            hs.append(hn[0, 0])
        return torch.stack(hs)

    def loss(self, xs, y, truncation=0):
        logits = self.lin(self.last_states(xs, truncation))
        return logits, torch.nn.functional.cross_entropy(logits, y)

    def params(self):
        r = self.rnn
        return {
            "w_ih": flat(r.weight_ih_l0), "w_hh": flat(r.weight_hh_l0),
            "b_ih": flat(r.bias_ih_l0), "b_hh": flat(r.bias_hh_l0),
            "b": flat(r.bias_ih_l0 + r.bias_hh_l0),
            "w_out": flat(self.lin.weight), "b_out": flat(self.lin.bias),
        }

    def grads(self):
        r = self.rnn
        assert torch.allclose(r.bias_ih_l0.grad, r.bias_hh_l0.grad, rtol=0, atol=1e-15)
        return {
            "w_ih": flat(r.weight_ih_l0.grad), "w_hh": flat(r.weight_hh_l0.grad), "b": flat(r.bias_ih_l0.grad),
            "w_out": flat(self.lin.weight.grad), "b_out": flat(self.lin.bias.grad),
        }


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


def case(name, seed, i, h, c, lengths, scale, truncation, lr, clip):
    rs = np.random.RandomState(seed)
    net = Net(i, h, c, rs, scale)
    xs_np = [rs.uniform(-1.0, 1.0, (t, i)) for t in lengths]
    y_np = rs.randint(0, c, len(lengths))
    xs = [torch.from_numpy(x) for x in xs_np]
    y = torch.from_numpy(y_np).long()
    init = net.params()

    # all hidden states, sequence by sequence
    states = []
    with torch.no_grad():
        for x in xs:
            out, _ = net.rnn(x.unsqueeze(0))
            states.extend(flat(out[0]))
        # cross-check: a padded, packed batch gives each sequence's own last state
        padded = torch.nn.utils.rnn.pad_sequence(xs, batch_first=True)
        packed = torch.nn.utils.rnn.pack_padded_sequence(padded, torch.tensor(lengths), batch_first=True,
                                                         enforce_sorted=False)
        _, hn = net.rnn(packed)
        assert torch.allclose(hn[0], net.last_states(xs), rtol=0, atol=1e-14)

    net.zero_grad()
    logits, loss = net.loss(xs, y)
    loss.backward()
    grads = net.grads()

    net.zero_grad()
    _, loss_t = net.loss(xs, y, truncation)
    loss_t.backward()
    grads_t = net.grads()

    saved = {k: v.clone() for k, v in net.state_dict().items()}
    adam_steps(net, xs, y, lr, 0)
    after = net.params()
    net.load_state_dict(saved)
    norms = adam_steps(net, xs, y, lr, clip)
    after_clip = net.params()
    assert norms[0] > clip, "the clipping case must clip"

    doc = {
        "name": name, "seed": seed, "input_size": i, "hidden": h, "classes": c, "lengths": list(lengths),
        "x": [[float(v) for v in x.reshape(-1)] for x in xs_np], "labels": [int(v) for v in y_np],
        "params": init, "hidden_states": states, "logits": flat(logits), "loss": float(loss),
        "grads": grads, "truncation": truncation, "loss_truncated": float(loss_t), "grads_truncated": grads_t,
        "adam": {"lr": lr, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "steps": 3, "params": after},
        "adam_clipped": {"lr": lr, "max_norm": clip, "norms": norms, "params": after_clip},
        "torch_version": torch.__version__,
    }
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "rnn_" + name + ".json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
    print("wrote", path)


if __name__ == "__main__":
    case("2_6_3", 11, 2, 6, 3, [9, 3, 14, 1, 6, 11], 1.5, 4, 0.01, 0.05)
    case("1_50_3", 12, 1, 50, 3, [40, 25, 57, 33, 8], 1.0, 10, 0.003, 0.05)
