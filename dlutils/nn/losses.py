"""Losses: each returns the cost averaged over the ``m`` examples, and its gradient.

Layout: ``AL``, ``Z`` and ``Y`` are ``(n_y, m)``; binary labels are ``(1, m)`` of 0/1,
multi-class labels are one-hot ``(C, m)`` (see ``one_hot``).
The gradients include the ``1/m``: they are exact derivatives of the returned cost, so
layers downstream apply the plain chain rule.

Stability: ``binary_cross_entropy`` clips probabilities to ``[eps, 1-eps]``; the ``*_with_logits``
forms work on ``Z`` directly and are exact for any ``Z`` (no log(0), no overflow).
Taught in: c1/01 (L1, L2), c1/02 (cross-entropy), c2/07 (softmax).
"""
import numpy as np

from .activations import sigmoid, softmax
from ..validation import check_array, check_same_shape, check_labels

__all__ = [
    "l1_loss", "l2_loss", "binary_cross_entropy", "binary_cross_entropy_backward",
    "sigmoid_cross_entropy_with_logits", "softmax_cross_entropy_with_logits",
    "softmax_cross_entropy", "one_hot", "from_one_hot", "PROB_EPS",
]

PROB_EPS = 1e-12


def l1_loss(yhat, y):
    """``sum |yhat - y|``."""
    check_same_shape("l1_loss", "yhat", yhat, "y", y)
    return float(np.sum(np.abs(np.asarray(yhat) - np.asarray(y))))


def l2_loss(yhat, y):
    """``sum (yhat - y)^2``."""
    check_same_shape("l2_loss", "yhat", yhat, "y", y)
    d = np.asarray(yhat, dtype=float) - np.asarray(y, dtype=float)
    return float(np.dot(d.ravel(), d.ravel()))


def _check_pair(func, a_name, A, Y, binary=True):
    A = check_array(func, a_name, A, ndim=2, finite=False)
    Y = check_array(func, "Y", Y, ndim=2)
    if A.shape != Y.shape:
        hint = " - did you pass Y.T?" if A.shape == Y.shape[::-1] else ""
        raise ValueError(f"{func}: {a_name} has shape {A.shape} but Y has shape {Y.shape}; "
                         f"both must be (n_y, m){hint}")
    if binary:
        check_labels(func, "Y", Y)
    return A, Y


def binary_cross_entropy(AL, Y, eps=PROB_EPS):
    """``J = -1/m sum(Y log AL + (1-Y) log(1-AL))`` with ``AL`` clipped to ``[eps, 1-eps]``."""
    AL, Y = _check_pair("binary_cross_entropy", "AL", AL, Y)
    if np.any(np.isnan(AL)):
        raise ValueError("binary_cross_entropy: AL contains NaN; the forward pass diverged "
                         "(learning rate too large?).")
    m = Y.shape[1]
    P = np.clip(AL, eps, 1 - eps)
    return float(-(np.sum(Y * np.log(P)) + np.sum((1 - Y) * np.log(1 - P))) / m)


def binary_cross_entropy_backward(AL, Y, eps=PROB_EPS):
    """``dJ/dAL = -1/m (Y/AL - (1-Y)/(1-AL))``, with the same clipping as the cost."""
    AL, Y = _check_pair("binary_cross_entropy_backward", "AL", AL, Y)
    if np.any(np.isnan(AL)):
        raise ValueError("binary_cross_entropy_backward: AL contains NaN; the forward pass diverged "
                         "(learning rate too large?).")
    m = Y.shape[1]
    P = np.clip(AL, eps, 1 - eps)
    return -(Y / P - (1 - Y) / (1 - P)) / m


def sigmoid_cross_entropy_with_logits(Z, Y):
    """Binary cross-entropy of ``sigmoid(Z)``, computed stably from ``Z``.

    Returns ``(cost, dZ)`` with ``dZ = (sigmoid(Z) - Y) / m``.
    """
    Z, Y = _check_pair("sigmoid_cross_entropy_with_logits", "Z", Z, Y)
    return _sigmoid_ce_logits(Z, Y)


def _sigmoid_ce_logits(Z, Y):
    """The unchecked kernel: models call it on data validated once (``check_inputs``)."""
    m = Y.shape[1]
    # -[y log s(z) + (1-y) log(1-s(z))] = max(z,0) - z*y + log(1 + exp(-|z|))
    cost = float(np.sum(np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z)))) / m)
    dZ = (sigmoid(Z) - Y) / m
    return cost, dZ


def softmax_cross_entropy_with_logits(Z, Y):
    """Cross-entropy of ``softmax(Z)`` against one-hot ``Y`` (both ``(C, m)``).

    Returns ``(cost, dZ)`` with ``dZ = (softmax(Z) - Y) / m``; uses log-sum-exp, so no log(0).
    """
    func = "softmax_cross_entropy_with_logits"
    Z, Y = _check_pair(func, "Z", Z, Y, binary=False)
    _check_one_hot(func, Y)
    return _softmax_ce_logits(Z, Y)


def _softmax_ce_logits(Z, Y):
    """The unchecked kernel: models call it on data validated once (``check_inputs``)."""
    m = Y.shape[1]
    shifted = Z - Z.max(axis=0, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
    cost = float(-np.sum(Y * log_probs) / m)
    dZ = (np.exp(log_probs) - Y) / m
    return cost, dZ


def softmax_cross_entropy(AL, Y, eps=PROB_EPS):
    """``J = -1/m sum(Y * log AL)`` for probabilities ``AL`` (columns sum to 1)."""
    func = "softmax_cross_entropy"
    AL, Y = _check_pair(func, "AL", AL, Y, binary=False)
    _check_one_hot(func, Y)
    return float(-np.sum(Y * np.log(np.clip(AL, eps, 1.0))) / Y.shape[1])


def _check_one_hot(func, Y):
    if not (np.all((Y == 0) | (Y == 1)) and np.all(Y.sum(axis=0) == 1)):
        raise ValueError(f"{func}: Y must be one-hot (C, m) with a single 1 per column; "
                         f"turn integer labels into that with dl.one_hot(labels, C).")


def one_hot(labels, C):
    """Integer labels of shape ``(m,)`` or ``(1, m)`` -> one-hot ``(C, m)`` float array."""
    func = "one_hot"
    labels = np.asarray(labels)
    if labels.ndim == 2 and labels.shape[0] == 1:
        labels = labels[0]
    if labels.ndim != 1:
        raise ValueError(f"{func}: labels must have shape (m,) or (1, m), got {labels.shape}.")
    if labels.dtype.kind == "f":
        if not np.all(labels == np.round(labels)):
            raise ValueError(f"{func}: labels must be whole numbers 0..C-1, got non-integers.")
        labels = labels.astype(np.int64)
    if labels.dtype.kind not in "iu":
        raise ValueError(f"{func}: labels must be integers, got dtype {labels.dtype}.")
    C = int(C)
    if labels.size and (labels.min() < 0 or labels.max() >= C):
        raise ValueError(f"{func}: labels must lie in 0..{C - 1} for C={C}, got values "
                         f"{labels.min()}..{labels.max()}; is C the number of classes?")
    Y = np.zeros((C, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y


def from_one_hot(Y):
    """One-hot or probability ``(C, m)`` -> integer labels ``(1, m)`` (argmax per column)."""
    Y = check_array("from_one_hot", "Y", Y, ndim=2)
    return np.argmax(Y, axis=0).reshape(1, -1)
