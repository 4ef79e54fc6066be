"""Convolution layers for ``dl.Sequential``: ``Conv2D`` (1x1 included) and ``ZeroPadding2D``.

Layout: a batch is ``(m, n_H, n_W, n_C)`` (channels last), per-example shapes are
``(n_H, n_W, n_C)``. ``Conv2D(n_C, f)`` owns ``conv{k}_W`` of shape ``(f, f, n_C_prev, n_C)``
and ``conv{k}_b`` of shape ``(1, 1, 1, n_C)`` (no bias with ``use_bias=False``, the choice of
ResNets, whose batch norm makes the bias redundant). The maths is ``conv_forward`` /
``conv_backward`` of ``conv.py``; the output size is the lecture's
``floor((n + 2p - f) / s) + 1`` (``pad="same"`` keeps ``ceil(n / s)``).

A 1x1 convolution (``Conv2D(n_C, 1)``) mixes channels at every pixel: a Dense layer applied
to each position, the "network in network" / bottleneck of the lectures.
Multiply-adds per example: ``n_H n_W n_C * f f n_C_prev``.
Taught in: c4/02_cnn_application, c4/03_classic_networks_and_resnets, c4/04.
"""
import numpy as np

from .activations import get_activation
from .conv import conv_forward, conv_backward, check_conv_input, resolve_padding, zero_pad
from .layer import Layer, check_count, layer_key

__all__ = ["Conv2D", "ZeroPadding2D", "conv_init", "image_shape", "spatial_output"]

CONV_INITIALIZERS = ("he", "xavier", "glorot", "random", "zeros")


def image_shape(func, in_shape):
    """Check a per-example conv shape ``(n_H, n_W, n_C)`` and return it as a tuple of ints."""
    shape = (in_shape,) if np.ndim(in_shape) == 0 else tuple(in_shape)
    if len(shape) != 3:
        raise ValueError(
            f"{func}: expected a per-example image shape (n_H, n_W, n_C), got {shape}; conv layers come "
            f"before dl.Flatten(), and a conv model needs input_shape=(n_H, n_W, n_C) with X of shape "
            f"(m, n_H, n_W, n_C).")
    return tuple(check_count(func, "input size", d) for d in shape)


def spatial_output(func, n_H, n_W, f, stride, pad, what="filter"):
    """Output height and width, with a fix-it ValueError when the window does not fit."""
    outs = []
    for n in (n_H, n_W):
        before, after = resolve_padding(n, f, pad, stride, func=func)
        if n + before + after < f:
            raise ValueError(
                f"{func}: a {f}x{f} {what} with stride {stride} and pad {pad!r} does not fit into a "
                f"{n_H}x{n_W} input (padded by {before}+{after}): no output. Use a smaller {what}, "
                f"pad='same', or remove a pooling layer before it.")
        outs.append((n + before + after - f) // stride + 1)
    return tuple(outs)


def conv_init(method, shape, rng, scale=0.01):
    """Filters of ``shape = (f, f, n_C_prev, n_C)``: fan-in ``f f n_C_prev`` (He: ``sqrt(2 / fan_in)``)."""
    if method not in CONV_INITIALIZERS:
        raise ValueError(f"Conv2D: unknown initializer {method!r}; choose one of {list(CONV_INITIALIZERS)}.")
    if method == "zeros":
        return np.zeros(shape)
    fan_in = int(np.prod(shape[:-1]))
    fan_out = int(np.prod(shape[:-2])) * shape[-1]
    std = {"he": np.sqrt(2.0 / fan_in), "xavier": np.sqrt(1.0 / fan_in),
           "glorot": np.sqrt(2.0 / (fan_in + fan_out)), "random": scale}[method]
    if rng is None:
        raise ValueError("Conv2D: building the layer needs rng (a np.random.Generator) to draw its filters.")
    return rng.standard_normal(shape) * std


def _check_pad(func, pad):
    if isinstance(pad, str):
        if pad.lower() not in ("same", "valid"):
            raise ValueError(f"{func}: pad must be an int >= 0, 'same' or 'valid', got {pad!r}.")
        return pad.lower()
    return check_count(func, "pad", pad, minimum=0)


class Conv2D(Layer):
    """``Z = conv(A_prev, W) + b``, then an optional activation; ``f=1`` is a 1x1 convolution."""
    kind = "Conv2D"

    def __init__(self, n_C, f, stride=1, pad="same", activation=None, initializer="he",
                 use_bias=True, trainable=True):
        super().__init__()
        func = "Conv2D"
        self.n_C = check_count(func, "n_C (number of filters)", n_C)
        self.f = check_count(func, "f (filter size)", f)
        self.stride = check_count(func, "stride", stride)
        self.pad = _check_pad(func, pad)
        if activation is not None:
            get_activation(activation, func)
            if activation == "softmax":
                raise ValueError(f"{func}: softmax over a conv volume is not supported; end the model with "
                                 f"dl.Flatten() and dl.Dense(C, activation='softmax').")
        if initializer not in CONV_INITIALIZERS:
            raise ValueError(f"{func}: unknown initializer {initializer!r}; choose one of {list(CONV_INITIALIZERS)}.")
        self.activation, self.initializer = activation, initializer
        self.use_bias, self.trainable = bool(use_bias), trainable

    def output_shape(self, in_shape):
        n_H, n_W, _ = image_shape("Conv2D", in_shape)
        return spatial_output("Conv2D", n_H, n_W, self.f, self.stride, self.pad) + (self.n_C,)

    def count(self, in_shape):
        out = self.output_shape(in_shape)
        n_C_prev = in_shape[2]
        n = self.f * self.f * n_C_prev * self.n_C + (self.n_C if self.use_bias else 0)
        return n, out, out[0] * out[1] * self.n_C * self.f * self.f * n_C_prev

    def build(self, in_shape, index, rng):
        out = self.output_shape(in_shape)
        self.n_C_prev = in_shape[2]
        self.W = layer_key("conv", index, "W")
        self.b = layer_key("conv", index, "b") if self.use_bias else None
        p = {self.W: conv_init(self.initializer, (self.f, self.f, self.n_C_prev, self.n_C), rng)}
        if self.use_bias:
            p[self.b] = np.zeros((1, 1, 1, self.n_C))
        self.weight_keys, self.param_keys = [self.W], list(p)
        self.hparameters = {"stride": self.stride, "pad": self.pad}
        return p, out

    def forward(self, A, params, model, training, logits=False):
        A = check_conv_input("Conv2D", A, "A", n_C_prev=self.n_C_prev)
        b = params[self.b] if self.use_bias else np.zeros((1, 1, 1, self.n_C))
        Z, cache = conv_forward(A, params[self.W], b, self.hparameters)
        if logits or self.activation is None:
            return Z, (cache, None)
        out, act = get_activation(self.activation)[0](Z)
        return out, (cache, act)

    def backward(self, dout, cache, params, need_dA=True):
        cache, act = cache
        dZ = dout if act is None else get_activation(self.activation)[1](dout, act)
        dA, dW, db = conv_backward(dZ, cache, need_dA_prev=need_dA)   # a first layer skips dA_prev
        grads = {self.W: dW}
        if self.use_bias:
            grads[self.b] = db
        return (dA if need_dA else None), grads

    def describe(self):
        act = f", {self.activation}" if self.activation else ""
        bias = "" if self.use_bias else ", no bias"
        return f"Conv2D({self.n_C}, {self.f}x{self.f}, s={self.stride}, pad={self.pad}{act}{bias})"


def _pads(func, pad):
    if isinstance(pad, (tuple, list)):
        try:
            (t, b), (l, r) = pad
        except (TypeError, ValueError):
            raise ValueError(f"{func}: pad must be an int or ((top, bottom), (left, right)), got {pad!r}.") from None
        return tuple(check_count(func, "pad", v, minimum=0) for v in (t, b, l, r))
    p = check_count(func, "pad", pad, minimum=0)
    return p, p, p, p


class ZeroPadding2D(Layer):
    """Zeros around the height and width axes: ``pad`` an int or ``((top, bottom), (left, right))``."""
    kind = "ZeroPadding2D"

    def __init__(self, pad):
        super().__init__()
        self.pads = _pads("ZeroPadding2D", pad)

    def output_shape(self, in_shape):
        n_H, n_W, n_C = image_shape("ZeroPadding2D", in_shape)
        t, b, l, r = self.pads
        return n_H + t + b, n_W + l + r, n_C

    def build(self, in_shape, index, rng):
        return {}, self.output_shape(in_shape)

    def forward(self, A, params, model, training):
        t, b, l, r = self.pads
        A = check_conv_input("ZeroPadding2D", A, "A")
        return zero_pad(A, ((t, b), (l, r))), A.shape

    def backward(self, dout, cache, params, need_dA=True):
        t, _, l, _ = self.pads
        m, n_H, n_W, _ = cache
        return dout[:, t:t + n_H, l:l + n_W, :], {}

    def describe(self):
        t, b, l, r = self.pads
        return f"ZeroPadding2D({t})" if len({t, b, l, r}) == 1 else f"ZeroPadding2D((({t}, {b}), ({l}, {r})))"
