#!/usr/bin/python3
"""Golden values for distinct's MLP training core, computed with PyTorch in float64.

Run:  /usr/bin/python3 core/src/test/python/mlp_golden.py   (from the repository root)
Writes src/test/resources/golden/mlp_<case>.json, read by org.distinct.train.MlpGoldenTest.

Every case stores its inputs (x row-major [n x in], labels), its initial weights (w row-major
[out x in] as nn.Linear, b [out]) and, for the full batch:
  logits [n x classes], loss (mean softmax cross-entropy), gradients of every w and b;
then the parameters after 3 optimiser steps, full batch and with mini-batches taken in row order
(rows [0,B), [B,2B), ... ; the last batch may be smaller), for torch.optim.Adam and torch.optim.SGD
with momentum, and with mini-batches for Adam with weight decay and SGD with Nesterov momentum and
weight decay; and a short trainer run (epochs over the mini-batches in row order, no shuffling)
with the per-epoch training loss (batch losses weighted by batch size, divided by n) and the final
parameters. All inputs are drawn from numpy.random.RandomState(seed) so the file is reproducible.
"""
import json
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden")

ACTS = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu, "identity": lambda z: z}


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


class Net(torch.nn.Module):
    def __init__(self, sizes, activation, rs):
        super().__init__()
        self.act = ACTS[activation]
        self.lins = torch.nn.ModuleList()
        for i in range(len(sizes) - 1):
            lin = torch.nn.Linear(sizes[i], sizes[i + 1])
            bound = 1.0 / np.sqrt(sizes[i])
            with torch.no_grad():
                lin.weight.copy_(torch.from_numpy(rs.uniform(-bound, bound, (sizes[i + 1], sizes[i]))))
                lin.bias.copy_(torch.from_numpy(rs.uniform(-bound, bound, sizes[i + 1])))
            self.lins.append(lin)

    def forward(self, x):
        for i, lin in enumerate(self.lins):
            x = lin(x)
            if i < len(self.lins) - 1:
                x = self.act(x)
        return x

    def layers(self):
        return [{"w": flat(l.weight), "b": flat(l.bias)} for l in self.lins]

    def grads(self):
        return [{"w": flat(l.weight.grad), "b": flat(l.bias.grad)} for l in self.lins]


def clone_net(net, sizes, activation):
    c = Net(sizes, activation, np.random.RandomState(0))
    c.load_state_dict(net.state_dict())
    return c


def batches(n, bs):
    return [(s, min(s + bs, n)) for s in range(0, n, bs)]


def run_steps(net, make_opt, x, y, ranges, steps):
    opt = make_opt(net.parameters())
    loss_fn = torch.nn.CrossEntropyLoss()
    for k in range(steps):
        s, e = ranges[k % len(ranges)]
        opt.zero_grad()
        loss = loss_fn(net(x[s:e]), y[s:e])
        loss.backward()
        opt.step()
    return net.layers()


def run_epochs(net, make_opt, x, y, bs, epochs):
    opt = make_opt(net.parameters())
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x.shape[0]
    losses = []
    for _ in range(epochs):
        total = 0.0
        for s, e in batches(n, bs):
            opt.zero_grad()
            loss = loss_fn(net(x[s:e]), y[s:e])
            loss.backward()
            opt.step()
            total += loss.item() * (e - s)
        losses.append(total / n)
    return losses, net.layers()


def case(name, sizes, activation, n, batch, seed, adam_lr=0.01, sgd_lr=0.1, momentum=0.9, epochs=3):
    rs = np.random.RandomState(seed)
    x = torch.from_numpy(rs.uniform(0.0, 1.0, (n, sizes[0])))
    y = torch.from_numpy(rs.randint(0, sizes[-1], n)).long()
    net = Net(sizes, activation, rs)
    initial = net.layers()

    logits = net(x)
    loss = torch.nn.functional.cross_entropy(logits, y)
    loss.backward()
    grads = net.grads()

    adam = lambda p: torch.optim.Adam(p, lr=adam_lr, betas=(0.9, 0.999), eps=1e-8)
    sgd = lambda p: torch.optim.SGD(p, lr=sgd_lr, momentum=momentum)
    full = [(0, n)]
    mini = batches(n, batch)
    result = {
        "name": name,
        "generator": "src/test/python/mlp_golden.py",
        "torch": torch.__version__,
        "seed": seed,
        "sizes": sizes,
        "activation": activation,
        "n": n,
        "x": flat(x),
        "labels": [int(v) for v in y.tolist()],
        "layers": initial,
        "logits": flat(logits),
        "loss": float(loss.item()),
        "grads": grads,
        "steps": 3,
        "batchSize": batch,
        "adam": {
            "learningRate": adam_lr, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8,
            "fullBatch": run_steps(clone_net(net, sizes, activation), adam, x, y, full, 3),
            "miniBatch": run_steps(clone_net(net, sizes, activation), adam, x, y, mini, 3),
        },
        "sgd": {
            "learningRate": sgd_lr, "momentum": momentum,
            "fullBatch": run_steps(clone_net(net, sizes, activation), sgd, x, y, full, 3),
            "miniBatch": run_steps(clone_net(net, sizes, activation), sgd, x, y, mini, 3),
        },
    }
    # weight decay (L2 added to the gradient) and Nesterov momentum, mini-batches
    adam_wd = lambda p: torch.optim.Adam(p, lr=adam_lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)
    sgd_nesterov_wd = lambda p: torch.optim.SGD(p, lr=sgd_lr, momentum=momentum, nesterov=True, weight_decay=0.01)
    result["adamWeightDecay"] = {
        "learningRate": adam_lr, "weightDecay": 0.01,
        "miniBatch": run_steps(clone_net(net, sizes, activation), adam_wd, x, y, mini, 3),
    }
    result["sgdNesterovWeightDecay"] = {
        "learningRate": sgd_lr, "momentum": momentum, "weightDecay": 0.01,
        "miniBatch": run_steps(clone_net(net, sizes, activation), sgd_nesterov_wd, x, y, mini, 3),
    }
    tl, tlayers = run_epochs(clone_net(net, sizes, activation), adam, x, y, batch, epochs)
    result["trainer"] = {"optimizer": "adam", "learningRate": adam_lr, "epochs": epochs,
                         "trainLoss": tl, "layers": tlayers}
    path = os.path.join(OUT, "mlp_" + name + ".json")
    with open(path, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    case("sigmoid_25_30_3", [25, 30, 3], "sigmoid", 70, 32, seed=1)
    case("tanh_6_7_5_3", [6, 7, 5, 3], "tanh", 20, 8, seed=2)
    case("relu_5_9_4", [5, 9, 4], "relu", 24, 10, seed=3, adam_lr=0.05)
