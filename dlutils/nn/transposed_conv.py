"""Transposed convolution (learned upsampling), nearest-neighbour upsampling and their layers
(notebook c4/06 semantic segmentation).

Layout: ``A_prev (m, n_H_prev, n_W_prev, n_C_prev)``, filters ``W (f, f, n_C_prev, n_C)``,
``b (1, 1, 1, n_C)``, ``hparameters = {"stride": s, "pad": p}``. Every input pixel paints its
``f x f x n_C`` patch ``A_prev[i, j] @ W`` onto the output at ``(i s, j s)``; overlapping patches
ADD (``+=``). Then ``p`` rows/columns are cropped from each border. Output size
``n = (n_prev - 1) s + f - 2 p`` (2x2 -> 3x3 with f = 3, s = 2, p = 1; 2x2 -> 4x4 with f = 2, s = 2, p = 0).
It is the gradient of a convolution with respect to its input, which is why it is named so.
"""
from typing import NamedTuple

import numpy as np

from .conv import check_conv_input
from .conv_layers import conv_init
from .layer import Layer, check_count, layer_key

__all__ = ["conv_transpose_output_size", "conv_transpose_forward", "conv_transpose_backward",
           "conv_transpose_forward_loop", "upsample_nearest", "upsample_nearest_backward",
           "Conv2DTranspose", "UpSampling2D"]


class ConvTransposeCache(NamedTuple):
    A_prev: np.ndarray
    W: np.ndarray
    stride: int
    pad: int


def conv_transpose_output_size(n_prev, f, stride, pad):
    return (n_prev - 1) * stride + f - 2 * pad


def _check(func, A_prev, W, b, hparameters):
    A_prev = check_conv_input(func, A_prev)
    W = np.asarray(W, dtype=np.float64)
    if W.ndim != 4 or W.shape[0] != W.shape[1] or W.shape[2] != A_prev.shape[3]:
        raise ValueError(f"{func}: W has shape {W.shape} but needs (f, f, n_C_prev, n_C) with n_C_prev = "
                         f"{A_prev.shape[3]} (the input's channels)")
    b = np.asarray(b, dtype=np.float64)
    if b.shape != (1, 1, 1, W.shape[3]):
        raise ValueError(f"{func}: b has shape {b.shape}, expected (1, 1, 1, {W.shape[3]})")
    s = check_count(func, "stride", hparameters.get("stride", 1))
    p = check_count(func, "pad", hparameters.get("pad", 0), minimum=0)
    f = W.shape[0]
    if 2 * p >= (min(A_prev.shape[1:3]) - 1) * s + f:
        raise ValueError(f"{func}: pad {p} crops the whole output; use a pad below f / 2")
    return A_prev, W, b, s, p


def conv_transpose_forward(A_prev, W, b, hparameters):
    """Vectorized: one product per filter position ``(di, dj)``. Returns ``(Z, cache)``."""
    A_prev, W, b, s, p = _check("conv_transpose_forward", A_prev, W, b, hparameters)
    m, n_H, n_W, _ = A_prev.shape
    f, n_C = W.shape[0], W.shape[3]
    full = np.zeros((m, (n_H - 1) * s + f, (n_W - 1) * s + f, n_C))
    for di in range(f):
        for dj in range(f):
            full[:, di:di + (n_H - 1) * s + 1:s, dj:dj + (n_W - 1) * s + 1:s, :] += A_prev @ W[di, dj]
    Z = full[:, p:full.shape[1] - p, p:full.shape[2] - p, :] + b
    return Z, ConvTransposeCache(A_prev, W, s, p)


def conv_transpose_backward(dZ, cache, need_dA_prev=True):
    """Gradients ``(dA_prev, dW, db)`` of ``conv_transpose_forward``."""
    A_prev, W, s, p = cache
    m, n_H, n_W, n_C_prev = A_prev.shape
    f, n_C = W.shape[0], W.shape[3]
    H, Wd = (n_H - 1) * s + f, (n_W - 1) * s + f
    dZ = np.asarray(dZ, dtype=np.float64)
    if dZ.shape != (m, H - 2 * p, Wd - 2 * p, n_C):
        raise ValueError(f"conv_transpose_backward: dZ has shape {dZ.shape}, expected the output's "
                         f"{(m, H - 2 * p, Wd - 2 * p, n_C)}")
    dfull = np.zeros((m, H, Wd, n_C))
    dfull[:, p:H - p, p:Wd - p, :] = dZ
    dA = np.zeros_like(A_prev) if need_dA_prev else None
    dW = np.zeros_like(W)
    A2 = A_prev.reshape(-1, n_C_prev)
    for di in range(f):
        for dj in range(f):
            g = dfull[:, di:di + (n_H - 1) * s + 1:s, dj:dj + (n_W - 1) * s + 1:s, :]
            dW[di, dj] = A2.T @ g.reshape(-1, n_C)
            if need_dA_prev:
                dA += g @ W[di, dj].T
    db = dZ.sum(axis=(0, 1, 2)).reshape(1, 1, 1, n_C)
    return dA, dW, db


def conv_transpose_forward_loop(A_prev, W, b, hparameters):
    """The lecture's way: loop over examples and input pixels, paint each patch (reference)."""
    A_prev, W, b, s, p = _check("conv_transpose_forward_loop", A_prev, W, b, hparameters)
    m, n_H, n_W, n_C_prev = A_prev.shape
    f, n_C = W.shape[0], W.shape[3]
    full = np.zeros((m, (n_H - 1) * s + f, (n_W - 1) * s + f, n_C))
    for e in range(m):
        for i in range(n_H):
            for j in range(n_W):
                for c in range(n_C):
                    full[e, i * s:i * s + f, j * s:j * s + f, c] += np.sum(A_prev[e, i, j, :] * W[:, :, :, c], axis=2)
    return full[:, p:full.shape[1] - p, p:full.shape[2] - p, :] + b


def upsample_nearest(A, factor=2):
    """Repeat every pixel ``factor x factor`` times: ``(m, n_H, n_W, C) -> (m, k n_H, k n_W, C)``."""
    A = check_conv_input("upsample_nearest", A, "A")
    return A.repeat(factor, axis=1).repeat(factor, axis=2)


def upsample_nearest_backward(dout, factor=2):
    m, H, W, C = dout.shape
    return dout.reshape(m, H // factor, factor, W // factor, factor, C).sum(axis=(2, 4))


class Conv2DTranspose(Layer):
    """Learned upsampling ``Conv2DTranspose(n_C, f, stride, pad)``; owns ``tconv{k}_W``, ``tconv{k}_b``."""

    kind = "Conv2DTranspose"

    def __init__(self, n_C, f=2, stride=2, pad=0, activation=None, trainable=True):
        super().__init__()
        func = "Conv2DTranspose"
        self.n_C, self.f = check_count(func, "n_C", n_C), check_count(func, "f", f)
        self.stride, self.pad = check_count(func, "stride", stride), check_count(func, "pad", pad, minimum=0)
        if activation not in (None, "relu"):
            raise ValueError(f"{func}: activation must be None or 'relu', got {activation!r}")
        self.activation, self.trainable = activation, trainable

    def output_shape(self, in_shape):
        n_H, n_W, _ = in_shape
        return (conv_transpose_output_size(n_H, self.f, self.stride, self.pad),
                conv_transpose_output_size(n_W, self.f, self.stride, self.pad), self.n_C)

    def count(self, in_shape):
        out = self.output_shape(in_shape)
        n = self.f * self.f * in_shape[2] * self.n_C + self.n_C
        return n, out, in_shape[0] * in_shape[1] * in_shape[2] * self.f * self.f * self.n_C

    def build(self, in_shape, index, rng):
        out = self.output_shape(in_shape)
        self.n_C_prev = in_shape[2]
        self.W, self.b = layer_key("tconv", index, "W"), layer_key("tconv", index, "b")
        p = {self.W: conv_init("he", (self.f, self.f, self.n_C_prev, self.n_C), rng),
             self.b: np.zeros((1, 1, 1, self.n_C))}
        self.weight_keys, self.param_keys = [self.W], list(p)
        return p, out

    def forward(self, A, params, model, training):
        Z, cache = conv_transpose_forward(A, params[self.W], params[self.b], {"stride": self.stride, "pad": self.pad})
        if self.activation == "relu":
            return np.maximum(Z, 0), (cache, Z)
        return Z, (cache, None)

    def backward(self, dout, cache, params, need_dA=True):
        cache, Z = cache
        dZ = dout if Z is None else dout * (Z > 0)
        dA, dW, db = conv_transpose_backward(dZ, cache, need_dA_prev=need_dA)
        return dA, {self.W: dW, self.b: db}

    def describe(self):
        return f"Conv2DTranspose({self.n_C}, {self.f}x{self.f}, s={self.stride}, pad={self.pad})"


class UpSampling2D(Layer):
    """Nearest-neighbour upsampling by an integer factor (no parameters)."""

    kind = "UpSampling2D"

    def __init__(self, factor=2):
        super().__init__()
        self.factor = check_count("UpSampling2D", "factor", factor)
        self.trainable, self.weight_keys, self.param_keys = True, [], []

    def output_shape(self, in_shape):
        return (in_shape[0] * self.factor, in_shape[1] * self.factor, in_shape[2])

    def count(self, in_shape):
        return 0, self.output_shape(in_shape), 0

    def build(self, in_shape, index, rng):
        return {}, self.output_shape(in_shape)

    def forward(self, A, params, model, training):
        return upsample_nearest(A, self.factor), None

    def backward(self, dout, cache, params, need_dA=True):
        return upsample_nearest_backward(dout, self.factor), {}

    def describe(self):
        return f"UpSampling2D({self.factor})"
