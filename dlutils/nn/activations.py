"""Activation functions with the layer contract: ``forward(Z) -> (A, cache)``, ``backward(dA, cache) -> dZ``.

Layout: elementwise on any shape; ``softmax`` normalises over axis 0, the classes,
because dense nets use ``Z`` of shape ``(n[l], m)``, one example per column.
Numerically stable: ``sigmoid`` never overflows (|z| = 1000 is fine), ``softmax``
shifts out the column maximum.
Taught in: c1/01_numpy_and_vectorization (sigmoid, softmax), c1/04_deep_network_step_by_step.
"""
import numpy as np

from ..validation import check_array

__all__ = [
    "sigmoid", "relu", "leaky_relu", "softmax",
    "sigmoid_forward", "sigmoid_backward", "tanh_forward", "tanh_backward",
    "relu_forward", "relu_backward", "leaky_relu_forward", "leaky_relu_backward",
    "softmax_forward", "softmax_backward", "identity_forward", "identity_backward",
    "ACTIVATIONS", "get_activation", "Activation",
]

LEAKY_SLOPE = 0.01


def _numeric(func, Z):
    """``Z`` as a float array; strings, objects and None get a fix-it ValueError."""
    Z = np.asarray(Z)
    if Z.dtype.kind not in "fc":
        if Z.dtype.kind not in "biu":
            raise ValueError(f"{func}: Z has dtype {Z.dtype}, expected numbers; convert it with "
                             f"np.asarray(Z, dtype=float).")
        Z = Z.astype(np.float64)
    return Z


def sigmoid(Z):
    """1 / (1 + exp(-Z)) computed without overflow for large |Z|."""
    Z = _numeric("sigmoid", Z)
    E = np.exp(-np.abs(Z))                      # in (0, 1]: never overflows
    return np.where(Z >= 0, 1.0 / (1.0 + E), E / (1.0 + E))


def relu(Z):
    return np.maximum(_numeric("relu", Z), 0)


def leaky_relu(Z, slope=LEAKY_SLOPE):
    Z = _numeric("leaky_relu", Z)
    return np.where(Z > 0, Z, slope * Z)


def softmax(Z):
    """Column-wise softmax of ``Z`` (classes along axis 0); each column sums to 1."""
    Z = _numeric("softmax", Z).astype(float, copy=False)
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def _check(func, name, a):
    return check_array(func, name, a, dtype_kind="fc", finite=False)


def sigmoid_forward(Z):
    A = sigmoid(_check("sigmoid_forward", "Z", Z))
    return A, A


def sigmoid_backward(dA, cache):
    A = cache
    return dA * A * (1.0 - A)


def tanh_forward(Z):
    A = np.tanh(_check("tanh_forward", "Z", Z))
    return A, A


def tanh_backward(dA, cache):
    A = cache
    return dA * (1.0 - A * A)


def relu_forward(Z):
    Z = _check("relu_forward", "Z", Z)
    return np.maximum(Z, 0), Z


def relu_backward(dA, cache):
    Z = cache
    return dA * (Z > 0)


def leaky_relu_forward(Z, slope=LEAKY_SLOPE):
    Z = _check("leaky_relu_forward", "Z", Z)
    return leaky_relu(Z, slope), (Z, slope)


def leaky_relu_backward(dA, cache):
    Z, slope = cache
    return dA * np.where(Z > 0, 1.0, slope)


def softmax_forward(Z):
    Z = _check("softmax_forward", "Z", Z)
    if Z.ndim != 2:
        raise ValueError(f"softmax_forward: Z must be 2-D (n_classes, m) but has shape {Z.shape}; "
                         "reshape a single example with Z.reshape(-1, 1).")
    A = softmax(Z)
    return A, A


def softmax_backward(dA, cache):
    """Full Jacobian-vector product: dZ = A * (dA - sum(dA * A over classes))."""
    A = cache
    return A * (dA - np.sum(dA * A, axis=0, keepdims=True))


def identity_forward(Z):
    return Z, None


def identity_backward(dA, cache):
    return dA


ACTIVATIONS = {
    "sigmoid": (sigmoid_forward, sigmoid_backward),
    "tanh": (tanh_forward, tanh_backward),
    "relu": (relu_forward, relu_backward),
    "leaky_relu": (leaky_relu_forward, leaky_relu_backward),
    "softmax": (softmax_forward, softmax_backward),
    "linear": (identity_forward, identity_backward),
}


def get_activation(name, func="get_activation"):
    """Return ``(forward, backward)`` for an activation name such as 'relu'."""
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise ValueError(f"{func}: unknown activation {name!r}; choose one of "
                         f"{sorted(ACTIVATIONS)}.") from None

# -- layer for dl.Sequential -------------------------------------------------------------
# Layer protocol (see dlutils/train/sequential.py): build(n_in, index, rng) -> (params, n_out);
# forward(A, params, model, training) -> (out, cache); backward(dout, cache, params, need_dA) -> (dA, grads).
class Activation:
    """An activation on its own: ``Activation('relu')``."""
    kind = "Activation"

    def __init__(self, name):
        get_activation(name, "Activation")
        self.name = name

    def build(self, n_in, index, rng):
        return {}, n_in

    def forward(self, A, params, model, training):
        return get_activation(self.name)[0](A)

    def backward(self, dout, cache, params, need_dA=True):
        return get_activation(self.name)[1](dout, cache), {}

    def describe(self):
        return f"Activation({self.name})"
