#!/usr/bin/python3
"""Golden values for distinct's Conv1D classifier, computed with PyTorch in float64.

Run:  /usr/bin/python3 core/src/test/python/conv1d_golden.py   (from the repository root)
Writes src/test/resources/golden/conv1d_<case>.json, read by org.distinct.train.Conv1dGoldenTest.

Model: torch.nn.Conv1d layers (dilation 1, with bias), each followed by ReLU or tanh, then global pooling over the
positions of the last layer (mean, or max: x.max(dim=2), whose gradient goes to one maximal position; the script
checks that it is the first maximal position, distinct's rule for ties), then torch.nn.Linear to the classes;
loss = mean softmax cross-entropy over the sequences of a batch. The batch holds sequences of DIFFERENT lengths
(one of exactly the shortest length the layers accept); each runs on its own as a [1, C, L] tensor, so nothing is
padded across sequences.

Layouts in the files: a sequence x is row-major [T x I] (time-major; PyTorch's [C, L] is its transpose);
activations of a layer are stacked sequence by sequence, row-major [sum L' x out]; weights are nn.Conv1d.weight
[out x in x k] flattened, w_out [C x out_last].

Every case stores its inputs, the initial parameters, every layer's activations, logits, loss, gradients of all
parameters, the gradient of each sequence's own loss with respect to every activation of every layer (what the
Taylor criterion needs), and the parameters after 3 full-batch torch.optim.Adam steps.
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
    def __init__(self, spec, rs):
        super().__init__()
        self.spec = spec
        convs = []
        cin = spec["inputs"]
        for out, k, s, p in spec["layers"]:
            conv = torch.nn.Conv1d(cin, out, k, stride=s, padding=p)
            bound = spec["scale"] / np.sqrt(cin * k)
            with torch.no_grad():
                conv.weight.copy_(torch.from_numpy(rs.uniform(-bound, bound, (out, cin, k))))
                conv.bias.copy_(torch.from_numpy(rs.uniform(-bound, bound, out)))
            convs.append(conv)
            cin = out
        self.convs = torch.nn.ModuleList(convs)
        self.lin = torch.nn.Linear(cin, spec["classes"])
        bound = spec["scale"] / np.sqrt(cin)
        with torch.no_grad():
            self.lin.weight.copy_(torch.from_numpy(rs.uniform(-bound, bound, (spec["classes"], cin))))
            self.lin.bias.copy_(torch.from_numpy(rs.uniform(-bound, bound, spec["classes"])))

    def act(self, z):
        return torch.relu(z) if self.spec["activation"] == "relu" else torch.tanh(z)

    def run(self, x):
        """x: [T, I] -> (activations per layer as [1, out, L'] tensors, logits [C])."""
        h = x.t().unsqueeze(0)
        acts = []
        for conv in self.convs:
            h = self.act(conv(h))
            h.retain_grad()
            acts.append(h)
        if self.spec["pool"] == "max":
            vals = h[0]
            best = vals.max(dim=1)
            # distinct's rule: the gradient goes to the FIRST maximal position (ties occur with ReLU: dead channels)
            first = torch.argmax((vals == best.values.unsqueeze(1)).to(torch.int64), dim=1)
            assert bool((best.indices == first).all()), "torch's max pooling picked another position than the first maximum"
            pooled = best.values
        else:
            pooled = h[0].mean(dim=1)
        return acts, self.lin(pooled)

    def params(self):
        return {"layers": [{"w": flat(c.weight), "b": flat(c.bias)} for c in self.convs],
                "w_out": flat(self.lin.weight), "b_out": flat(self.lin.bias)}

    def grads(self):
        return {"layers": [{"w": flat(c.weight.grad), "b": flat(c.bias.grad)} for c in self.convs],
                "w_out": flat(self.lin.weight.grad), "b_out": flat(self.lin.bias.grad)}


def batch_loss(net, xs, y):
    total = 0
    runs = []
    for x, label in zip(xs, y):
        acts, logits = net.run(x)
        total = total + torch.nn.functional.cross_entropy(logits.unsqueeze(0), label.unsqueeze(0))
        runs.append((acts, logits))
    return total / len(xs), runs


def min_length(spec):
    need = 1
    for _, k, s, p in reversed(spec["layers"]):
        need = max(1, (need - 1) * s + k - 2 * p)
    return need


def case(name, spec, seed, lengths, lr):
    rs = np.random.RandomState(seed)
    net = Net(spec, rs)
    lengths = [min_length(spec)] + list(lengths)
    xs_np = [rs.uniform(-1.0, 1.0, (t, spec["inputs"])) for t in lengths]
    y_np = rs.randint(0, spec["classes"], len(lengths))
    xs = [torch.from_numpy(x) for x in xs_np]
    y = torch.from_numpy(y_np).long()
    init = net.params()

    net.zero_grad()
    loss, runs = batch_loss(net, xs, y)
    loss.backward()
    grads = net.grads()
    layers = len(spec["layers"])
    activations = [[] for _ in range(layers)]
    for acts, _ in runs:
        for l, a in enumerate(acts):
            activations[l].extend(flat(a[0].t()))
    logits = [v for _, lg in runs for v in flat(lg)]

    # d L_s / d a for every sequence's own loss: the gradient of sum_s L_s (each a only reaches its own L_s)
    net.zero_grad()
    total = 0
    runs2 = []
    for x, label in zip(xs, y):
        acts, lg = net.run(x)
        total = total + torch.nn.functional.cross_entropy(lg.unsqueeze(0), label.unsqueeze(0))
        runs2.append(acts)
    total.backward()
    act_grads = [[] for _ in range(layers)]
    for acts in runs2:
        for l, a in enumerate(acts):
            act_grads[l].extend(flat(a.grad[0].t()))

    opt = torch.optim.Adam(net.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-8)
    for _ in range(3):
        opt.zero_grad()
        l3, _ = batch_loss(net, xs, y)
        l3.backward()
        opt.step()
    after = net.params()

    doc = {
        "name": name, "seed": seed, "inputs": spec["inputs"], "classes": spec["classes"],
        "channels": [l[0] for l in spec["layers"]], "kernels": [l[1] for l in spec["layers"]],
        "strides": [l[2] for l in spec["layers"]], "paddings": [l[3] for l in spec["layers"]],
        "activation": spec["activation"], "pool": spec["pool"], "lengths": lengths,
        "x": [[float(v) for v in x.reshape(-1)] for x in xs_np], "labels": [int(v) for v in y_np],
        "params": init, "activations": activations, "logits": logits, "loss": float(loss), "grads": grads,
        "activation_grads": act_grads,
        "adam": {"lr": lr, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "steps": 3, "params": after},
        "torch_version": torch.__version__,
    }
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "conv1d_" + name + ".json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=0)
    print("wrote", path)


if __name__ == "__main__":
    one = {"inputs": 1, "classes": 3, "layers": [(4, 3, 1, 1), (5, 4, 2, 0)], "scale": 1.5}
    three = {"inputs": 3, "classes": 3, "layers": [(6, 5, 2, 2), (4, 3, 1, 0)], "scale": 1.5}
    case("1_relu_avg", dict(one, activation="relu", pool="avg"), 51, [12, 7, 20, 9, 16], 0.01)
    case("1_tanh_max", dict(one, activation="tanh", pool="max"), 52, [12, 7, 20, 9, 16], 0.01)
    case("3_tanh_avg", dict(three, activation="tanh", pool="avg"), 53, [11, 6, 19, 8, 14], 0.01)
    case("3_relu_max", dict(three, activation="relu", pool="max"), 54, [11, 6, 19, 8, 14], 0.01)
