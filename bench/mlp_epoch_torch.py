#!/usr/bin/python3
"""One training epoch of the paper's MLP in PyTorch, the counterpart of MlpEpochBenchmark.

25 inputs -> 30 sigmoid -> 3 logits, 518 rows in [0,1], batch 32 (17 batches, last of 6), Adam lr 0.01,
cross-entropy, rows reshuffled every epoch (torch.randperm), 2 threads. Prints the median (and min/max)
milliseconds per epoch over many epochs after a warm-up, for float32 (PyTorch's default) and float64.
"""
import statistics
import sys
import time

import torch

torch.set_num_threads(2)
ROWS, INPUTS, HIDDEN, CLASSES, BATCH = 518, 25, 30, 3, 32
WARMUP = int(sys.argv[1]) if len(sys.argv) > 1 else 200
EPOCHS = int(sys.argv[2]) if len(sys.argv) > 2 else 1000


def bench(dtype):
    torch.manual_seed(2024)
    x = torch.rand(ROWS, INPUTS, dtype=dtype)
    y = torch.randint(0, CLASSES, (ROWS,))
    model = torch.nn.Sequential(torch.nn.Linear(INPUTS, HIDDEN), torch.nn.Sigmoid(),
                                torch.nn.Linear(HIDDEN, CLASSES)).to(dtype)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()

    def epoch():
        perm = torch.randperm(ROWS)
        total = 0.0
        for s in range(0, ROWS, BATCH):
            idx = perm[s:s + BATCH]
            xb, yb = x[idx], y[idx]
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        return total / ROWS

    for _ in range(WARMUP):
        epoch()
    times = []
    for _ in range(EPOCHS):
        t0 = time.perf_counter()
        epoch()
        times.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(times), min(times), max(times)


for name, dt in (("float32", torch.float32), ("float64", torch.float64)):
    med, lo, hi = bench(dt)
    print(f"{name} median {med:.4f} ms/epoch (min {lo:.4f}, max {hi:.4f}, {EPOCHS} epochs after {WARMUP} warm-up)")
