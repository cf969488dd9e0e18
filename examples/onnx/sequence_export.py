#!/usr/bin/python3
"""Trains a small sequence classifier in PyTorch and exports it to ONNX, with the sequences it was trained on (README,
"From PyTorch").

Usage:  /usr/bin/python3 examples/onnx/sequence_export.py OUT_DIR [conv1d|lstm|gru]
Writes OUT_DIR/series.csv (sequences in distinct's long layout: one row per time step with 'sequence', 'label', 'group'
and two channels 'c1', 'c2'; 48 sequences of 40 to 80 steps from 12 participants, 3 classes, drawn from a fixed seed) and
OUT_DIR/model.onnx, exported with torch.onnx.export (opset 17, dynamic batch and time axes, input [batch x time x 2]):
  conv1d  nn.Conv1d(2, 8, 5, stride=2, padding=2) ReLU, nn.Conv1d(8, 6, 3, padding=1) ReLU, mean over time, nn.Linear(6, 3)
  lstm    nn.LSTM(2, 12, batch_first=True), nn.Linear(12, 3) on the last step
  gru     nn.GRU(2, 12, batch_first=True), nn.Linear(12, 3) on the last step
The network reads the values as they are (no filtering or scaling), and its outputs are the labels in sorted order:
what distinct assumes for an ONNX graph without distinct's metadata. Every sequence is trained on alone (batch 1), as
distinct runs every sequence on its own.
"""
import os
import sys

import numpy as np
import torch

CLASSES = ["classical", "instrumental", "pop"]


def sequences(rs):
    """48 sequences: a class-specific frequency and offset per channel, noise, a participant-specific gain."""
    out = []
    for participant in range(1, 13):
        gain = 1.0 + rs.normal(0, 0.1)
        for k in range(4):
            c = (participant + k) % 3
            t = np.arange(rs.randint(40, 81))
            x = np.stack([gain * np.sin(t * (0.15 + 0.1 * c) + rs.uniform(0, 6.3)) + 0.3 * c,
                          gain * np.cos(t * 0.2) * (c - 1) + rs.normal(0, 0.3, len(t))], axis=1)
            out.append((f"p{participant}-{k}", c, participant, x + rs.normal(0, 0.2, x.shape)))
    return out


class Conv(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = torch.nn.Conv1d(2, 8, 5, stride=2, padding=2)
        self.c2 = torch.nn.Conv1d(8, 6, 3, padding=1)
        self.lin = torch.nn.Linear(6, 3)

    def forward(self, x):  # [batch, time, channels]
        y = torch.relu(self.c2(torch.relu(self.c1(x.permute(0, 2, 1)))))
        return self.lin(y.mean(dim=2))


class Recurrent(torch.nn.Module):
    def __init__(self, cell):
        super().__init__()
        self.rnn = cell(2, 12, batch_first=True)
        self.lin = torch.nn.Linear(12, 3)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.lin(y[:, -1])


def main(out, kind):
    os.makedirs(out, exist_ok=True)
    rs = np.random.RandomState(11)
    data = sequences(rs)
    with open(os.path.join(out, "series.csv"), "w") as f:
        f.write("sequence,label,group,c1,c2\n")
        for name, c, g, x in data:
            for row in x:
                f.write(f"{name},{CLASSES[c]},{g},{float(row[0])!r},{float(row[1])!r}\n")
    torch.manual_seed(0)
    model = Conv() if kind == "conv1d" else Recurrent(torch.nn.LSTM if kind == "lstm" else torch.nn.GRU)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    xs = [torch.tensor(x, dtype=torch.float32).unsqueeze(0) for _, _, _, x in data]
    ys = [torch.tensor([c]) for _, c, _, _ in data]
    for _ in range(30):
        for x, y in zip(xs, ys):
            opt.zero_grad()
            torch.nn.functional.cross_entropy(model(x), y).backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        acc = np.mean([model(x).argmax(1).item() == y.item() for x, y in zip(xs, ys)])
    path = os.path.join(out, "model.onnx")
    torch.onnx.export(model, xs[0], path, input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "batch", 1: "time"}, "y": {0: "batch"}}, opset_version=17)
    print(f"trained a {kind} on {len(data)} sequences, training accuracy {acc:.3f}; wrote {path} and {out}/series.csv")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "conv1d")
