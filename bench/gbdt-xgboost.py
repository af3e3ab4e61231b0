"""XGBoost `hist` reference for bench/gbdt.bench.ts.

Reads the benchmark's split from raw float64 files (row-major features, labels),
trains with the same settings on one thread and prints one JSON object:
training seconds (DMatrix construction excluded, quantile sketching included)
and the test AUC. Usage: python3 gbdt-xgboost.py DIR TREES DEPTH LR BINS
"""
import json
import sys
import time

import numpy as np
import xgboost as xgb


def load(folder, name, width):
    x = np.fromfile(f"{folder}/{name}.x.f64", dtype=np.float64).reshape(-1, width)
    y = np.fromfile(f"{folder}/{name}.y.f64", dtype=np.float64)
    return x, y


def auc(labels, scores):
    order = np.argsort(scores, kind="mergesort")
    s = scores[order]
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[i : j + 1] = (i + j + 2) / 2
        i = j + 1
    y = labels[order]
    p = y.sum()
    n = len(y) - p
    return float((ranks[y == 1].sum() - p * (p + 1) / 2) / (p * n))


def main():
    folder, trees, depth, lr, bins, width = sys.argv[1:7]
    width = int(width)
    train_x, train_y = load(folder, "train", width)
    test_x, test_y = load(folder, "test", width)
    dtrain = xgb.DMatrix(train_x, label=train_y, nthread=1)
    dtest = xgb.DMatrix(test_x, label=test_y, nthread=1)
    params = {
        "objective": "binary:logistic",
        "tree_method": "hist",
        "max_depth": int(depth),
        "eta": float(lr),
        "max_bin": int(bins),
        "nthread": 1,
        "lambda": 1.0,
        "min_child_weight": 1.0,
        "base_score": float(train_y.mean()),
    }
    started = time.perf_counter()
    cpu_started = time.process_time()
    booster = xgb.train(params, dtrain, num_boost_round=int(trees))
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    scores = booster.predict(dtest)
    print(json.dumps({"version": xgb.__version__, "seconds": seconds, "cpuSeconds": cpu_seconds, "testAuc": auc(test_y, scores)}))


main()
