"""2-D convolution (cross-correlation, as in the lecture and every framework), forward and backward.

Layout (the course's)::

    A_prev  (m, n_H_prev, n_W_prev, n_C_prev)     one example per index of axis 0, channels last
    W       (f, f, n_C_prev, n_C)                 one f x f x n_C_prev filter per output channel
    b       (1, 1, 1, n_C)                        one bias per output channel
    hparameters = {"stride": s, "pad": p}         p an int, or "same" / "valid"
    Z       (m, n_H, n_W, n_C)                    n_H = floor((n_H_prev + 2p - f) / s) + 1

API (stable; the notebooks and the Conv2D layer use these names)::

    Z, cache = dl.conv_forward(A_prev, W, b, hparameters)        # vectorized default
    dA_prev, dW, db = dl.conv_backward(dZ, cache)
    Z, cache = dl.conv_forward_loop(A_prev, W, b, hparameters)   # the lecture's loops (teaching)
    dA_prev, dW, db = dl.conv_backward_loop(dZ, cache)
    dl.zero_pad(X, pad), dl.conv_single_step(a_slice_prev, W, b), dl.conv_output_size(n, f, pad, stride)
    dl.resolve_padding(n, f, pad, stride) -> (before, after)     # what "same" / "valid" mean

The forward pass is ``Z[i, h, w, c] = sum(a_slice * W[..., c]) + b[..., c]`` where ``a_slice``
is the ``f x f x n_C_prev`` window of the padded input starting at ``(h*s, w*s)``. The filter
is not flipped (that would be the mathematicians' convolution; deep learning uses
cross-correlation and calls it convolution).

Padding. An int ``p`` pads ``p`` zeros on each side of the height and width axes (never the
example or channel axes). ``"valid"`` is ``p = 0``. ``"same"`` gives ``n_out = ceil(n / s)``
(so ``n_out = n`` at stride 1), the Keras/TensorFlow rule: the total padding is
``max((n_out - 1) * s + f - n, 0)``, split as ``before = total // 2``, ``after = total - before``.
For odd ``f`` at stride 1 that is the lecture's ``p = (f - 1) / 2`` on both sides; for EVEN ``f``
the total ``f - 1`` is odd, so the extra zero goes after (bottom / right), e.g. ``f = 4`` pads
1 above and 2 below. ``conv_output_size(n, f, "same", s)`` returns ``ceil(n / s)``.

How the vectorized version works (no Python loop over examples or output positions): the
output is a sum of ``f * f`` shifted matrix products. For each filter offset ``(i, j)`` the
input pixels that meet ``W[i, j]`` form the strided slice ``A_pad[:, i::s, j::s, :]`` (cut to
``n_H x n_W``), and their contribution to ``Z`` is that slice times the ``(n_C_prev, n_C)``
matrix ``W[i, j]``. When ``f * f * n_C_prev <= IM2COL_MAX`` the ``f*f`` slices are first gathered
into one ``(m n_H n_W, f f n_C_prev)`` matrix (im2col: one copy of a strided view), multiplied
once, and kept in the cache (``ConvCache.cols``) for backward. Backward mirrors it:
``dW[i, j] = slice^T dZ`` (one product with the cached im2col matrix), ``db = sum(dZ)``, and
``dA_pad[:, i::s, j::s, :] += dZ W[i, j]^T`` for each of the ``f*f`` offsets (never ``np.add.at``;
conv_input_grad.py adds them up, at stride 1 with few channels as block-Toeplitz products over
the flat pixel list). ``conv_backward(..., need_dA_prev=False)`` skips ``dA_prev`` (a first layer).
The big temporaries (padded input, im2col matrix, Z) come from scratch.py, which recycles an array
only when nothing else refers to it: fresh 100 MB arrays cost more in page faults than in arithmetic.
Taught in: c4/01_convolution_step_by_step.
"""
from typing import NamedTuple

import numpy as np

from .conv_input_grad import input_gradient
from .scratch import scratch

__all__ = ["zero_pad", "conv_single_step", "conv_output_size", "resolve_padding",
           "conv_forward", "conv_backward", "ConvCache", "check_conv_input"]
# the lecture's loop versions (the teaching reference) are in conv_loops.py


class ConvCache(NamedTuple):
    A_prev: np.ndarray     # the input, (m, n_H_prev, n_W_prev, n_C_prev)
    W: np.ndarray          # filters, (f, f, n_C_prev, n_C)
    b: np.ndarray          # biases, (1, 1, 1, n_C)
    hparameters: dict      # {"stride": s, "pad": p} as given, plus "padding": ((top, bottom), (left, right))
    cols: object = None    # conv_forward with few channels: the im2col windows (m n_H n_W, f f n_C_prev)


# -- sizes and padding ---------------------------------------------------------------------------
def _as_int(func, name, value, minimum):
    """An integer hyperparameter (ints, or floats that are whole numbers); ValueError otherwise."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer, float, np.floating)):
        raise ValueError(f"{func}: {name} must be an integer >= {minimum}, got {value!r} "
                         f"({type(value).__name__}).")
    if float(value) != int(value):
        raise ValueError(f"{func}: {name} must be a whole number, got {value!r}; sizes, strides and "
                         f"paddings count pixels - round it (e.g. int({value!r})) or pick another size.")
    if int(value) < minimum:
        raise ValueError(f"{func}: {name} must be >= {minimum}, got {value!r}.")
    return int(value)


def resolve_padding(n, f, pad, stride=1, func="resolve_padding"):
    """Zeros ``(before, after)`` added to an axis of length ``n`` for filter size ``f``.

    ``pad`` is an int (``(p, p)``), ``"valid"`` (``(0, 0)``) or ``"same"`` (output ``ceil(n / s)``;
    for even ``f`` the odd extra zero goes after, as in Keras/TensorFlow).
    """
    n = _as_int(func, "n", n, 1)
    f = _as_int(func, "f", f, 1)
    stride = _as_int(func, "stride", stride, 1)
    if isinstance(pad, str):
        key = pad.lower()
        if key == "valid":
            return 0, 0
        if key == "same":
            n_out = -(-n // stride)
            total = max((n_out - 1) * stride + f - n, 0)
            return total // 2, total - total // 2
        raise ValueError(f"{func}: pad must be an int >= 0, 'same' or 'valid', got {pad!r}.")
    p = _as_int(func, "pad", pad, 0)
    return p, p


def conv_output_size(n, f, pad, stride):
    """``floor((n + 2p - f) / s) + 1``: the output length along one axis (the lecture's formula).

    ``pad`` may be an int, ``"valid"`` or ``"same"``. Raises ValueError when the filter does not
    fit into the padded input (no output).
    """
    before, after = resolve_padding(n, f, pad, stride, func="conv_output_size")
    n, f, stride = int(n), int(f), int(stride)
    if n + before + after < f:
        raise ValueError(
            f"conv_output_size: a filter of size f={f} does not fit into an input of size {n} padded "
            f"by {before}+{after} (stride {stride}): there is no output; use a smaller f, more padding "
            f"(pad='same') or a larger input.")
    return (n + before + after - f) // stride + 1


def zero_pad(X, pad):
    """Pad the height and width axes of ``X`` ``(m, n_H, n_W, n_C)`` with zeros.

    ``pad`` is an int ``p`` (``p`` zeros on every side: the result is ``(m, n_H + 2p, n_W + 2p, n_C)``)
    or ``((top, bottom), (left, right))``. The example and channel axes are never padded.
    """
    X = np.asarray(X)
    if X.ndim != 4:
        raise ValueError(f"zero_pad: X has shape {X.shape} but expected (m, n_H, n_W, n_C); "
                         f"for one image use X[None] (adds the example axis).")
    if isinstance(pad, (tuple, list)):
        (top, bottom), (left, right) = pad
        top, bottom, left, right = (_as_int("zero_pad", "pad", v, 0) for v in (top, bottom, left, right))
    else:
        top = bottom = left = right = _as_int("zero_pad", "pad", pad, 0)
    m, n_H, n_W, n_C = X.shape
    out = np.zeros((m, n_H + top + bottom, n_W + left + right, n_C), dtype=X.dtype)
    out[:, top:top + n_H, left:left + n_W, :] = X
    return out


def conv_single_step(a_slice_prev, W, b):
    """One output number: ``sum(a_slice_prev * W) + b`` for a window and ONE filter.

    ``a_slice_prev`` and ``W`` are ``(f, f, n_C_prev)``; ``b`` holds one number (``(1, 1, 1)``).
    Returns a Python float.
    """
    a_slice_prev, W = np.asarray(a_slice_prev), np.asarray(W)
    if a_slice_prev.shape != W.shape:
        raise ValueError(f"conv_single_step: a_slice_prev has shape {a_slice_prev.shape} but W has "
                         f"shape {W.shape}; they must match (one window, one filter W[..., c]).")
    b = np.asarray(b)
    if b.size != 1:
        raise ValueError(f"conv_single_step: b must hold one number (the bias of this filter, "
                         f"b[..., c]), got shape {b.shape}.")
    return float(np.sum(a_slice_prev * W) + b.item())


# -- validation shared with pooling and the layers ----------------------------------------------
def check_conv_input(func, A_prev, name="A_prev", n_C_prev=None):
    """Check that ``A_prev`` is a conv volume ``(m, n_H, n_W, n_C)``; explain the usual mistakes."""
    A_prev = np.asarray(A_prev)
    if A_prev.dtype.kind not in "fiub":
        raise ValueError(f"{func}: {name} has dtype {A_prev.dtype}; expected numbers - convert with "
                         f"np.asarray({name}, dtype=float).")
    if A_prev.dtype.kind != "f":
        A_prev = A_prev.astype(np.float64)
    if A_prev.ndim == 2:
        raise ValueError(
            f"{func}: {name} has shape {A_prev.shape}, a dense (n_x, m) array, but conv layers take "
            f"(m, n_H, n_W, n_C); reshape the images, e.g. {name}.T.reshape(m, n_H, n_W, n_C), "
            f"or keep the images as loaded (dl.load_dataset gives (m, 64, 64, 3)).")
    if A_prev.ndim == 3:
        raise ValueError(
            f"{func}: {name} has shape {A_prev.shape} but conv layers take (m, n_H, n_W, n_C); for one "
            f"image (n_H, n_W, n_C) add the example axis with {name}[None].")
    if A_prev.ndim != 4:
        raise ValueError(f"{func}: {name} has shape {A_prev.shape} but conv layers take 4-D "
                         f"(m, n_H, n_W, n_C).")
    if n_C_prev is not None and A_prev.shape[3] != n_C_prev:
        if A_prev.shape[1] == n_C_prev:
            raise ValueError(
                f"{func}: {name} has shape {A_prev.shape} but conv layers take (m, n_H, n_W, n_C) with "
                f"n_C = {n_C_prev}; did you pass (m, n_C, n_H, n_W)? try {name}.transpose(0, 2, 3, 1).")
        raise ValueError(
            f"{func}: {name} has {A_prev.shape[3]} channels (shape {A_prev.shape}) but the filters "
            f"expect n_C_prev = {n_C_prev}; W must be (f, f, n_C_prev, n_C) with n_C_prev = "
            f"{name}.shape[3].")
    elif A_prev.shape[1] in (1, 3) and A_prev.shape[2] == A_prev.shape[3] >= 8:
        raise ValueError(
            f"{func}: {name} has shape {A_prev.shape}: {A_prev.shape[1]} rows of {A_prev.shape[2]}x"
            f"{A_prev.shape[3]}, which looks like (m, n_C, n_H, n_W), but conv layers take "
            f"(m, n_H, n_W, n_C); try {name}.transpose(0, 2, 3, 1).")
    return A_prev


def _stride(func, hparameters, key="stride"):
    if not isinstance(hparameters, dict) or key not in hparameters:
        raise ValueError(f"{func}: hparameters must be a dict with {key!r}, got {hparameters!r}; "
                         f"e.g. {{'stride': 1, 'pad': 'same'}}.")
    return _as_int(func, "stride", hparameters[key], 1)


def _check_conv(func, A_prev, W, b, hparameters):
    W = np.asarray(W)
    if W.ndim != 4:
        raise ValueError(f"{func}: W has shape {W.shape} but expected (f, f, n_C_prev, n_C); "
                         f"one filter for one output channel is W[..., None].")
    if W.dtype.kind != "f":
        W = W.astype(np.float64)
    A_prev = check_conv_input(func, A_prev, n_C_prev=W.shape[2])
    n_C = W.shape[3]
    b = np.asarray(b, dtype=W.dtype if W.dtype.kind == "f" else np.float64)
    if b.shape != (1, 1, 1, n_C):
        fix = " - reshape it with b.reshape(1, 1, 1, -1)" if b.size == n_C else ""
        raise ValueError(f"{func}: b has shape {b.shape}, expected (1, 1, 1, {n_C}) (one bias per "
                         f"filter){fix}.")
    if not isinstance(hparameters, dict) or "pad" not in hparameters:
        raise ValueError(f"{func}: hparameters must be a dict with 'stride' and 'pad', got "
                         f"{hparameters!r}; e.g. {{'stride': 1, 'pad': 'same'}}.")
    s = _stride(func, hparameters)
    pads, outs = [], []
    for axis, (n, f) in enumerate(((A_prev.shape[1], W.shape[0]), (A_prev.shape[2], W.shape[1]))):
        before, after = resolve_padding(n, f, hparameters["pad"], s, func=func)
        if n + before + after < f:
            raise ValueError(
                f"{func}: the {f}x{W.shape[1]} filters do not fit into the input "
                f"({A_prev.shape[1]}x{A_prev.shape[2]} padded by {before}+{after} along "
                f"{'height' if axis == 0 else 'width'}, stride {s}): no output. Use smaller "
                f"filters, more padding (pad='same') or a larger input.")
        pads.append((before, after))
        outs.append((n + before + after - f) // s + 1)
    return A_prev, W, b, s, tuple(pads), tuple(outs)


def _hp(hparameters, pads):
    hp = dict(hparameters)
    hp["padding"] = pads
    return hp


# -- the vectorized default ----------------------------------------------------------------------
IM2COL_MAX = 128        # gather all windows at once when f * f * n_C_prev is at most this


def _window(A_pad, i, j, s, n_H, n_W):
    """The pixels that meet filter offset (i, j): a strided view (m, n_H, n_W, n_C_prev)."""
    return A_pad[:, i:i + s * (n_H - 1) + 1:s, j:j + s * (n_W - 1) + 1:s, :]


def _padded(A_prev, pads):
    """``zero_pad`` into a recycled array (the padded input never leaves conv_forward)."""
    (top, bottom), (left, right) = pads
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    A_pad = scratch("conv.A_pad", (m, n_H_prev + top + bottom, n_W_prev + left + right, n_C_prev),
                    A_prev.dtype, zero=True)
    A_pad[:, top:top + n_H_prev, left:left + n_W_prev, :] = A_prev
    return A_pad


def _im2col(A_pad, f_H, f_W, s, n_H, n_W):
    """All windows as one contiguous ``(m, n_H, n_W, f_H, f_W * n_C_prev)`` array (one copy).

    Row ``i`` of a window is ``f_W * n_C_prev`` numbers that sit next to each other in
    ``A_pad`` (channels last), so the windows are a strided view of ``A_pad``; copying that view
    once is the whole im2col."""
    A_pad = np.ascontiguousarray(A_pad)
    m, n_H_pad, n_W_pad, n_C_prev = A_pad.shape
    s3 = A_pad.itemsize                  # C-order strides from the shape: axes of length 1 (e.g.
    s2 = n_C_prev * s3                   # from x[None, ..., None]) may carry any stride in .strides
    s1 = n_W_pad * s2
    s0 = n_H_pad * s1
    view = np.lib.stride_tricks.as_strided(A_pad, shape=(m, n_H, n_W, f_H, f_W * n_C_prev),
                                           strides=(s0, s * s1, s * s2, s1, s3), writeable=False)
    cols = scratch("conv.cols", view.shape, view.dtype)      # recycled: see scratch.py
    np.copyto(cols, view)
    return cols


def conv_forward(A_prev, W, b, hparameters):
    """Vectorized convolution. Returns ``(Z, ConvCache)``; ``Z`` is ``(m, n_H, n_W, n_C)``.

    ``hparameters = {"stride": s, "pad": p}`` with ``p`` an int, ``"same"`` or ``"valid"``.
    """
    A_prev, W, b, s, pads, (n_H, n_W) = _check_conv("conv_forward", A_prev, W, b, hparameters)
    m, f_H, f_W, n_C_prev, n_C = A_prev.shape[0], W.shape[0], W.shape[1], W.shape[2], W.shape[3]
    A_pad = _padded(A_prev, pads) if any(pads[0] + pads[1]) else A_prev
    dtype = np.result_type(A_prev, W)
    hp = _hp(hparameters, pads)
    if f_H * f_W * n_C_prev <= IM2COL_MAX:
        # few input channels: gather the windows once (im2col), multiply once, keep them for backward
        cols = _im2col(A_pad, f_H, f_W, s, n_H, n_W).reshape(-1, f_H * f_W * n_C_prev)
        Z = np.matmul(cols, W.reshape(-1, n_C),
                      out=scratch("conv.Z", (cols.shape[0], n_C), np.result_type(cols, W)))
    else:
        # many channels: a sum of f*f shifted matrix products, each (m n_H n_W, n_C_prev) x (n_C_prev, n_C)
        Z = np.zeros((m * n_H * n_W, n_C), dtype=dtype)
        buf = np.empty((m, n_H, n_W, n_C_prev), dtype=dtype)
        tmp = np.empty((m * n_H * n_W, n_C), dtype=dtype)
        for i in range(f_H):
            for j in range(f_W):
                buf[...] = _window(A_pad, i, j, s, n_H, n_W)
                Z += np.matmul(buf.reshape(-1, n_C_prev), W[i, j], out=tmp)
        cols = None
    Z = Z.reshape(m, n_H, n_W, n_C)
    Z += b
    return Z, ConvCache(A_prev, W, b, hp, cols)


def conv_backward(dZ, cache, need_dA_prev=True):
    """Gradients of the vectorized convolution: ``(dA_prev, dW, db)`` shaped like ``A_prev, W, b``.

    ``need_dA_prev=False`` skips the input gradient (the first layer of a network never uses
    it) and returns ``None`` in its place.
    """
    A_prev, W, b, hp = _unpack("conv_backward", cache)
    s, pads = hp["stride"], hp["padding"]
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f_H, f_W, _, n_C = W.shape
    dZ = _check_dZ("conv_backward", dZ, A_prev, W, s, pads)
    cols = getattr(cache, "cols", None)
    n_H, n_W = dZ.shape[1], dZ.shape[2]
    dtype = np.result_type(A_prev, W, dZ)
    dZ2 = np.ascontiguousarray(dZ).reshape(-1, n_C)
    db = dZ2.sum(axis=0).reshape(1, 1, 1, n_C)
    if cols is None and f_H * f_W * n_C_prev <= IM2COL_MAX:
        A_pad = zero_pad(A_prev, pads) if any(pads[0] + pads[1]) else A_prev
        cols = _im2col(A_pad, f_H, f_W, s, n_H, n_W).reshape(-1, f_H * f_W * n_C_prev)
    if cols is not None:
        dW = (cols.T @ dZ2).reshape(W.shape).astype(dtype, copy=False)
    else:
        A_pad = zero_pad(A_prev, pads) if any(pads[0] + pads[1]) else A_prev
        dW = np.empty(W.shape, dtype=dtype)
        buf = np.empty((m, n_H, n_W, n_C_prev), dtype=dtype)
        for i in range(f_H):
            for j in range(f_W):
                buf[...] = _window(A_pad, i, j, s, n_H, n_W)
                dW[i, j] = buf.reshape(-1, n_C_prev).T @ dZ2
    if not need_dA_prev:
        return None, dW, db
    dA_prev = input_gradient(dZ2, W, A_prev.shape, s, pads, dtype)
    return dA_prev, dW, db


def _unpack(func, cache):
    try:
        A_prev, W, b, hp = tuple(cache)[:4]
    except (TypeError, ValueError):
        raise ValueError(f"{func}: cache must be the (A_prev, W, b, hparameters) returned by "
                         f"conv_forward, got {type(cache).__name__}.")
    if "padding" not in hp:      # a hand-made cache: resolve the padding again
        _, W, b, s, pads, _ = _check_conv(func, A_prev, W, b, hp)
        hp = _hp(hp, pads)
    hp = dict(hp)
    hp["stride"] = int(hp["stride"])
    return np.asarray(A_prev), np.asarray(W), np.asarray(b), hp


def _check_dZ(func, dZ, A_prev, W, s, pads):
    dZ = np.asarray(dZ)
    n_H = (A_prev.shape[1] + sum(pads[0]) - W.shape[0]) // s + 1
    n_W = (A_prev.shape[2] + sum(pads[1]) - W.shape[1]) // s + 1
    want = (A_prev.shape[0], n_H, n_W, W.shape[3])
    if dZ.shape != want:
        raise ValueError(f"{func}: dZ has shape {dZ.shape} but the forward pass gave Z of shape "
                         f"{want}; dZ must have the shape of Z.")
    return dZ
