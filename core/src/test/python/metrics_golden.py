#!/usr/bin/python3
"""Golden values for org.distinct.eval.ClassificationMetrics, computed with PyTorch/NumPy in float64.

Run:  /usr/bin/python3 core/src/test/python/metrics_golden.py   (from the repository root)
Writes src/test/resources/golden/metrics.json, read by org.distinct.eval.ClassificationMetricsGoldenTest.

Each case stores its inputs (logits row-major [n x c], labels [n]) and the expected values:
  loss = torch.nn.functional.cross_entropy (mean), predictions = torch.argmax (first maximum wins),
  confusion [true][predicted], per-class precision/recall/specificity/F1 with 0 where the ratio is 0/0,
  F1 = 2 TP / (2 TP + FP + FN), macro = unweighted mean over classes, accuracy = trace / n.
All inputs come from numpy.random.RandomState(seed), so the file is reproducible.
"""
import json
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden", "metrics.json")


def ratio(num, den):
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    return np.divide(num, den, out=np.zeros_like(num), where=den != 0)


def case(name, logits, labels, c):
    z = torch.from_numpy(logits.reshape(-1, c))
    y = torch.from_numpy(labels.astype(np.int64))
    loss = torch.nn.functional.cross_entropy(z, y).item()
    pred = torch.argmax(z, dim=1).numpy()
    cm = np.zeros((c, c), dtype=np.int64)
    np.add.at(cm, (labels, pred), 1)
    tp = np.diag(cm)
    fp = cm.sum(axis=0) - tp
    fn = cm.sum(axis=1) - tp
    tn = cm.sum() - tp - fp - fn
    prec = ratio(tp, tp + fp)
    rec = ratio(tp, tp + fn)
    spec = ratio(tn, tn + fp)
    f1 = ratio(2 * tp, 2 * tp + fp + fn)
    return {
        "name": name,
        "n": int(len(labels)),
        "numClasses": c,
        "logits": [float(v) for v in logits.reshape(-1)],
        "labels": [int(v) for v in labels],
        "loss": loss,
        "accuracy": float(np.trace(cm) / cm.sum()),
        "confusion": cm.tolist(),
        "precision": prec.tolist(),
        "recall": rec.tolist(),
        "specificity": spec.tolist(),
        "f1": f1.tolist(),
        "macroPrecision": float(prec.mean()),
        "macroRecall": float(rec.mean()),
        "macroSpecificity": float(spec.mean()),
        "macroF1": float(f1.mean()),
    }


def main():
    rs = np.random.RandomState(20240611)
    cases = []
    # 1. the paper's shape: 120 test rows, 3 classes, moderate logits
    n, c = 120, 3
    cases.append(case("random_120x3", rs.normal(0, 1.5, (n, c)), rs.randint(0, c, n), c))
    # 2. class 2 never predicted (its logit is always far below), and class 3 never occurs
    n, c = 60, 4
    z = rs.normal(0, 1, (n, c))
    z[:, 2] -= 50
    y = rs.randint(0, 3, n)
    cases.append(case("never_predicted_and_absent", z, y, c))
    # 3. large logits (naive softmax overflows)
    n, c = 40, 3
    cases.append(case("large_logits", rs.normal(0, 400, (n, c)), rs.randint(0, c, n), c))
    # 4. many exact ties (integer logits from {0, 1}): first maximum wins
    n, c = 50, 5
    cases.append(case("ties", rs.randint(0, 2, (n, c)).astype(np.float64), rs.randint(0, c, n), c))
    with open(OUT, "w") as f:
        json.dump({"generator": "src/test/python/metrics_golden.py", "torch": torch.__version__, "cases": cases}, f,
                  indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
