#!/usr/bin/python3
"""One training epoch of a gated RNN in PyTorch, the counterpart of GatedEpochBenchmark.

nn.LSTM or nn.GRU (1 -> 50, batch_first) + nn.Linear(50 -> 3) on the last step; 144 sequences of the real song
lengths (12 songs, lengths spread evenly over 1,608-2,197 steps, 12 sequences each, values in [0,1]); batch 32
(5 batches, the last of 16), sequences reshuffled every epoch; within a mini-batch the sequences of each song
(equal lengths) run as one tensor, the summed cross-entropy is divided by the batch size, one backward pass and
one Adam step (lr 0.003) per mini-batch; full BPTT, float32, 2 threads. Also times inference (logits) of 48
such sequences (4 per song, one tensor per song) under no_grad. Prints medians (and min/max) in milliseconds.
Usage: gated_epoch_torch.py lstm|gru [warmup epochs] [timed epochs]
"""
import statistics
import sys
import time

import torch

torch.set_num_threads(2)
CELL = sys.argv[1] if len(sys.argv) > 1 else "lstm"
WARMUP = int(sys.argv[2]) if len(sys.argv) > 2 else 1
EPOCHS = int(sys.argv[3]) if len(sys.argv) > 3 else 5
SONGS, PER_SONG, TEST_PER_SONG, HIDDEN, CLASSES, BATCH = 12, 12, 4, 50, 3, 32
LENGTHS = [1608 + round(k * (2197 - 1608) / (SONGS - 1)) for k in range(SONGS)]


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        rnn = torch.nn.LSTM if CELL == "lstm" else torch.nn.GRU
        self.rnn = rnn(1, HIDDEN, batch_first=True)
        self.lin = torch.nn.Linear(HIDDEN, CLASSES)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.lin(out[:, -1, :])


torch.manual_seed(2024)
train = [torch.rand(PER_SONG, n, 1) for n in LENGTHS]  # song k: [12 x T_k x 1]
song_of = [k for k in range(SONGS) for _ in range(PER_SONG)]
row_of = [i for _ in range(SONGS) for i in range(PER_SONG)]
y = torch.randint(0, CLASSES, (SONGS * PER_SONG,))
test = [torch.rand(TEST_PER_SONG, n, 1) for n in LENGTHS]
model = Net()
opt = torch.optim.Adam(model.parameters(), lr=0.003)
loss_fn = torch.nn.CrossEntropyLoss(reduction="sum")


def epoch():
    perm = torch.randperm(SONGS * PER_SONG).tolist()
    for s in range(0, len(perm), BATCH):
        batch = perm[s:s + BATCH]
        opt.zero_grad()
        loss = 0
        for k in range(SONGS):
            members = [i for i in batch if song_of[i] == k]
            if members:
                xb = train[k][[row_of[i] for i in members]]
                loss = loss + loss_fn(model(xb), y[members])
        (loss / len(batch)).backward()
        opt.step()


def infer():
    with torch.no_grad():
        return [model(x) for x in test]


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
print(f"epoch median {med:.1f} ms (min {lo:.1f}, max {hi:.1f}, {EPOCHS} epochs after {WARMUP} warm-up) [{CELL}]")
med, lo, hi = timed(infer, 2, 3 * EPOCHS)
print(f"inference48 median {med:.1f} ms (min {lo:.1f}, max {hi:.1f}, {3 * EPOCHS} runs) [{CELL}]")
