"""Predictions and how good they are.

Layout: labels and predictions are ``(1, m)`` (binary 0/1 or class indices).
Taught in: c1/02 and c1/05 (accuracy), c3/01 (precision, recall, F1).
"""
import numpy as np

from .validation import check_array

__all__ = ["accuracy", "confusion_counts", "confusion_matrix", "precision_recall_f1"]


def _pair(func, Y_pred, Y):
    Y_pred = check_array(func, "Y_pred", Y_pred, dtype_kind="fiub")
    Y = check_array(func, "Y", Y, dtype_kind="fiub")
    if Y_pred.shape != Y.shape:
        hint = " - did you pass Y.T?" if Y_pred.shape == Y.shape[::-1] else ""
        raise ValueError(f"{func}: Y_pred has shape {Y_pred.shape} but Y has shape {Y.shape}; "
                         f"both must be (1, m){hint}")
    return Y_pred, Y


def accuracy(Y_pred, Y):
    """Percentage of columns where the prediction equals the label, in [0, 100]."""
    Y_pred, Y = _pair("accuracy", Y_pred, Y)
    if Y.size == 0:
        raise ValueError("accuracy: got 0 examples; pass at least one column.")
    return float(100.0 * np.mean(Y_pred == Y))


def confusion_counts(Y_pred, Y, func="confusion_counts"):
    """Binary counts ``{"tp", "fp", "fn", "tn"}`` for 0/1 predictions and labels."""
    Y_pred, Y = _pair(func, Y_pred, Y)
    for name, a in (("Y_pred", Y_pred), ("Y", Y)):
        if not np.all((a == 0) | (a == 1)):
            raise ValueError(f"{func}: {name} must be 0/1; for classes use "
                             f"dl.confusion_matrix.")
    p, y = Y_pred.astype(bool), Y.astype(bool)
    return {"tp": int(np.sum(p & y)), "fp": int(np.sum(p & ~y)),
            "fn": int(np.sum(~p & y)), "tn": int(np.sum(~p & ~y))}


def confusion_matrix(Y_pred, Y, C=None):
    """``M[i, j]`` = number of examples of true class ``i`` predicted as class ``j``."""
    Y_pred, Y = _pair("confusion_matrix", Y_pred, Y)
    if not (np.all(Y_pred == np.round(Y_pred)) and np.all(Y == np.round(Y))
            and Y_pred.min(initial=0) >= 0 and Y.min(initial=0) >= 0):
        raise ValueError("confusion_matrix: labels must be whole numbers >= 0 (class indices); "
                         "turn one-hot or probability columns into labels with dl.from_one_hot.")
    yp, yt = Y_pred.ravel().astype(np.int64), Y.ravel().astype(np.int64)
    top = max(yp.max(initial=0), yt.max(initial=0))
    if C is not None and top >= int(C):
        raise ValueError(f"confusion_matrix: labels go up to {top} but C={C}; C is the number of classes.")
    C = int(C if C is not None else top + 1)
    M = np.zeros((C, C), dtype=np.int64)
    np.add.at(M, (yt, yp), 1)
    return M


def precision_recall_f1(Y_pred, Y):
    """``(precision, recall, F1)`` of the positive class, each in [0, 1] (0 when undefined)."""
    c = confusion_counts(Y_pred, Y, func="precision_recall_f1")
    precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
