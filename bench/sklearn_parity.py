#!/usr/bin/python3
"""Accuracy parity of distinct's MLP with scikit-learn's MLPClassifier on public tables without groups.

For each dataset shipped with scikit-learn (iris, wine, breast cancer, digits) and each seed, both tools run the
same protocol on the same rows: a stratified 20 % test hold-out, stratified 5-fold cross-validation on the remaining
80 %, min-max scaling fitted on each training part, 30 logistic hidden units, Adam with learning rate 0.01, batches
of 32, 300 epochs, no weight decay, no early stopping. scikit-learn draws its own splits from the seed (the splits
differ between the tools; the means over seeds are compared). distinct runs as a user would:

    distinct train --data DATASET.csv --split stratified --folds 5 --epochs 300 --hidden 30 --json --seed S

Prints a Markdown table of mean cross-validated and test accuracy per dataset and tool, and the differences.
Usage: bench/sklearn_parity.py [--seeds 5] [--distinct ./distinct] [--out target/parity]
Needs Debian's python3-sklearn (apt-get install python3-sklearn); the datasets ship with it (no download).
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import time
import warnings

import numpy as np
from sklearn import datasets
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler

LOADERS = {
    "iris": datasets.load_iris,
    "wine": datasets.load_wine,
    "breast-cancer": datasets.load_breast_cancer,
    "digits": datasets.load_digits,
}


def export(name, out):
    """Writes the dataset as csv: features f1..fn, then the label column (class numbers)."""
    d = LOADERS[name]()
    path = os.path.join(out, name + ".csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"f{j + 1}" for j in range(d.data.shape[1])] + ["label"])
        for x, y in zip(d.data, d.target):
            w.writerow([repr(float(v)) for v in x] + [int(y)])
    return path, d.data, d.target


def model(seed):
    mlp = MLPClassifier(hidden_layer_sizes=(30,), activation="logistic", solver="adam", learning_rate_init=0.01,
                        batch_size=32, max_iter=300, alpha=0.0, tol=0.0, n_iter_no_change=10**9, shuffle=True,
                        random_state=seed)
    return make_pipeline(MinMaxScaler(), mlp)


def sklearn_run(x, y, seed):
    """Hold-out, 5-fold CV on the training part, final model on the training part: (mean CV accuracy, test accuracy)."""
    xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.2, stratify=y, random_state=seed)
    accs = []
    for tr, va in StratifiedKFold(5, shuffle=True, random_state=seed).split(xtr, ytr):
        accs.append(model(seed).fit(xtr[tr], ytr[tr]).score(xtr[va], ytr[va]))
    return float(np.mean(accs)), float(model(seed).fit(xtr, ytr).score(xte, yte))


def distinct_run(launcher, path, seed):
    cmd = [launcher, "train", "--data", path, "--split", "stratified", "--folds", "5", "--epochs", "300", "--hidden", "30",
           "--json", "--quiet", "--seed", str(seed)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("distinct failed: " + " ".join(cmd) + "\n" + r.stderr)
    j = json.loads(r.stdout)
    return j["crossValidation"]["summary"]["valAcc"][0], j["test"]["accuracy"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--distinct", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "distinct"))
    ap.add_argument("--out", default="target/parity")
    ap.add_argument("--datasets", default=",".join(LOADERS))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    rows = []
    for name in a.datasets.split(","):
        path, x, y = export(name, a.out)
        res = {"sklearn": [], "distinct": []}
        secs = {"sklearn": 0.0, "distinct": 0.0}
        for seed in range(1, a.seeds + 1):
            t0 = time.perf_counter()
            res["sklearn"].append(sklearn_run(x, y, seed))
            t1 = time.perf_counter()
            res["distinct"].append(distinct_run(a.distinct, path, seed))
            secs["sklearn"] += t1 - t0
            secs["distinct"] += time.perf_counter() - t1
        cv = {k: 100 * np.mean([r[0] for r in v]) for k, v in res.items()}
        te = {k: 100 * np.mean([r[1] for r in v]) for k, v in res.items()}
        rows.append((name, x.shape, len(set(y)), cv, te, secs))
        print(f"{name}: CV sklearn {cv['sklearn']:.2f} distinct {cv['distinct']:.2f}; test sklearn {te['sklearn']:.2f} "
              f"distinct {te['distinct']:.2f}; seconds sklearn {secs['sklearn']:.1f} distinct {secs['distinct']:.1f}", file=sys.stderr)
    print(f"| dataset | rows × features, classes | CV accuracy scikit-learn | CV accuracy distinct | difference | "
          f"test accuracy scikit-learn | test accuracy distinct | wall time scikit-learn / distinct ({a.seeds} seeds) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, shape, k, cv, te, secs in rows:
        print(f"| {name} | {shape[0]} × {shape[1]}, {k} | {cv['sklearn']:.2f} % | {cv['distinct']:.2f} % | "
              f"{cv['distinct'] - cv['sklearn']:+.2f} | {te['sklearn']:.2f} % | {te['distinct']:.2f} % | "
              f"{secs['sklearn']:.0f} s / {secs['distinct']:.0f} s |")


if __name__ == "__main__":
    main()
