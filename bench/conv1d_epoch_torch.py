#!/usr/bin/python3
"""One training epoch of the Conv1D family's default network in PyTorch, the counterpart of Conv1dEpochBenchmark.

nn.Conv1d(1 -> 16, kernel 5, stride 2, padding 2) + ReLU, nn.Conv1d(16 -> 16, 5, 2, 2) + ReLU, mean over the
positions, nn.Linear(16 -> 3); 144 sequences (12 songs x 12) of 12 lengths spread evenly over 1,608-2,197 steps,
values in [0, 1]; batch 32 (5 batches, the last of 16), Adam lr 0.003, cross-entropy, reshuffled every epoch,
float32, 2 threads. Also times inference (logits) of 48 such sequences (4 per song) under no_grad.

Sequences of different lengths cannot share a plain batch tensor without their padding leaking into the pooled
features, so two ways of batching are timed, each exact (the same loss as running every sequence alone):
  per-song   every mini-batch is split into groups of equal length (a song's sequences all have its length), each
             group one [n, 1, L] tensor; the batch loss is the mean over all its sequences;
  padded     every mini-batch is zero-padded to its longest sequence, and after every layer the positions beyond
             each sequence's own output length are multiplied by 0 (a mask), so that the next layer sees the zero
             padding nn.Conv1d would add and the mean pools only real positions.
Prints medians (and min/max) in milliseconds of each, and of the faster one as "epoch median" / "inference48 median".
Usage: conv1d_epoch_torch.py [warmup epochs] [timed epochs]
"""
import statistics
import sys
import time

import torch

torch.set_num_threads(2)
SONGS, PER_SONG, TEST_PER_SONG, SHORTEST, LONGEST, CLASSES, BATCH = 12, 12, 4, 1608, 2197, 3, 32
CHANNELS, KERNEL, STRIDE, PADDING = (16, 16), 5, 2, 2
WARMUP = int(sys.argv[1]) if len(sys.argv) > 1 else 1
EPOCHS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
LENGTHS = [SHORTEST + round(s * (LONGEST - SHORTEST) / (SONGS - 1)) for s in range(SONGS)]


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = torch.nn.Conv1d(1, CHANNELS[0], KERNEL, STRIDE, PADDING)
        self.c2 = torch.nn.Conv1d(CHANNELS[0], CHANNELS[1], KERNEL, STRIDE, PADDING)
        self.lin = torch.nn.Linear(CHANNELS[1], CLASSES)

    def forward(self, x):  # x [n, 1, L], all of one length
        return self.lin(torch.relu(self.c2(torch.relu(self.c1(x)))).mean(dim=2))

    def forward_padded(self, x, lengths):  # x [n, 1, Lmax] zero-padded, lengths [n]
        h = x
        lens = lengths
        for conv in (self.c1, self.c2):
            h = torch.relu(conv(h))
            lens = (lens + 2 * PADDING - KERNEL) // STRIDE + 1
            mask = (torch.arange(h.shape[2])[None, :] < lens[:, None]).to(h.dtype)[:, None, :]
            h = h * mask
        return self.lin(h.sum(dim=2) / lens[:, None].to(h.dtype))


def series(per_song):
    return [torch.rand(1, 1, LENGTHS[s]) for s in range(SONGS) for _ in range(per_song)]


torch.manual_seed(2024)
xs = series(PER_SONG)
ys = torch.randint(0, CLASSES, (len(xs),))
xt = series(TEST_PER_SONG)
model = Net()
opt = torch.optim.Adam(model.parameters(), lr=0.003)


def groups(idx, seqs):
    by_len = {}
    for i in idx:
        by_len.setdefault(seqs[i].shape[2], []).append(i)
    return [(torch.cat([seqs[i] for i in g]), g) for g in by_len.values()]


def padded(idx, seqs):
    lmax = max(seqs[i].shape[2] for i in idx)
    x = torch.zeros(len(idx), 1, lmax)
    for r, i in enumerate(idx):
        x[r, :, : seqs[i].shape[2]] = seqs[i][0]
    return x, torch.tensor([seqs[i].shape[2] for i in idx])


def epoch_per_song():
    perm = torch.randperm(len(xs)).tolist()
    for s in range(0, len(xs), BATCH):
        idx = perm[s:s + BATCH]
        opt.zero_grad()
        loss = 0
        for x, g in groups(idx, xs):
            loss = loss + torch.nn.functional.cross_entropy(model(x), ys[g], reduction="sum")
        (loss / len(idx)).backward()
        opt.step()


def epoch_padded():
    perm = torch.randperm(len(xs)).tolist()
    for s in range(0, len(xs), BATCH):
        idx = perm[s:s + BATCH]
        x, lens = padded(idx, xs)
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model.forward_padded(x, lens), ys[idx]).backward()
        opt.step()


def infer_per_song():
    with torch.no_grad():
        return [model(x) for x, _ in groups(range(len(xt)), xt)]


def infer_padded():
    with torch.no_grad():
        x, lens = padded(range(len(xt)), xt)
        return model.forward_padded(x, lens)


def check_exact():
    """Both batchings give the loss of every sequence run alone (no padding leaks)."""
    with torch.no_grad():
        idx = list(range(0, len(xs), 5))
        alone = torch.stack([torch.nn.functional.cross_entropy(model(xs[i]), ys[i:i + 1]) for i in idx]).mean()
        x, lens = padded(idx, xs)
        pad = torch.nn.functional.cross_entropy(model.forward_padded(x, lens), ys[idx])
        song = sum(torch.nn.functional.cross_entropy(model(x), ys[g], reduction="sum") for x, g in groups(idx, xs)) / len(idx)
        assert abs(float(pad - alone)) < 1e-5 and abs(float(song - alone)) < 1e-5, (float(alone), float(pad), float(song))


def timed(fn, warmup, reps):
    for _ in range(warmup):
        fn()
    t = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        t.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(t), min(t), max(t)


check_exact()
best = {}
for name, fn in (("per-song", epoch_per_song), ("padded", epoch_padded)):
    med, lo, hi = timed(fn, WARMUP, EPOCHS)
    print(f"epoch {name} median {med:.1f} ms (min {lo:.1f}, max {hi:.1f}, {EPOCHS} epochs after {WARMUP} warm-up)")
    best["epoch"] = min(best.get("epoch", med), med)
for name, fn in (("per-song", infer_per_song), ("padded", infer_padded)):
    med, lo, hi = timed(fn, 2, 3 * EPOCHS)
    print(f"inference48 {name} median {med:.1f} ms (min {lo:.1f}, max {hi:.1f}, {3 * EPOCHS} runs)")
    best["infer"] = min(best.get("infer", med), med)
print(f"epoch median {best['epoch']:.1f} ms (the faster batching)")
print(f"inference48 median {best['infer']:.1f} ms (the faster batching)")
