#!/usr/bin/python3
"""Generates the reference-dataset fixture of the monitoring engine tests and its expected values.

Writes reference.csv and current.csv (deterministic, seeded) and expected.json, whose values come
from scikit-learn, SciPy, NumPy and pandas as packaged by Debian 12 -- an implementation
independent of the C++ engine. Run with Debian's interpreter (the pyenv python3 on PATH has no
NumPy):

    apt-get install -y python3-sklearn python3-scipy python3-pandas
    /usr/bin/python3 tests/monitoring/engine/reference/compute_expected.py

The C++ test (reference_dataset_test.cpp) reads the three files; it never runs Python.

Where the engine's definition is a choice rather than a library function, this script states the
choice and computes it with NumPy/SciPy:
  * prediction = score >= 0.5; positive label "1".
  * fairness: fairlearn's between-groups form (max - min, min / max) over groups with at least
    30 rows, per-group rates from scikit-learn (fairlearn itself is not packaged by Debian).
  * ECE: 10 equal-width bins [b/10, (b+1)/10), the last closed.
  * log loss: scikit-learn's log_loss with eps = float64 machine epsilon (the 1.3+ default).
  * PSI: Evidently's zero filling; JS distance: scipy.spatial.distance.jensenshannon, natural log.
  * KS p-value: scipy.stats.kstwobign.sf(D * sqrt(n m / (n + m))).
  * Coarse bins of the integer features: equal-frequency over distinct values, closing a bin when
    floor(cumulative * 10 / n) grows (docs/monitoring.md, "Binning").
Integer features take fewer than 1000 distinct values, so the engine keeps one fine bin per value
and its KS and Wasserstein values are exact; for the continuous columns (income, score) the test
allows the documented binning error.
"""

import json
import math
import os
import sys

import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy.spatial.distance import jensenshannon
from scipy.stats import chisquare, ks_2samp, kstwobign, wasserstein_distance
from sklearn.metrics import (accuracy_score, brier_score_loss, confusion_matrix, f1_score,
                             log_loss, precision_score, r2_score, recall_score, roc_auc_score)

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261122
REFERENCE_ROWS = 4000
CURRENT_ROWS = 3000
MIN_GROUP_SIZE = 30
THRESHOLD = 0.5


def make_log(rng, rows, shift, prefix):
    groups = rng.choice(["A", "B", "C", "D"], size=rows,
                        p=[0.40, 0.35, 0.20, 0.05] if not shift else [0.30, 0.35, 0.25, 0.10])
    groups[rng.random(rows) < 0.01] = ""  # missing sensitive value
    age = np.clip(np.round(rng.normal(45 + 4 * shift, 12, rows)), 18, 90).astype(int)
    tenure = np.clip(rng.poisson(24 + 6 * shift, rows), 0, 120).astype(int)
    income = np.round(rng.lognormal(10.8 + 0.08 * shift, 0.4, rows), 2)
    channel_names = ["web", "app", "branch", "phone"]
    channel = rng.choice(channel_names, size=rows,
                         p=[0.45, 0.30, 0.15, 0.10] if not shift else [0.35, 0.42, 0.13, 0.10])
    if shift:
        channel[rng.random(rows) < 0.01] = "kiosk"  # a category the reference never saw
    effect = {"A": 0.0, "B": -0.4, "C": 0.3, "D": -0.8, "": 0.0}
    logit = (0.04 * (age - 45) + 0.000012 * (income - 50000) + 0.02 * (tenure - 24)
             + np.array([effect[g] for g in groups]) + rng.normal(0, 1.0, rows) + 0.3 * shift)
    score = np.round(1 / (1 + np.exp(-logit)), 4)
    label = (rng.random(rows) < np.clip(score + rng.normal(0, 0.08, rows), 0, 1)).astype(int)
    ts = pd.Timestamp("2026-01-01T00:00:00Z") + pd.to_timedelta(np.arange(rows) * 61, unit="s")
    frame = pd.DataFrame({
        "id": [f"{prefix}{i:06d}" for i in range(rows)],
        "ts": [t.strftime("%Y-%m-%dT%H:%M:%SZ") for t in ts],
        "group": groups,
        "age": age.astype(str),
        "tenure": tenure.astype(str),
        "income": [f"{v:.2f}" for v in income],
        "channel": channel,
        "score": [f"{v:.4f}" for v in score],
        "label": label.astype(str),
    })
    missing = rng.random(rows) < 0.01
    frame.loc[missing, "income"] = ""
    return frame


def add_defects(rng, current, reference):
    """Keeps the integer features inside the reference range (so their drift is exact), then adds
    type errors and repeated ids, half of them with the other label."""
    for column in ["age", "tenure"]:
        low, high = reference[column].astype(int).min(), reference[column].astype(int).max()
        current[column] = current[column].astype(int).clip(low, high).astype(str)
    rows = len(current)
    bad = rng.choice(rows, size=12, replace=False)
    current.loc[bad, "tenure"] = "n/a"
    repeated = rng.choice(np.arange(100, rows), size=40, replace=False)
    for k, row in enumerate(repeated):
        current.loc[row, "id"] = current.loc[k, "id"]
        current.loc[row, "label"] = (current.loc[k, "label"] if k % 2 == 0
                                     else str(1 - int(current.loc[k, "label"])))


def number(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def classification(frame):
    y = frame["label"].astype(int).to_numpy()
    p = frame["score"].astype(float).to_numpy()
    yhat = (p >= THRESHOLD).astype(int)
    tn, fp, fn, tp = confusion_matrix(y, yhat, labels=[0, 1]).ravel()
    out = {"rows": int(len(frame)), "true_positives": int(tp), "false_positives": int(fp),
           "true_negatives": int(tn), "false_negatives": int(fn),
           "selection_rate": float(yhat.mean()), "accuracy": accuracy_score(y, yhat)}
    out["true_positive_rate"] = recall_score(y, yhat) if tp + fn > 0 else None
    out["false_positive_rate"] = fp / (fp + tn) if fp + tn > 0 else None
    out["false_negative_rate"] = fn / (tp + fn) if tp + fn > 0 else None
    out["precision"] = precision_score(y, yhat) if tp + fp > 0 else None
    out["f1"] = f1_score(y, yhat) if 2 * tp + fp + fn > 0 else None
    out["roc_auc"] = roc_auc_score(y, p) if 0 < y.sum() < len(y) else None
    out["log_loss"] = log_loss(y, p, eps=np.finfo(float).eps, labels=[0, 1])
    out["brier_score"] = brier_score_loss(y, p)
    bins = np.searchsorted(np.arange(1, 10) / 10, p, side="right")
    ece = 0.0
    for b in range(10):
        inside = bins == b
        if inside.any():
            ece += inside.sum() / len(p) * abs(y[inside].mean() - p[inside].mean())
    out["expected_calibration_error"] = ece
    return {k: (number(v) if isinstance(v, (float, np.floating)) or v is None else v)
            for k, v in out.items()}


def fairness(groups):
    compared = {g: m for g, m in groups.items() if m["rows"] >= MIN_GROUP_SIZE}

    def spread(rate):
        values = {g: m[rate] for g, m in compared.items() if m[rate] is not None}
        high = max(sorted(values), key=lambda g: values[g])
        low = min(sorted(values), key=lambda g: values[g])
        return values, high, low

    out = {}
    for key, rate in [("demographic_parity_difference", "selection_rate"),
                      ("equal_opportunity_difference", "true_positive_rate"),
                      ("predictive_parity_difference", "precision")]:
        values, high, low = spread(rate)
        out[key] = {"value": values[high] - values[low], "max_group": high, "min_group": low}
    values, high, low = spread("selection_rate")
    out["disparate_impact"] = {"value": values[low] / values[high], "max_group": high,
                               "min_group": low}
    tpr = out["equal_opportunity_difference"]["value"]
    fpr_values, _, _ = spread("false_positive_rate")
    fpr = max(fpr_values.values()) - min(fpr_values.values())
    out["equalized_odds_difference"] = {"value": max(tpr, fpr)}
    return out


def zero_filled(counts):
    shares = np.asarray(counts, dtype=float) / np.sum(counts)
    smallest = shares[shares > 0].min()
    shares[shares == 0] = smallest / 1e6 if smallest <= 1e-4 else 1e-4
    return shares


def psi(reference_counts, current_counts):
    r, c = zero_filled(reference_counts), zero_filled(current_counts)
    return float(np.sum((c - r) * np.log(c / r)))


def coarse_bin_edges(values, bins=10):
    """Lower edges of the engine's coarse bins for a column of few distinct values."""
    distinct, counts = np.unique(values, return_counts=True)
    if len(distinct) <= bins:
        return list(distinct)
    edges, quota_at_close, quota, cumulative, open_count = [distinct[0]], 0, 0, 0, 0
    for value, count in zip(distinct, counts):
        if open_count > 0 and quota > quota_at_close:
            edges.append(value)
            quota_at_close = quota
            open_count = 0
        open_count += count
        cumulative += count
        quota = cumulative * bins // len(values)
    return edges


def numeric_drift(reference, current, integer):
    reference = reference[~np.isnan(reference)]
    current = current[~np.isnan(current)]
    statistic = ks_2samp(reference, current).statistic
    n, m = len(reference), len(current)
    out = {"reference_count": n, "current_count": m, "ks_statistic": float(statistic),
           "ks_p_value": float(kstwobign.sf(statistic * math.sqrt(n * m / (n + m)))),
           "scipy_ks_2samp_p_value": float(ks_2samp(reference, current).pvalue),
           "wasserstein_distance": float(wasserstein_distance(reference, current)),
           "reference_std": float(np.std(reference))}
    out["wasserstein_distance_normed"] = out["wasserstein_distance"] / max(np.std(reference), 1e-3)
    if integer:
        lower = coarse_bin_edges(reference)
        # Bins [e_i, e_{i+1}) with the last one closed at the maximum.
        edges = np.array(lower[1:] + [np.inf])
        reference_counts = np.bincount(np.searchsorted(edges, reference, side="right"),
                                       minlength=len(lower))
        current_counts = np.bincount(np.searchsorted(edges, current, side="right"),
                                     minlength=len(lower))
        assert current.min() >= reference.min() and current.max() <= reference.max()
        out["psi"] = psi(reference_counts, current_counts)
        out["jensen_shannon_distance"] = float(jensenshannon(reference_counts, current_counts))
        out["coarse_lower_edges"] = [float(v) for v in lower]
    return out


def categorical_drift(reference, current):
    counts = reference.value_counts()
    order = sorted(counts.index, key=lambda v: (-counts[v], v))
    reference_counts = [int(counts[v]) for v in order]
    current_counts = [int((current == v).sum()) for v in order]
    unseen = int((~current.isin(order)).sum())
    r_bins, c_bins = reference_counts + ([0] if unseen else []), current_counts + (
        [unseen] if unseen else [])
    seen = sum(current_counts)
    expected = np.array(reference_counts) / sum(reference_counts) * seen
    chi = chisquare(current_counts, expected)
    return {"reference_count": int(len(reference)), "current_count": int(len(current)),
            "categories": order, "psi": psi(r_bins, c_bins),
            "jensen_shannon_distance": float(jensenshannon(r_bins, c_bins)),
            "chi_square_statistic": float(chi.statistic), "chi_square_p_value": float(chi.pvalue),
            "chi_square_degrees_of_freedom": len(order) - 1,
            "unseen_category_share": unseen / len(current)}


def quality(reference, current):
    income = pd.to_numeric(current["income"].replace("", np.nan))
    tenure = pd.to_numeric(current["tenure"], errors="coerce")
    ref_income = pd.to_numeric(reference["income"].replace("", np.nan))
    valid_income = income.dropna()
    outside = ((valid_income < ref_income.min()) | (valid_income > ref_income.max())).sum()
    ids = current.groupby("id")["label"].agg(["count", "nunique"])
    return {
        "income_missing": int(income.isna().sum()),
        "income_out_of_range": int(outside),
        "income_valid": int(len(valid_income)),
        "tenure_type_errors": int(tenure.isna().sum()),
        "group_missing": int((current["group"] == "").sum()),
        "rows_with_id": int(len(current)),
        "distinct_ids": int(len(ids)),
        "duplicated_ids": int((ids["count"] > 1).sum()),
        "duplicate_rows": int(len(current) - len(ids)),
        "conflicting_ids": int((ids["nunique"] > 1).sum()),
        "first_timestamp": min(current["ts"]),
        "last_timestamp": max(current["ts"]),
    }


def main():
    rng = np.random.default_rng(SEED)
    reference = make_log(rng, REFERENCE_ROWS, 0, "r")
    current = make_log(rng, CURRENT_ROWS, 1, "c")
    add_defects(rng, current, reference)
    reference.to_csv(os.path.join(HERE, "reference.csv"), index=False, lineterminator="\n")
    current.to_csv(os.path.join(HERE, "current.csv"), index=False, lineterminator="\n")

    groups = {}
    for name, frame in current.groupby("group"):
        groups["(missing)" if name == "" else name] = classification(frame)
    tenure_valid = pd.to_numeric(current["tenure"], errors="coerce")
    expected = {
        "tools": (f"scikit-learn {sklearn.__version__}, SciPy {scipy.__version__}, "
                  f"NumPy {np.__version__}, pandas {pd.__version__} (Debian 12), "
                  f"Python {sys.version.split()[0]}"),
        "rows": len(current),
        "overall": classification(current),
        "groups": groups,
        "fairness": fairness(groups),
        "drift": {
            "age": numeric_drift(reference["age"].astype(float).to_numpy(),
                                 current["age"].astype(float).to_numpy(), True),
            "tenure": numeric_drift(reference["tenure"].astype(float).to_numpy(),
                                    tenure_valid.to_numpy(dtype=float), True),
            "income": numeric_drift(
                pd.to_numeric(reference["income"].replace("", np.nan)).to_numpy(),
                pd.to_numeric(current["income"].replace("", np.nan)).to_numpy(), False),
            "score": numeric_drift(reference["score"].astype(float).to_numpy(),
                                   current["score"].astype(float).to_numpy(), False),
            "channel": categorical_drift(reference["channel"], current["channel"]),
        },
        "quality": quality(reference, current),
    }
    with open(os.path.join(HERE, "expected.json"), "w") as out:
        json.dump(expected, out, indent=1, sort_keys=True)
        out.write("\n")


if __name__ == "__main__":
    main()
