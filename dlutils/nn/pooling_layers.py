"""Pooling layers for ``dl.Sequential``: ``MaxPool2D`` and ``AvgPool2D``.

Layout: ``(m, n_H, n_W, n_C)`` in and out; each channel is pooled on its own, so the number of
channels is unchanged and there are no parameters. ``f`` is the window, ``stride`` defaults to
``f`` (non-overlapping windows, the lecture's usual choice). The maths is ``pool_forward`` /
``pool_backward`` of ``pooling.py``.

``pad`` (default 0): ``MaxPool2D(3, 2, pad=1)`` is the max-pool of ResNet's stem and ``pad="same"``
with stride 1 keeps the size (the pooling branch of an inception module). Max pooling pads with
``-inf`` (a pad is never the maximum), average pooling with zeros (they count in the mean, as
in PyTorch's default). Multiply-adds are counted as 0 (comparisons and additions only).
Taught in: c4/01_convolution_step_by_step, c4/02_cnn_application, c4/03.
"""
import numpy as np

from .conv import check_conv_input, resolve_padding
from .conv_layers import image_shape, spatial_output, _check_pad
from .layer import Layer, check_count

__all__ = ["MaxPool2D", "AvgPool2D"]


class _Pool2D(Layer):
    mode = "max"

    def __init__(self, f, stride=None, pad=0):
        super().__init__()
        func = self.kind
        self.f = check_count(func, "f (window size)", f)
        self.stride = self.f if stride is None else check_count(func, "stride", stride)
        self.pad = _check_pad(func, pad)

    def output_shape(self, in_shape):
        n_H, n_W, n_C = image_shape(self.kind, in_shape)
        return spatial_output(self.kind, n_H, n_W, self.f, self.stride, self.pad, what="window") + (n_C,)

    def build(self, in_shape, index, rng):
        out = self.output_shape(in_shape)
        n_H, n_W, _ = in_shape
        self.padding = (resolve_padding(n_H, self.f, self.pad, self.stride),
                        resolve_padding(n_W, self.f, self.pad, self.stride))
        return {}, out

    def forward(self, A, params, model, training):
        from .pooling import pool_forward
        A = check_conv_input(self.kind, A, "A")
        (t, b), (l, r) = self.padding
        if t + b + l + r:
            fill = -np.inf if self.mode == "max" else 0.0
            A = np.pad(A, ((0, 0), (t, b), (l, r), (0, 0)), constant_values=fill)
        out, cache = pool_forward(A, {"f": self.f, "stride": self.stride}, mode=self.mode)
        return out, (cache, A.shape)

    def backward(self, dout, cache, params, need_dA=True):
        from .pooling import pool_backward
        cache, shape = cache
        dA = pool_backward(dout, cache)
        (t, b), (l, r) = self.padding
        if t + b + l + r:
            dA = dA[:, t:shape[1] - b, l:shape[2] - r, :]
        return dA, {}

    def describe(self):
        pad = f", pad={self.pad}" if self.pad not in (0, "valid") else ""
        return f"{self.kind}({self.f}x{self.f}, s={self.stride}{pad})"


class MaxPool2D(_Pool2D):
    """The largest value of each ``f x f`` window, per channel."""
    kind = "MaxPool2D"
    mode = "max"


class AvgPool2D(_Pool2D):
    """The mean of each ``f x f`` window, per channel."""
    kind = "AvgPool2D"
    mode = "average"
