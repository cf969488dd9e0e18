#!/usr/bin/python3
"""The PyTorch counterpart of one whole `distinct train` process, for bench/run-e2e.sh.

Does the same work as distinct's protocol, from reading the files to the final test metrics, in one process:
  mlp DIR EPOCHS FOLDS: the features table (DIR/music-eeg-features.csv, the CSV copy `distinct generate` writes next
      to the workbook: Debian's Python has no xlsx reader), 20 % of the participants held out for the test, min-max
      scaling fitted on the training part, participant-grouped FOLDS-fold cross-validation on the training part and a
      final model on the whole training part; 25-30-3 sigmoid, Adam lr 0.01, batch 32, rows reshuffled every epoch,
      cross-entropy, float64 (distinct's MLP computes in double); validation/test loss and accuracy.
  rnn DIR EPOCHS FOLDS: the twelve series (DIR/series-csv/S*.csv, one column per participant), median filter of
      window 5, per-sequence min-max scaling, 25 % of each song's sequences held out for the test,
      participant-grouped FOLDS-fold cross-validation on the training part and a final model; nn.RNN 1-50 tanh and a
      linear 50-3 on each sequence's last step, Adam lr 0.003, batch 32, gradient-norm clipping 1.0, full BPTT over
      sequences of unequal length (packed), float32 (distinct's RNN engine computes in float); loss and accuracy.
Splits are drawn with the same fractions as distinct's, not the same rows: the work per process is the same, the
numbers printed are only a check that the model learnt something. 2 threads, like distinct on this machine.
Prints one summary line; the caller times the whole process.
"""
import csv
import glob
import os
import random
import sys

import torch

torch.set_num_threads(2)
MODE, DIR, EPOCHS, FOLDS = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
SEED = 1


def grouped_folds(groups, k, rng):
    """Assigns distinct groups to k folds round robin after a shuffle; returns a list of index lists."""
    keys = sorted(set(groups))
    rng.shuffle(keys)
    fold_of = {g: i % k for i, g in enumerate(keys)}
    folds = [[] for _ in range(k)]
    for i, g in enumerate(groups):
        folds[fold_of[g]].append(i)
    return folds


def train_eval(make, xs, ys, train_idx, eval_idx, lr, batches, forward, dtype, clip):
    torch.manual_seed(SEED)
    model = make().to(dtype)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    tr = torch.tensor(train_idx)
    for _ in range(EPOCHS):
        perm = tr[torch.randperm(len(tr))]
        for s in range(0, len(perm), 32):
            idx = perm[s:s + 32]
            opt.zero_grad()
            loss = loss_fn(forward(model, xs, idx), ys[idx])
            loss.backward()
            if clip > 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
            opt.step()
    with torch.no_grad():
        out = []
        for part in (train_idx, eval_idx):
            idx = torch.tensor(part)
            logits = forward(model, xs, idx)
            out.append((loss_fn(logits, ys[idx]).item(), (logits.argmax(1) == ys[idx]).double().mean().item()))
    return out


def protocol(make, xs, ys, groups, test, lr, forward, dtype, clip):
    rng = random.Random(SEED)
    train = [i for i in range(len(ys)) if i not in test]
    results = []
    if FOLDS > 0:
        for fold in grouped_folds([groups[i] for i in train], FOLDS, rng):
            held = set(fold)
            fit = [train[j] for j in range(len(train)) if j not in held]
            results.append(train_eval(make, xs, ys, fit, [train[j] for j in fold], lr, 32, forward, dtype, clip)[1])
    final = train_eval(make, xs, ys, train, sorted(test), lr, 32, forward, dtype, clip)
    val = sum(a for _, a in results) / len(results) if results else float("nan")
    return val, final[1][1]


def mlp():
    with open(os.path.join(DIR, "music-eeg-features.csv"), newline="") as f:
        rows = [r for r in csv.reader(f) if any(c.strip() for c in r)]
    header, body = rows[0], rows[1:]
    gcol, lcol = header.index("subject no."), header.index("label")
    feats = [i for i in range(len(header)) if i not in (gcol, lcol)]
    x = torch.tensor([[float(r[i]) for i in feats] for r in body], dtype=torch.float64)
    classes = sorted(set(r[lcol] for r in body))
    y = torch.tensor([classes.index(r[lcol]) for r in body])
    groups = [r[gcol] for r in body]
    rng = random.Random(SEED)
    subjects = sorted(set(groups))
    rng.shuffle(subjects)
    held = set(subjects[:max(1, round(0.2 * len(subjects)))])
    test = {i for i, g in enumerate(groups) if g in held}
    train = [i for i in range(len(y)) if i not in test]
    lo, hi = x[train].min(0).values, x[train].max(0).values
    x = (x - lo) / torch.where(hi > lo, hi - lo, torch.ones_like(hi))

    def make():
        return torch.nn.Sequential(torch.nn.Linear(len(feats), 30), torch.nn.Sigmoid(), torch.nn.Linear(30, len(classes)))

    return protocol(make, x, y, groups, test, 0.01, lambda m, xs, idx: m(xs[idx]), torch.float64, 0.0)


class Rnn(torch.nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.rnn = torch.nn.RNN(1, 50, nonlinearity="tanh", batch_first=True)
        self.lin = torch.nn.Linear(50, classes)

    def forward(self, packed):
        _, h = self.rnn(packed)
        return self.lin(h[0])


def rnn():
    seqs, labels, groups, songs = [], [], [], []
    with open(os.path.join(DIR, "song-classes.csv"), newline="") as f:
        song_class = {r["song"]: r["class"] for r in csv.DictReader(f)}
    for path in sorted(glob.glob(os.path.join(DIR, "series-csv", "S*.csv"))):
        song = os.path.basename(path)[:-4]
        with open(path, newline="") as f:
            rows = list(csv.reader(f))
        for c in range(1, len(rows[0])):
            v = torch.tensor([float(r[c]) for r in rows[1:] if c < len(r) and r[c] != ""], dtype=torch.float64)
            v = torch.nn.functional.pad(v[None, None], (2, 2), mode="replicate")[0, 0].unfold(0, 5, 1).median(1).values
            lo, hi = v.min(), v.max()
            seqs.append(((v - lo) / (hi - lo if hi > lo else 1.0)).float())
            labels.append(song_class[song])
            groups.append(rows[0][c])
            songs.append(song)
    classes = sorted(set(labels))
    y = torch.tensor([classes.index(l) for l in labels])
    rng = random.Random(SEED)
    test = set()
    for s in sorted(set(songs)):
        members = [i for i, t in enumerate(songs) if t == s]
        rng.shuffle(members)
        test.update(members[:round(0.25 * len(members))])
    lengths = torch.tensor([len(s) for s in seqs])

    def forward(model, xs, idx):
        batch = [xs[i] for i in idx.tolist()]
        padded = torch.nn.utils.rnn.pad_sequence(batch, batch_first=True)[:, :, None]
        packed = torch.nn.utils.rnn.pack_padded_sequence(padded, lengths[idx], batch_first=True, enforce_sorted=False)
        return model(packed)

    return protocol(lambda: Rnn(len(classes)), seqs, y, groups, test, 0.003, forward, torch.float32, 1.0)


val, test = mlp() if MODE == "mlp" else rnn()
print(f"pytorch {MODE}: {EPOCHS} epochs, {FOLDS} folds: mean validation accuracy {val:.4f}, test accuracy {test:.4f}")
