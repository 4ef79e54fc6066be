"""Sliding windows, naive and convolutional (notebook c4/05 object detection).

A window classifier for ``w x w x n_C`` crops: CONV ``f x f`` valid (``W1 (f, f, n_C, k)``) -> ReLU
-> MAXPOOL 2 -> FC ``W2 (n_h, p * p * k)`` -> ReLU -> FC ``W3 (C, n_h)`` (``p = (w - f + 1) / 2``).
``sliding_windows_naive`` crops every window at stride 2 and classifies it; ``sliding_windows_conv``
runs the same classifier once over the whole image with the FC layers turned into convolutions
(``W2`` -> a ``p x p`` filter bank, ``W3`` -> a 1 x 1 one), so overlapping windows share work.
Both return class scores ``(m, n_rows, n_cols, C)`` and the number of multiplications made.
"""
import numpy as np

from ..nn.conv import conv_forward
from ..nn.pooling import pool_forward

__all__ = ["window_classifier_params", "classify_windows", "sliding_windows_naive",
           "sliding_windows_conv", "fc_as_conv"]

STRIDE = 2          # the window stride the convolutional version gives: the product of pool strides


def window_classifier_params(window, n_C, k, n_hidden, n_classes, f=3, rng=None):
    """Random He-scaled weights ``{"W1", "b1", "W2", "b2", "W3", "b3", "window", "f"}``."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError("window_classifier_params: pass rng=np.random.default_rng(seed)")
    if (window - f + 1) % 2:
        raise ValueError(f"window_classifier_params: window - f + 1 = {window - f + 1} must be even so "
                         f"that the 2 x 2 pool tiles it; try window = {window + 1}")
    p = (window - f + 1) // 2
    return {"W1": rng.normal(0, np.sqrt(2 / (f * f * n_C)), (f, f, n_C, k)), "b1": rng.normal(0, 0.1, (1, 1, 1, k)),
            "W2": rng.normal(0, np.sqrt(2 / (p * p * k)), (n_hidden, p * p * k)), "b2": rng.normal(0, 0.1, (n_hidden, 1)),
            "W3": rng.normal(0, np.sqrt(1 / n_hidden), (n_classes, n_hidden)), "b3": rng.normal(0, 0.1, (n_classes, 1)),
            "window": window, "f": f}


def _conv_pool(X, P):
    Z, _ = conv_forward(X, P["W1"], P["b1"], {"stride": 1, "pad": 0})
    A, _ = pool_forward(np.maximum(Z, 0), {"f": 2, "stride": 2}, mode="max")
    return A


def classify_windows(crops, P):
    """Scores ``(m, C)`` for crops ``(m, w, w, n_C)`` (one window each)."""
    A = _conv_pool(crops, P).reshape(len(crops), -1).T              # (p * p * k, m)
    H = np.maximum(P["W2"] @ A + P["b2"], 0)
    return (P["W3"] @ H + P["b3"]).T


def _mults_window(P):
    f, (_, _, n_C, k) = P["f"], P["W1"].shape
    c = P["window"] - f + 1
    return c * c * f * f * n_C * k + P["W2"].size + P["W3"].size


def sliding_windows_naive(X, P):
    """Crop every ``w x w`` window at stride 2 and classify it: ``(scores, multiplications)``."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 4:
        raise ValueError(f"sliding_windows_naive: X has shape {X.shape}; pass images (m, n_H, n_W, n_C)")
    w, m = P["window"], X.shape[0]
    rows, cols = (X.shape[1] - w) // STRIDE + 1, (X.shape[2] - w) // STRIDE + 1
    out = np.zeros((m, rows, cols, P["W3"].shape[0]))
    for i in range(rows):
        for j in range(cols):
            out[:, i, j] = classify_windows(X[:, i * STRIDE:i * STRIDE + w, j * STRIDE:j * STRIDE + w], P)
    return out, m * rows * cols * _mults_window(P)


def fc_as_conv(P):
    """The FC weights as conv filters: ``W2 -> (p, p, k, n_h)``, ``W3 -> (1, 1, n_h, C)``, biases ``(1, 1, 1, .)``."""
    k = P["W1"].shape[3]
    n_h = P["W2"].shape[0]
    p = int(round(np.sqrt(P["W2"].shape[1] / k)))
    # Flatten order of a (p, p, k) volume is row, column, channel: the same as a (p, p, k) filter
    F2 = P["W2"].reshape(n_h, p, p, k).transpose(1, 2, 3, 0)
    F3 = P["W3"].T.reshape(1, 1, n_h, -1)
    return F2, P["b2"].reshape(1, 1, 1, -1), F3, P["b3"].reshape(1, 1, 1, -1)


def sliding_windows_conv(X, P):
    """The same scores from one pass over the whole image: ``(scores, multiplications)``."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 4:
        raise ValueError(f"sliding_windows_conv: X has shape {X.shape}; pass images (m, n_H, n_W, n_C)")
    F2, c2, F3, c3 = fc_as_conv(P)
    A = _conv_pool(X, P)
    H, _ = conv_forward(A, F2, c2, {"stride": 1, "pad": 0})
    S, _ = conv_forward(np.maximum(H, 0), F3, c3, {"stride": 1, "pad": 0})
    m, f, (_, _, n_C, k) = X.shape[0], P["f"], P["W1"].shape
    c_H, c_W = X.shape[1] - f + 1, X.shape[2] - f + 1
    mults = m * (c_H * c_W * f * f * n_C * k + H.shape[1] * H.shape[2] * F2.size + S.shape[1] * S.shape[2] * F3.size)
    return S, mults
