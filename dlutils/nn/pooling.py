"""Max and average pooling over the height and width of a conv volume, forward and backward.

Layout: ``A_prev`` is ``(m, n_H_prev, n_W_prev, n_C)``; ``hparameters = {"f": f, "stride": s}``;
the output ``A`` is ``(m, n_H, n_W, n_C)`` with ``n_H = floor((n_H_prev - f) / s) + 1`` (no
padding; each channel is pooled on its own, so ``n_C`` does not change).

API (stable; the notebooks and the MaxPool2D / AvgPool2D layers use these names)::

    A, cache = dl.pool_forward(A_prev, hparameters, mode="max")     # or mode="average"
    dA_prev = dl.pool_backward(dA, cache)
    A, cache = dl.pool_forward_loop(A_prev, hparameters, mode)      # the lecture's loops
    dA_prev = dl.pool_backward_loop(dA, cache)
    dl.create_mask_from_window(x), dl.distribute_value(dz, shape)

Backward. Max pooling passes each window's gradient to the ONE input that was the maximum;
when several inputs tie (common after a ReLU: many zeros) the first one in row-major order
inside the window takes it, like ``np.argmax`` - never every tied maximum, which would
multiply the gradient by the number of ties. Average pooling spreads ``dA / (f * f)`` over
the window. Overlapping windows (``s < f``) add up.

The vectorized version loops only over the ``f * f`` offsets inside a window: for offset
``(i, j)`` the strided slice ``A_prev[:, i::s, j::s, :]`` holds that element of every window
(for 2x2 stride-2 pooling these are the four interleaved quarter images, and the max is three
``np.maximum`` calls). Max backward visits the offsets in the same order and gives each
window's gradient to the first input equal to the window's maximum.
Taught in: c4/01_convolution_step_by_step.
"""
from typing import NamedTuple

import numpy as np

from .scratch import scratch

from .conv import _as_int, check_conv_input

__all__ = ["pool_forward", "pool_backward", "pool_forward_loop", "pool_backward_loop",
           "create_mask_from_window", "distribute_value", "pool_output_shape", "PoolCache"]

MODES = ("max", "average")


class PoolCache(NamedTuple):
    A_prev: np.ndarray     # the input (m, n_H_prev, n_W_prev, n_C)
    hparameters: dict      # {"f": f, "stride": s}
    mode: str              # "max" or "average"
    A: np.ndarray          # the pooled output (max backward finds each window's winner by A_prev == A)


def _check_pool(func, A_prev, hparameters, mode):
    if mode not in MODES:
        raise ValueError(f"{func}: mode must be 'max' or 'average', got {mode!r}.")
    if not isinstance(hparameters, dict) or "f" not in hparameters or "stride" not in hparameters:
        raise ValueError(f"{func}: hparameters must be a dict with 'f' (window size) and 'stride', "
                         f"got {hparameters!r}; e.g. {{'f': 2, 'stride': 2}}.")
    f = _as_int(func, "f", hparameters["f"], 1)
    s = _as_int(func, "stride", hparameters["stride"], 1)
    A_prev = check_conv_input(func, A_prev)
    _, n_H_prev, n_W_prev, _ = A_prev.shape
    if f > n_H_prev or f > n_W_prev:
        raise ValueError(f"{func}: the {f}x{f} pooling window does not fit into the "
                         f"{n_H_prev}x{n_W_prev} input: no output. Use a smaller f (or pool "
                         f"earlier in the network, before the image gets this small).")
    return A_prev, f, s, (n_H_prev - f) // s + 1, (n_W_prev - f) // s + 1


def pool_output_shape(in_shape, f, stride):
    """``(n_H, n_W, n_C)`` after pooling a per-example ``(n_H_prev, n_W_prev, n_C)``."""
    n_H_prev, n_W_prev, n_C = in_shape
    _, _, _, n_H, n_W = _check_pool("pool_output_shape", np.zeros((1, n_H_prev, n_W_prev, 1)),
                                    {"f": f, "stride": stride}, "max")
    return n_H, n_W, n_C


def _window(A, i, j, s, n_H, n_W):
    return A[:, i:i + s * (n_H - 1) + 1:s, j:j + s * (n_W - 1) + 1:s, :]


# -- vectorized ----------------------------------------------------------------------------------
def pool_forward(A_prev, hparameters, mode="max"):
    """Vectorized pooling. Returns ``(A, PoolCache)``; ``A`` is ``(m, n_H, n_W, n_C)``."""
    A_prev, f, s, n_H, n_W = _check_pool("pool_forward", A_prev, hparameters, mode)
    A = _window(A_prev, 0, 0, s, n_H, n_W).copy()
    for i in range(f):
        for j in range(f):
            if i or j:
                if mode == "max":
                    np.maximum(A, _window(A_prev, i, j, s, n_H, n_W), out=A)
                else:
                    A += _window(A_prev, i, j, s, n_H, n_W)
    if mode == "average":
        A /= f * f
    return A, PoolCache(A_prev, {"f": f, "stride": s}, mode, A)


def _unpack(func, dA, cache):
    try:
        A_prev, hparameters, mode, A = cache
    except (TypeError, ValueError):
        raise ValueError(f"{func}: cache must be the PoolCache returned by pool_forward, "
                         f"got {type(cache).__name__}.")
    A_prev, f, s, n_H, n_W = _check_pool(func, A_prev, hparameters, mode)
    dA = np.asarray(dA)
    want = (A_prev.shape[0], n_H, n_W, A_prev.shape[3])
    if dA.shape != want:
        raise ValueError(f"{func}: dA has shape {dA.shape} but the forward pass gave A of shape "
                         f"{want}; dA must have the shape of A.")
    return A_prev, f, s, mode, A, dA, n_H, n_W


def pool_backward(dA, cache):
    """Gradient of the vectorized pooling: ``dA_prev`` shaped like ``A_prev``.

    Max: the offsets of a window are visited in row-major order; the first input equal to the
    window's maximum takes the whole gradient, later ties get nothing (``taken``)."""
    A_prev, f, s, mode, A, dA, n_H, n_W = _unpack("pool_backward", dA, cache)
    dA_prev = scratch("pool.dA_prev", A_prev.shape, np.result_type(A_prev, dA), zero=True)   # see scratch.py
    if mode == "average":
        share = dA / (f * f)
        for i in range(f):
            for j in range(f):
                _window(dA_prev, i, j, s, n_H, n_W)[...] += share
        return dA_prev
    taken = np.zeros(A.shape, dtype=bool)
    hit = np.empty(A.shape, dtype=bool)
    for i in range(f):
        for j in range(f):
            np.equal(_window(A_prev, i, j, s, n_H, n_W), A, out=hit)
            if i or j:
                np.greater(hit, taken, out=hit)    # hit and not taken yet
            taken |= hit
            target = _window(dA_prev, i, j, s, n_H, n_W)
            if s >= f:                             # windows do not overlap: each input once
                np.multiply(hit, dA, out=target)
            else:
                target += hit * dA
    return dA_prev


# -- the loop reference --------------------------------------------------------------------------
def create_mask_from_window(x):
    """Boolean mask of ``x`` ``(f, f)`` with True at the ONE maximum (the first in row-major order).

    The quick ``x == np.max(x)`` marks every tied maximum; after a ReLU windows of zeros tie
    often, and each tied cell would then receive the full gradient. So the mask has exactly one True.
    """
    x = np.asarray(x)
    if x.size == 0:
        raise ValueError("create_mask_from_window: x is empty; expected one pooling window (f, f).")
    mask = np.zeros(x.shape, dtype=bool)
    mask.flat[int(np.argmax(x))] = True
    return mask


def distribute_value(dz, shape):
    """Spread the number ``dz`` evenly over a window of ``shape`` ``(n_H, n_W)``: each cell gets
    ``dz / (n_H * n_W)`` (the backward of average pooling)."""
    shape = tuple(int(v) for v in shape)
    if len(shape) != 2 or min(shape) < 1:
        raise ValueError(f"distribute_value: shape must be (n_H, n_W) with positive sizes, got {shape}.")
    n_H, n_W = shape
    return np.full(shape, float(dz) / (n_H * n_W))


def pool_forward_loop(A_prev, hparameters, mode="max"):
    """Pooling with explicit loops over examples, rows, columns and channels (the lecture's way)."""
    A_prev, f, s, n_H, n_W = _check_pool("pool_forward_loop", A_prev, hparameters, mode)
    m, _, _, n_C = A_prev.shape
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            vert_start = h * s
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * s
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]
                    A[i, h, w, c] = np.max(a_prev_slice) if mode == "max" else np.mean(a_prev_slice)
    return A, PoolCache(A_prev, {"f": f, "stride": s}, mode, A)


def pool_backward_loop(dA, cache):
    """Backward of pooling with the same loops: max routes through ``create_mask_from_window``,
    average through ``distribute_value``; contributions of overlapping windows are added."""
    A_prev, f, s, mode, _, dA, n_H, n_W = _unpack("pool_backward_loop", dA, cache)
    m, _, _, n_C = A_prev.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        a_prev = A_prev[i]
        for h in range(n_H):
            for w in range(n_W):
                vert_start, horiz_start = h * s, w * s
                vert_end, horiz_end = vert_start + f, horiz_start + f
                for c in range(n_C):
                    if mode == "max":
                        a_prev_slice = a_prev[vert_start:vert_end, horiz_start:horiz_end, c]
                        mask = create_mask_from_window(a_prev_slice)
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += mask * dA[i, h, w, c]
                    else:
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += \
                            distribute_value(dA[i, h, w, c], (f, f))
    return dA_prev
