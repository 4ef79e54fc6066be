"""1-D convolution over time for sequences, with stride and zero padding; ``Conv1D`` layer.

Layout: sequences ``A_prev (n_C_prev, m, T_x)`` (the Course 5 layout ``(n_x, m, T_x)``), filters
``W (f, n_C_prev, n_C)`` (the 2-D course layout ``(f, f, n_C_prev, n_C)`` with one spatial axis),
bias ``b (n_C, 1, 1)`` (one per output channel, broadcast over examples and steps),
``hparameters = {"stride": s, "pad": p}``. The output ``Z`` is ``(n_C, m, T_out)`` with::

    T_out = (T_x + 2 p - f) // s + 1
    Z[c, i, t] = b[c] + sum_{k < f} sum_j W[k, j, c] * A_pad[j, i, t*s + k]

Backward, with ``dZ`` of the shape of ``Z``::

    dW[k, j, c] = sum_{i, t} dZ[c, i, t] * A_pad[j, i, t*s + k]       db[c] = sum_{i, t} dZ[c, i, t]
    dA_pad[j, i, t*s + k] += sum_c W[k, j, c] * dZ[c, i, t]        (then the padding is cut off)

The fast path gathers every window into one matrix (im2col: ``(f * n_C_prev, m * T_out)``) so
forward is one matrix product, and backward scatters the window gradients back with one strided
slice per filter tap (``f`` additions, no ``np.add.at``). ``conv1d_forward_loop`` /
``conv1d_backward_loop`` are the plain reference loops. The course's trigger-word model starts
with ``Conv1D(196, kernel 15, stride 4)`` on 5511 spectrogram steps (1375 outputs).
Taught in: c5_sequence_models/04_trigger_word_detection.
"""
from typing import NamedTuple

import numpy as np

from ..validation import check_array
from .layer import Layer

__all__ = ["conv1d_output_length", "conv1d_forward", "conv1d_backward", "conv1d_forward_loop",
           "conv1d_backward_loop", "Conv1DCache", "Conv1D"]


class Conv1DCache(NamedTuple):
    A_prev: np.ndarray      # (n_C_prev, m, T_x)
    W: np.ndarray           # (f, n_C_prev, n_C)
    b: np.ndarray           # (n_C, 1, 1)
    hparameters: dict       # {"stride": s, "pad": p}
    cols: np.ndarray        # (f * n_C_prev, m * T_out) windows, or None for the loop version


def _hp(func, hparameters):
    if not isinstance(hparameters, dict) or "stride" not in hparameters:
        raise ValueError(f"{func}: hparameters must be a dict {{'stride': s, 'pad': p}}, got {hparameters!r}.")
    s, p = hparameters["stride"], hparameters.get("pad", 0)
    if int(s) != s or s < 1:
        raise ValueError(f"{func}: stride must be a positive int, got {s!r}.")
    if int(p) != p or p < 0:
        raise ValueError(f"{func}: pad must be an int >= 0, got {p!r}.")
    return int(s), int(p)


def conv1d_output_length(T_x, f, stride=1, pad=0):
    """``(T_x + 2 pad - f) // stride + 1``: the number of output steps."""
    if T_x + 2 * pad < f:
        raise ValueError(f"conv1d_output_length: the filter (f = {f}) is longer than the padded "
                         f"sequence ({T_x} steps + 2 x pad {pad}); use a shorter filter or more padding.")
    return (T_x + 2 * pad - f) // stride + 1


def _check(func, A_prev, W, b, hparameters):
    A_prev = check_array(func, "A_prev", A_prev, ndim=3, finite=False,
                         hint="1-D convolution takes sequences (n_C_prev, m, T_x).")
    W = check_array(func, "W", W, ndim=3, finite=False, hint="Filters are (f, n_C_prev, n_C).")
    b = check_array(func, "b", b, finite=False)
    n_prev = A_prev.shape[0]
    if W.shape[1] != n_prev:
        if A_prev.shape[2] == W.shape[1]:
            hint = (f"; did you pass (m, T_x, n_x) = {A_prev.shape}? sequences are (n_x, m, T_x): "
                    f"try A_prev.transpose(2, 0, 1)")
        else:
            hint = "; the filters' second axis must match the input channels"
        raise ValueError(f"{func}: A_prev has shape {A_prev.shape} ({n_prev} channels) but W is {W.shape} "
                         f"(f, n_C_prev = {W.shape[1]}, n_C){hint}.")
    if b.shape != (W.shape[2], 1, 1):
        hint = f" - reshape it with b.reshape({W.shape[2]}, 1, 1)" if b.size == W.shape[2] else ""
        raise ValueError(f"{func}: b has shape {b.shape}, expected ({W.shape[2]}, 1, 1) for "
                         f"{W.shape[2]} filters{hint}.")
    s, p = _hp(func, hparameters)
    conv1d_output_length(A_prev.shape[2], W.shape[0], s, p)
    return A_prev, W, b, s, p


def _pad(A, p):
    return np.pad(A, ((0, 0), (0, 0), (p, p))) if p else A


def conv1d_forward(A_prev, W, b, hparameters):
    """Vectorized 1-D convolution: ``(Z (n_C, m, T_out), Conv1DCache)``."""
    A_prev, W, b, s, p = _check("conv1d_forward", A_prev, W, b, hparameters)
    f, n_prev, n_C = W.shape
    m = A_prev.shape[1]
    win = np.lib.stride_tricks.sliding_window_view(_pad(A_prev, p), f, axis=2)[:, :, ::s, :]
    T_out = win.shape[2]                                    # win: (n_prev, m, T_out, f)
    cols = win.transpose(3, 0, 1, 2).reshape(f * n_prev, m * T_out)   # rows ordered (k, j)
    Z = (W.reshape(f * n_prev, n_C).T @ cols).reshape(n_C, m, T_out) + b
    return Z, Conv1DCache(A_prev, W, b, {"stride": s, "pad": p}, cols)


def conv1d_backward(dZ, cache, need_dA_prev=True):
    """Gradients ``(dA_prev, dW, db)`` of ``conv1d_forward`` (``dA_prev`` is None if not needed)."""
    A_prev, W, b, hp, cols = cache
    f, n_prev, n_C = W.shape
    s, p = hp["stride"], hp["pad"]
    n_x, m, T_x = A_prev.shape
    T_out = (T_x + 2 * p - f) // s + 1
    dZ = np.asarray(dZ, dtype=float)
    if dZ.shape != (n_C, m, T_out):
        raise ValueError(f"conv1d_backward: dZ has shape {dZ.shape} but Z was {(n_C, m, T_out)}.")
    dZ2 = dZ.reshape(n_C, m * T_out)
    dW = (dZ2 @ cols.T).T.reshape(f, n_prev, n_C)
    db = dZ2.sum(axis=1).reshape(n_C, 1, 1)
    if not need_dA_prev:
        return None, dW, db
    dcols = (W.reshape(f * n_prev, n_C) @ dZ2).reshape(f, n_prev, m, T_out)
    dA_pad = np.zeros((n_prev, m, T_x + 2 * p))
    for k in range(f):                                       # one strided slice per filter tap
        dA_pad[:, :, k:k + s * (T_out - 1) + 1:s] += dcols[k]
    return dA_pad[:, :, p:p + T_x] if p else dA_pad, dW, db


def conv1d_forward_loop(A_prev, W, b, hparameters):
    """Reference: explicit loops over examples, output steps and filters."""
    A_prev, W, b, s, p = _check("conv1d_forward_loop", A_prev, W, b, hparameters)
    f, n_prev, n_C = W.shape
    n_x, m, T_x = A_prev.shape
    T_out = conv1d_output_length(T_x, f, s, p)
    A_pad = _pad(A_prev, p)
    Z = np.zeros((n_C, m, T_out))
    for i in range(m):
        for t in range(T_out):
            window = A_pad[:, i, t * s:t * s + f]            # (n_prev, f)
            for c in range(n_C):
                Z[c, i, t] = np.sum(window.T * W[:, :, c]) + b[c, 0, 0]
    return Z, Conv1DCache(A_prev, W, b, {"stride": s, "pad": p}, None)


def conv1d_backward_loop(dZ, cache):
    """Reference backward: the same loops, accumulating with ``+=``."""
    A_prev, W, b, hp, _ = cache
    s, p = hp["stride"], hp["pad"]
    f, n_prev, n_C = W.shape
    n_x, m, T_x = A_prev.shape
    A_pad = _pad(A_prev, p)
    dA_pad, dW, db = np.zeros_like(A_pad), np.zeros_like(W), np.zeros_like(b)
    for i in range(m):
        for t in range(dZ.shape[2]):
            for c in range(n_C):
                dA_pad[:, i, t * s:t * s + f] += W[:, :, c].T * dZ[c, i, t]
                dW[:, :, c] += A_pad[:, i, t * s:t * s + f].T * dZ[c, i, t]
                db[c] += dZ[c, i, t]
    return dA_pad[:, :, p:p + T_x] if p else dA_pad, dW, db


# -- layer for dl.Sequential -------------------------------------------------------------------
# Layer protocol: see dlutils/nn/layer.py. Per-example shapes (n_x, T_x) -> (n_C, T_out).
class Conv1D(Layer):
    """``Conv1D(n_C, f, stride=1, pad=0)``: linear 1-D convolution of ``(n_x, m, T_x)`` sequences
    (follow it with ``BatchNorm``/``Activation`` as the course does). He initialization
    ``W ~ N(0, 2 / (f n_C_prev))``, ``b = 0``; parameters ``conv1d{k}_W``, ``conv1d{k}_b`` (or
    ``{prefix}_W`` for a string index inside a block). ``trainable = False`` freezes it."""
    kind = "Conv1D"

    def __init__(self, n_C, f, stride=1, pad=0, trainable=True):
        for name, v, low in (("n_C", n_C, 1), ("f", f, 1), ("stride", stride, 1), ("pad", pad, 0)):
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < low:
                raise ValueError(f"Conv1D: {name} must be an int >= {low}, got {v!r}.")
        self.n_C, self.f, self.stride, self.pad = int(n_C), int(f), int(stride), int(pad)
        self.hparameters = {"stride": self.stride, "pad": self.pad}
        super().__init__()
        self.trainable = trainable

    def output_shape(self, in_shape):
        in_shape = tuple(in_shape) if np.ndim(in_shape) else (in_shape,)
        if len(in_shape) != 2:
            raise ValueError(f"Conv1D: input shape per example must be (n_x, T_x), got {in_shape}; "
                             f"Conv1D works on sequences (n_x, m, T_x): pass input_shape=(n_x, T_x).")
        return (self.n_C, conv1d_output_length(in_shape[1], self.f, self.stride, self.pad))

    def build(self, in_shape, index, rng):
        out_shape = self.output_shape(in_shape)
        prefix = f"{index}" if isinstance(index, str) else f"conv1d{index}"
        self.W, self.b = f"{prefix}_W", f"{prefix}_b"
        self.weight_keys, self.param_keys = [self.W], [self.W, self.b]
        n_prev = in_shape[0]
        W = rng.standard_normal((self.f, n_prev, self.n_C)) * np.sqrt(2.0 / (self.f * n_prev))
        return {self.W: W, self.b: np.zeros((self.n_C, 1, 1))}, out_shape

    def forward(self, A, params, model, training):
        return conv1d_forward(A, params[self.W], params[self.b], self.hparameters)

    def backward(self, dout, cache, params, need_dA=True):
        dA, dW, db = conv1d_backward(dout, cache, need_dA_prev=need_dA)
        grads = {self.W: dW, self.b: db} if self.trainable else {}
        return dA, grads

    def count(self, in_shape):
        out_shape = self.output_shape(in_shape)
        n_params = self.f * in_shape[0] * self.n_C + self.n_C
        return n_params, out_shape, self.f * in_shape[0] * self.n_C * out_shape[1]

    def describe(self):
        return f"Conv1D({self.n_C}, f={self.f}, stride={self.stride}" + (f", pad={self.pad})" if self.pad else ")")
