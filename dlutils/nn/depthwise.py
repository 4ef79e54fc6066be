"""Depthwise convolution: one ``f x f`` filter per input channel, channels never mixed (MobileNet).

Layout: ``A_prev (m, n_H_prev, n_W_prev, n_C)``, ``W (f, f, n_C)``, ``b (1, 1, 1, n_C)``,
``hparameters = {"stride": s, "pad": p}`` (``p`` an int, ``"same"`` or ``"valid"``, as in
``conv.py``); ``Z (m, n_H, n_W, n_C)`` with ``Z[i, h, w, c] = sum(window_c * W[:, :, c]) + b[c]``.

A depthwise separable convolution is this followed by a 1x1 convolution (``Conv2D(n_C', 1)``)
that mixes the channels. Its cost against a normal ``f x f`` convolution to ``n_C'`` channels::

    depthwise  n_H n_W n_C f^2   +   pointwise  n_H n_W n_C n_C'
    -----------------------------------------------------------  =  1/n_C' + 1/f^2
                  normal  n_H n_W n_C' f^2 n_C

Building blocks for MobileNets: ``separable_layers(n_C, f, stride)`` (MobileNet v1: depthwise ->
BN -> ReLU -> 1x1 -> BN -> ReLU) and ``inverted_residual(n_C_in, n_C_out, expansion, stride)``
(MobileNet v2: 1x1 expansion -> BN -> ReLU -> depthwise -> BN -> ReLU -> 1x1 projection -> BN, linear,
with a skip connection when the stride is 1 and the channels match).

Vectorized like ``conv_forward``: a sum over the ``f*f`` filter offsets of a strided slice of
the padded input times ``W[i, j]`` (a per-channel product, no matrix product needed); backward
mirrors it with shifted adds. ``depthwise_conv_forward_loop`` is the loop reference.
Taught in: c4/04 (efficient networks).
"""
import numpy as np

from .activations import get_activation, Activation
from .batchnorm import BatchNorm
from .conv import check_conv_input, resolve_padding, zero_pad
from .conv_layers import Conv2D, conv_init, image_shape, spatial_output, _check_pad, CONV_INITIALIZERS
from .layer import Layer, check_count, layer_key
from .residual import Residual

__all__ = ["depthwise_conv_forward", "depthwise_conv_backward", "depthwise_conv_forward_loop",
           "DepthwiseConv2D", "separable_layers", "inverted_residual"]


def _check(func, A_prev, W, b, hparameters):
    W = np.asarray(W, dtype=float)
    if W.ndim != 3 or W.shape[0] != W.shape[1]:
        raise ValueError(f"{func}: W has shape {W.shape} but depthwise filters are (f, f, n_C), one "
                         f"f x f filter per channel; a (f, f, n_C_prev, n_C) array is for conv_forward.")
    A_prev = check_conv_input(func, A_prev, n_C_prev=W.shape[2])
    b = np.asarray(b, dtype=float)
    if b.shape != (1, 1, 1, W.shape[2]):
        raise ValueError(f"{func}: b has shape {b.shape}, expected (1, 1, 1, {W.shape[2]}) (one bias per channel).")
    if not isinstance(hparameters, dict) or "stride" not in hparameters or "pad" not in hparameters:
        raise ValueError(f"{func}: hparameters must be a dict with 'stride' and 'pad', e.g. "
                         f"{{'stride': 1, 'pad': 'same'}}, got {hparameters!r}.")
    s = check_count(func, "stride", hparameters["stride"])
    f = W.shape[0]
    pads = tuple(resolve_padding(n, f, hparameters["pad"], s, func=func) for n in A_prev.shape[1:3])
    n_H, n_W = spatial_output(func, A_prev.shape[1], A_prev.shape[2], f, s, hparameters["pad"])
    return A_prev, W, b, s, pads, n_H, n_W


def _window(A_pad, i, j, s, n_H, n_W):
    return A_pad[:, i:i + s * (n_H - 1) + 1:s, j:j + s * (n_W - 1) + 1:s, :]


def depthwise_conv_forward(A_prev, W, b, hparameters):
    """Vectorized depthwise convolution: ``(Z, cache)`` with ``Z (m, n_H, n_W, n_C)``."""
    A_prev, W, b, s, pads, n_H, n_W = _check("depthwise_conv_forward", A_prev, W, b, hparameters)
    A_pad = zero_pad(A_prev, pads)
    Z = np.zeros((A_prev.shape[0], n_H, n_W, W.shape[2]))
    for i in range(W.shape[0]):
        for j in range(W.shape[1]):
            Z += _window(A_pad, i, j, s, n_H, n_W) * W[i, j]
    Z += b
    return Z, (A_prev, W, {"stride": s, "padding": pads})


def depthwise_conv_backward(dZ, cache):
    """``(dA_prev, dW, db)`` shaped like ``A_prev``, ``W`` ``(f, f, n_C)`` and ``b``."""
    A_prev, W, hp = cache
    s, pads = hp["stride"], hp["padding"]
    A_pad = zero_pad(A_prev, pads)
    n_H, n_W = A_prev.shape[1] + sum(pads[0]) - W.shape[0], A_prev.shape[2] + sum(pads[1]) - W.shape[1]
    n_H, n_W = n_H // s + 1, n_W // s + 1
    if np.shape(dZ) != (A_prev.shape[0], n_H, n_W, W.shape[2]):
        raise ValueError(f"depthwise_conv_backward: dZ has shape {np.shape(dZ)}, expected the shape of Z, "
                         f"{(A_prev.shape[0], n_H, n_W, W.shape[2])}.")
    dA_pad = np.zeros(A_pad.shape)
    dW = np.zeros(W.shape)
    for i in range(W.shape[0]):
        for j in range(W.shape[1]):
            dW[i, j] = np.einsum("mhwc,mhwc->c", _window(A_pad, i, j, s, n_H, n_W), dZ)
            _window(dA_pad, i, j, s, n_H, n_W)[...] += dZ * W[i, j]
    db = dZ.sum(axis=(0, 1, 2)).reshape(1, 1, 1, -1)
    (top, _), (left, _) = pads
    dA = dA_pad[:, top:top + A_prev.shape[1], left:left + A_prev.shape[2], :].copy()
    return dA, dW, db


def depthwise_conv_forward_loop(A_prev, W, b, hparameters):
    """The reference: loops over examples, output positions and channels. Returns ``Z``."""
    A_prev, W, b, s, pads, n_H, n_W = _check("depthwise_conv_forward_loop", A_prev, W, b, hparameters)
    A_pad = zero_pad(A_prev, pads)
    f, n_C = W.shape[0], W.shape[2]
    Z = np.zeros((A_prev.shape[0], n_H, n_W, n_C))
    for i in range(A_prev.shape[0]):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    window = A_pad[i, h * s:h * s + f, w * s:w * s + f, c]
                    Z[i, h, w, c] = np.sum(window * W[:, :, c]) + b[0, 0, 0, c]
    return Z


class DepthwiseConv2D(Layer):
    """One ``f x f`` filter per channel (``dwconv{k}_W`` is ``(f, f, n_C)``); channels unchanged."""
    kind = "DepthwiseConv2D"

    def __init__(self, f, stride=1, pad="same", activation=None, initializer="he", use_bias=True,
                 trainable=True):
        super().__init__()
        func = "DepthwiseConv2D"
        self.f, self.stride = check_count(func, "f (filter size)", f), check_count(func, "stride", stride)
        self.pad = _check_pad(func, pad)
        if activation is not None:
            get_activation(activation, func)
        if initializer not in CONV_INITIALIZERS:
            raise ValueError(f"{func}: unknown initializer {initializer!r}; choose one of {list(CONV_INITIALIZERS)}.")
        self.activation, self.initializer = activation, initializer
        self.use_bias, self.trainable = bool(use_bias), trainable

    def output_shape(self, in_shape):
        n_H, n_W, n_C = image_shape(self.kind, in_shape)
        return spatial_output(self.kind, n_H, n_W, self.f, self.stride, self.pad) + (n_C,)

    def count(self, in_shape):
        out = self.output_shape(in_shape)
        n_C = out[2]
        return self.f * self.f * n_C + (n_C if self.use_bias else 0), out, out[0] * out[1] * n_C * self.f * self.f

    def build(self, in_shape, index, rng):
        out = self.output_shape(in_shape)
        self.n_C = out[2]
        self.W = layer_key("dwconv", index, "W")
        self.b = layer_key("dwconv", index, "b") if self.use_bias else None
        W = conv_init(self.initializer, (self.f, self.f, 1, self.n_C), rng)[:, :, 0, :]
        p = {self.W: W}
        if self.use_bias:
            p[self.b] = np.zeros((1, 1, 1, self.n_C))
        self.weight_keys, self.param_keys = [self.W], list(p)
        self.hparameters = {"stride": self.stride, "pad": self.pad}
        return p, out

    def forward(self, A, params, model, training):
        b = params[self.b] if self.use_bias else np.zeros((1, 1, 1, self.n_C))
        Z, cache = depthwise_conv_forward(A, params[self.W], b, self.hparameters)
        if self.activation is None:
            return Z, (cache, None)
        out, act = get_activation(self.activation)[0](Z)
        return out, (cache, act)

    def backward(self, dout, cache, params, need_dA=True):
        cache, act = cache
        dZ = dout if act is None else get_activation(self.activation)[1](dout, act)
        dA, dW, db = depthwise_conv_backward(dZ, cache)
        grads = {self.W: dW}
        if self.use_bias:
            grads[self.b] = db
        return dA, grads

    def describe(self):
        act = f", {self.activation}" if self.activation else ""
        return f"DepthwiseConv2D({self.f}x{self.f}, s={self.stride}, pad={self.pad}{act})"


def separable_layers(n_C, f=3, stride=1, batchnorm=True):
    """MobileNet v1's depthwise separable convolution as layers: depthwise fxf, then a 1x1 to ``n_C``."""
    n_C = check_count("separable_layers", "n_C", n_C)
    norm = (lambda: [BatchNorm()]) if batchnorm else (lambda: [])
    return ([DepthwiseConv2D(f, stride=stride, use_bias=not batchnorm)] + norm() + [Activation("relu")]
            + [Conv2D(n_C, 1, use_bias=not batchnorm)] + norm() + [Activation("relu")])


def inverted_residual(n_C_in, n_C_out, expansion=6, stride=1, f=3):
    """MobileNet v2's bottleneck: expand (1x1), depthwise fxf, project (1x1, linear); a ``Residual``
    (identity shortcut) when ``stride == 1`` and ``n_C_in == n_C_out``, else the list of layers."""
    func = "inverted_residual"
    n_C_in, n_C_out = check_count(func, "n_C_in", n_C_in), check_count(func, "n_C_out", n_C_out)
    hidden = n_C_in * check_count(func, "expansion", expansion)
    layers = [Conv2D(hidden, 1, use_bias=False), BatchNorm(), Activation("relu"),
              DepthwiseConv2D(f, stride=stride, use_bias=False), BatchNorm(), Activation("relu"),
              Conv2D(n_C_out, 1, use_bias=False), BatchNorm()]
    if check_count(func, "stride", stride) == 1 and n_C_in == n_C_out:
        return Residual(layers, activation=None)
    return layers
