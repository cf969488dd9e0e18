#!/usr/bin/python3
"""One training epoch of the paper's RNN in PyTorch, the counterpart of RnnEpochBenchmark.

nn.RNN(1 -> 50 tanh, batch_first) + nn.Linear(50 -> 3) on the last step, 144 sequences of length 2,500
with values in [0,1], batch 32 (5 batches, the last of 16), Adam lr 0.003, cross-entropy, sequences
reshuffled every epoch, full BPTT, float32, 2 threads. Also times inference (logits) of 48 such
sequences in one batch under no_grad. Prints medians (and min/max) in milliseconds.
Usage: rnn_epoch_torch.py [warmup epochs] [timed epochs]
"""
import statistics
import sys
import time

import torch

torch.set_num_threads(2)
SEQ, TEST, LENGTH, HIDDEN, CLASSES, BATCH = 144, 48, 2500, 50, 3, 32
WARMUP = int(sys.argv[1]) if len(sys.argv) > 1 else 1
EPOCHS = int(sys.argv[2]) if len(sys.argv) > 2 else 5


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.RNN(1, HIDDEN, nonlinearity="tanh", batch_first=True)
        self.lin = torch.nn.Linear(HIDDEN, CLASSES)

    def forward(self, x):
        _, h = self.rnn(x)
        return self.lin(h[0])


torch.manual_seed(2024)
x = torch.rand(SEQ, LENGTH, 1)
y = torch.randint(0, CLASSES, (SEQ,))
xt = torch.rand(TEST, LENGTH, 1)
model = Net()
opt = torch.optim.Adam(model.parameters(), lr=0.003)
loss_fn = torch.nn.CrossEntropyLoss()


def epoch():
    perm = torch.randperm(SEQ)
    for s in range(0, SEQ, BATCH):
        idx = perm[s:s + BATCH]
        opt.zero_grad()
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        opt.step()


def infer():
    with torch.no_grad():
        return model(xt)


def timed(fn, warmup, reps):
    for _ in range(warmup):
        fn()
    t = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        t.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(t), min(t), max(t)


med, lo, hi = timed(epoch, WARMUP, EPOCHS)
print(f"epoch median {med:.1f} ms (min {lo:.1f}, max {hi:.1f}, {EPOCHS} epochs after {WARMUP} warm-up)")
med, lo, hi = timed(infer, 2, 3 * EPOCHS)
print(f"inference48 median {med:.1f} ms (min {lo:.1f}, max {hi:.1f}, {3 * EPOCHS} runs)")
