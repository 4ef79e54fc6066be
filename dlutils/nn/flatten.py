"""The explicit bridges from conv volumes to the dense layout: ``Flatten`` and ``GlobalAveragePooling2D``.

Conv layers work on ``(m, n_H, n_W, n_C)``; dense layers on ``(n, m)`` with one example per
column. A model switches layout only through one of these layers, never by guessing:

- ``Flatten()``: ``(m, n_H, n_W, n_C) -> (n_H n_W n_C, m)``; each example's volume is read in
  row-major order (height, then width, then channel: the order of ``X[i].ravel()``), so column
  ``i`` of the output is ``A[i].ravel()``. Backward reshapes the gradient back.
- ``GlobalAveragePooling2D()``: ``(m, n_H, n_W, n_C) -> (n_C, m)``, the mean of each feature
  map; backward spreads each gradient evenly, ``dA = dout / (n_H n_W)`` at every position.
  No parameters, and far fewer inputs for the next Dense layer than Flatten gives.
Taught in: c4/02_cnn_application, c4/03_classic_networks_and_resnets.
"""
import numpy as np

from .conv import check_conv_input
from .conv_layers import image_shape
from .layer import Layer

__all__ = ["Flatten", "GlobalAveragePooling2D", "flatten_forward", "flatten_backward",
           "global_average_pool_forward", "global_average_pool_backward"]


def flatten_forward(A):
    """``(m, n_H, n_W, n_C) -> (n_H n_W n_C, m)``; returns ``(out, cache)`` with the input shape."""
    A = check_conv_input("flatten_forward", A, "A")
    return A.reshape(A.shape[0], -1).T, A.shape


def flatten_backward(dout, cache):
    """The gradient ``(n_H n_W n_C, m)`` reshaped back to ``(m, n_H, n_W, n_C)``."""
    shape = cache
    if np.shape(dout) != (int(np.prod(shape[1:])), shape[0]):
        raise ValueError(f"flatten_backward: dout has shape {np.shape(dout)}, expected "
                         f"({int(np.prod(shape[1:]))}, {shape[0]}), the shape of the flattened output.")
    return dout.T.reshape(shape)


def global_average_pool_forward(A):
    """``(m, n_H, n_W, n_C) -> (n_C, m)``: the mean of every feature map."""
    A = check_conv_input("global_average_pool_forward", A, "A")
    return A.mean(axis=(1, 2)).T, A.shape


def global_average_pool_backward(dout, cache):
    """Each ``dout[c, i]`` spread evenly over the ``n_H n_W`` positions of map ``c`` of example ``i``."""
    m, n_H, n_W, n_C = cache
    if np.shape(dout) != (n_C, m):
        raise ValueError(f"global_average_pool_backward: dout has shape {np.shape(dout)}, expected "
                         f"({n_C}, {m}).")
    return np.broadcast_to((dout.T / (n_H * n_W))[:, None, None, :], cache).copy()


class Flatten(Layer):
    """``(m, n_H, n_W, n_C) -> (n_H n_W n_C, m)``: the bridge to Dense layers."""
    kind = "Flatten"

    def output_shape(self, in_shape):
        n_H, n_W, n_C = image_shape("Flatten", in_shape)
        return (n_H * n_W * n_C,)

    def build(self, in_shape, index, rng):
        return {}, self.output_shape(in_shape)

    def forward(self, A, params, model, training):
        return A.reshape(A.shape[0], -1).T, A.shape

    def backward(self, dout, cache, params, need_dA=True):
        return dout.T.reshape(cache), {}

    def describe(self):
        return "Flatten()"


class GlobalAveragePooling2D(Layer):
    """``(m, n_H, n_W, n_C) -> (n_C, m)``: one number (the mean) per feature map."""
    kind = "GlobalAveragePooling2D"

    def output_shape(self, in_shape):
        return (image_shape("GlobalAveragePooling2D", in_shape)[2],)

    def build(self, in_shape, index, rng):
        return {}, self.output_shape(in_shape)

    def forward(self, A, params, model, training):
        return A.mean(axis=(1, 2)).T, A.shape

    def backward(self, dout, cache, params, need_dA=True):
        m, n_H, n_W, n_C = cache
        return np.broadcast_to((dout.T / (n_H * n_W))[:, None, None, :], cache).copy(), {}

    def describe(self):
        return "GlobalAveragePooling2D()"
