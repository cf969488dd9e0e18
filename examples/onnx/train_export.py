#!/usr/bin/python3
"""Trains a small MLP in PyTorch and exports it to ONNX, with the table it was trained on (README, "From PyTorch").

Usage:  /usr/bin/python3 examples/onnx/train_export.py OUT_DIR
Writes OUT_DIR/table.csv (a feature table as distinct reads it: 'subject no.', 'label', then 8 features; 12
participants x 30 rows, 3 classes, drawn from a fixed seed) and OUT_DIR/model.onnx (a 8-20-3 sigmoid MLP trained on it
with Adam, exported with torch.onnx.export, opset 17). The network reads the features as they are (no scaling), in the
table's column order, and its outputs are the labels in sorted order: what distinct assumes for an ONNX graph
without distinct's metadata.
"""
import os
import sys

import numpy as np
import torch

CLASSES = ["classical", "instrumental", "pop"]


def table(rs):
    centres = rs.normal(0, 1.2, (3, 8))
    rows = []
    for subject in range(1, 13):
        shift = rs.normal(0, 0.3, 8)
        for r in range(30):
            c = r % 3
            rows.append((subject, c, centres[c] + shift + rs.normal(0, 1.0, 8)))
    return rows


def main(out):
    os.makedirs(out, exist_ok=True)
    rs = np.random.RandomState(7)
    rows = table(rs)
    with open(os.path.join(out, "table.csv"), "w") as f:
        f.write("subject no.,label," + ",".join(f"f{j}" for j in range(1, 9)) + "\n")
        for s, c, x in rows:
            f.write(f"{s},{CLASSES[c]}," + ",".join(repr(float(v)) for v in x) + "\n")
    x = torch.tensor(np.array([r[2] for r in rows]), dtype=torch.float32)
    y = torch.tensor([r[1] for r in rows])
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(8, 20), torch.nn.Sigmoid(), torch.nn.Linear(20, 3))
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(300):
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        acc = (model(x).argmax(1) == y).float().mean().item()
    path = os.path.join(out, "model.onnx")
    torch.onnx.export(model, x[:2], path, input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}}, opset_version=17)
    print(f"trained an 8-20-3 sigmoid MLP on {len(rows)} rows, training accuracy {acc:.3f}; wrote {path} and {out}/table.csv")


if __name__ == "__main__":
    main(sys.argv[1])
