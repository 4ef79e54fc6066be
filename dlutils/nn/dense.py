"""Dense (fully connected) layers and the L-layer net, with the layer contract.

Layout: ``A_prev`` is ``(n[l-1], m)``, one example per column; ``W`` is ``(n[l], n[l-1])``,
``b`` is ``(n[l], 1)``; ``Z = W A_prev + b`` is ``(n[l], m)``.

Backward passes are the plain chain rule: ``backward(dout, cache)`` returns the gradient of
the *same scalar* whose gradient ``dout`` is. The ``1/m`` of the averaged cost is applied
once, by the loss (see ``losses.py``); the lecture writes ``dW = 1/m dZ A_prev^T`` with a
per-example ``dZ`` - the numbers are identical.

Taught in: c1/04_deep_network_step_by_step, c1/05_deep_network_application.
"""
from typing import NamedTuple

import numpy as np

from .activations import get_activation
from ..validation import check_array
from .initializers import initialize_parameters
from .layer import Layer

__all__ = [
    "linear_forward", "linear_backward", "linear_activation_forward",
    "linear_activation_backward", "L_model_forward", "L_model_backward",
    "LinearActivationCache", "num_layers", "check_parameters", "Dense",
]


def linear_forward(A_prev, W, b):
    """``Z = W @ A_prev + b``; returns ``(Z, cache)`` with ``cache = (A_prev, W, b)``."""
    func = "linear_forward"
    W = check_array(func, "W", W, ndim=2)
    A_prev = check_array(func, "A_prev", A_prev, ndim=2,
                         hint="Dense layers take (n_features, m), one example per column.")
    b = check_array(func, "b", b, ndim=2)
    if A_prev.shape[0] != W.shape[1]:
        hint = ""
        if A_prev.shape[1] == W.shape[1]:
            hint = " dlutils puts one example per column - did you mean A_prev.T?"
        raise ValueError(f"{func}: A_prev has shape {A_prev.shape} but W is {W.shape}; "
                         f"A_prev needs {W.shape[1]} rows (n[l-1]).{hint}")
    if b.shape != (W.shape[0], 1):
        raise ValueError(f"{func}: b has shape {b.shape}, expected ({W.shape[0]}, 1) to match "
                         f"W {W.shape}; make b a column with b.reshape(-1, 1).")
    Z = W @ A_prev + b
    return Z, (A_prev, W, b)


def linear_backward(dZ, cache, need_dA_prev=True):
    """Return ``(dA_prev, dW, db)``. ``need_dA_prev=False`` skips the input-layer gradient."""
    A_prev, W, _ = cache
    dW = dZ @ A_prev.T
    db = dZ.sum(axis=1, keepdims=True)
    dA_prev = W.T @ dZ if need_dA_prev else None
    return dA_prev, dW, db


class LinearActivationCache(NamedTuple):
    linear: tuple        # (A_prev, W, b)
    activation: object   # what the activation's forward stored
    name: str            # activation name, so backward knows which rule to use


def linear_activation_forward(A_prev, W, b, activation="relu"):
    """``A = g(W A_prev + b)``; returns ``(A, LinearActivationCache)``."""
    forward, _ = get_activation(activation, "linear_activation_forward")
    Z, lin_cache = linear_forward(A_prev, W, b)
    A, act_cache = forward(Z)
    return A, LinearActivationCache(lin_cache, act_cache, activation)


def linear_activation_backward(dA, cache, activation=None, need_dA_prev=True):
    """Return ``(dA_prev, dW, db)`` for one LINEAR->ACTIVATION layer."""
    name = activation or cache.name
    _, backward = get_activation(name, "linear_activation_backward")
    dZ = backward(dA, cache.activation)
    return linear_backward(dZ, cache.linear, need_dA_prev)


def num_layers(parameters):
    """L, the number of weight layers in a ``{"W1", "b1", ...}`` dict."""
    return sum(1 for k in parameters if k.startswith("W") and k[1:].isdigit())


def check_parameters(func, parameters, n_x=None):
    """Check that ``W1..WL``/``b1..bL`` exist and chain together; return L."""
    if not isinstance(parameters, dict):
        raise ValueError(f"{func}: parameters must be a dict like {{'W1': ..., 'b1': ...}}, "
                         f"got {type(parameters).__name__}.")
    L = num_layers(parameters)
    if L == 0:
        raise ValueError(f"{func}: parameters has no 'W1'; build them with "
                         f"dl.initialize_parameters(layer_dims, rng=rng).")
    prev = n_x
    for l in range(1, L + 1):
        for key in (f"W{l}", f"b{l}"):
            if key not in parameters:
                raise ValueError(f"{func}: parameters has W1..W{L} but no {key!r}.")
        W = parameters[f"W{l}"]
        if np.ndim(W) != 2:
            raise ValueError(f"{func}: W{l} must be 2-D (n[{l}], n[{l - 1}]), got shape {np.shape(W)}.")
        if prev is not None and W.shape[1] != prev:
            what = "X has" if l == 1 else f"W{l - 1} gives"
            hint = ""
            if l == 1:
                hint = " - one example per column: did you pass X.T, or forget to flatten the images?"
            raise ValueError(f"{func}: W{l} has shape {W.shape} but {what} {prev} features{hint}")
        prev = W.shape[0]
    return L


def L_model_forward(X, parameters, hidden_activation="relu", output_activation="sigmoid"):
    """[LINEAR->hidden]*(L-1) -> LINEAR->output. Returns ``(AL, caches)``."""
    func = "L_model_forward"
    X = check_array(func, "X", X, ndim=2, hint="X must be (n_x, m), one example per column.")
    L = check_parameters(func, parameters, n_x=X.shape[0])
    caches = []
    A = X
    for l in range(1, L + 1):
        act = hidden_activation if l < L else output_activation
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], act)
        caches.append(cache)
    return A, caches


def L_model_backward(dAL, caches, dZL=None):
    """Backprop through the caches of ``L_model_forward``.

    Give either ``dAL`` (gradient of the cost w.r.t. ``AL``) or ``dZL`` (w.r.t. the last
    linear output, e.g. ``(AL - Y) / m`` for sigmoid/softmax with cross-entropy, which is
    stable). Returns ``grads`` keyed like the parameters (``grads["W1"]`` is dJ/dW1); the
    input gradient is skipped.
    """
    func = "L_model_backward"
    if not caches:
        raise ValueError(f"{func}: caches is empty; pass the caches returned by L_model_forward.")
    L = len(caches)
    A_prev, W, _ = caches[-1].linear
    out_shape = (W.shape[0], A_prev.shape[1])
    if dAL is None and dZL is None:
        raise ValueError(f"{func}: give dAL or dZL (the gradient of the cost w.r.t. AL or ZL), "
                         f"e.g. dZL = (AL - Y) / m for a sigmoid or softmax output.")
    for name, d in (("dZL", dZL), ("dAL", dAL)):
        if d is not None and np.shape(d) != out_shape:
            hint = f" - did you pass {name}.T?" if np.shape(d) == out_shape[::-1] else ""
            raise ValueError(f"{func}: {name} has shape {np.shape(d)} but AL has shape {out_shape}; "
                             f"they must match{hint}")
    grads = {}
    if dZL is not None:
        dA_prev, dW, db = linear_backward(dZL, caches[-1].linear, need_dA_prev=L > 1)
    else:
        dA_prev, dW, db = linear_activation_backward(dAL, caches[-1], need_dA_prev=L > 1)
    grads[f"W{L}"], grads[f"b{L}"] = dW, db
    for l in range(L - 1, 0, -1):
        dA_prev, dW, db = linear_activation_backward(dA_prev, caches[l - 1], need_dA_prev=l > 1)
        grads[f"W{l}"], grads[f"b{l}"] = dW, db
    return grads

# -- layer for dl.Sequential -------------------------------------------------------------
# Layer protocol: see dlutils/nn/layer.py. Per-example input (n_in,) -> batch (n_in, m), or a
# sequence (n_in, T) -> batch (n_in, m, T): then the same W, b apply to every time step.
class Dense(Layer):
    """``A = g(W A_prev + b)`` with ``W`` of shape ``(n_out, n_in)``; ``activation=None`` is linear.

    On a sequence batch ``(n_in, m, T)`` it is applied to every step (output ``(n_out, m, T)``).
    Keys: ``W{k}``/``b{k}`` for the k-th Dense layer (``{prefix}_W`` inside a block).
    """
    kind = "Dense"

    def __init__(self, n_out, activation=None, initializer="he", trainable=True):
        super().__init__()
        if isinstance(n_out, bool) or not isinstance(n_out, (int, np.integer, float)) \
                or int(n_out) != n_out or n_out < 1:
            raise ValueError(f"Dense: n_out must be a positive int (number of units), got {n_out!r}.")
        if activation is not None:
            get_activation(activation, "Dense")
        self.n_out, self.activation, self.initializer = int(n_out), activation, initializer
        self.trainable = trainable

    def _in(self, in_shape):
        shape = (int(in_shape),) if np.ndim(in_shape) == 0 else tuple(in_shape)
        if len(shape) not in (1, 2):
            raise ValueError(
                f"Dense: expected per-example input (n,) or a sequence (n, T), got {shape}; conv "
                f"volumes (n_H, n_W, n_C) need dl.Flatten() or dl.GlobalAveragePooling2D() first.")
        return shape

    def output_shape(self, in_shape):
        return (self.n_out,) + self._in(in_shape)[1:]

    def count(self, in_shape):
        shape = self._in(in_shape)
        steps = shape[1] if len(shape) == 2 and shape[1] is not None else 1
        return shape[0] * self.n_out + self.n_out, self.output_shape(shape), shape[0] * self.n_out * steps

    def build(self, in_shape, index, rng):
        shape = self._in(in_shape)
        if isinstance(index, str):
            self.W, self.b = f"{index}_W", f"{index}_b"
        else:
            self.W, self.b = f"W{index}", f"b{index}"
        p = initialize_parameters([shape[0], self.n_out], self.initializer, rng)
        self.weight_keys, self.param_keys = [self.W], [self.W, self.b]
        out = self.output_shape(shape)
        return {self.W: p["W1"], self.b: p["b1"]}, (out[0] if np.ndim(in_shape) == 0 else out)

    def forward(self, A, params, model, training, logits=False):
        shape = A.shape
        A2 = A.reshape(shape[0], -1) if A.ndim != 2 else A      # every step is a column
        Z = params[self.W] @ A2 + params[self.b]
        if logits or self.activation is None:
            out, act = Z, None
        else:
            out, act = get_activation(self.activation)[0](Z)
        if A.ndim != 2:
            out = out.reshape((self.n_out,) + shape[1:])
        return out, (A2, act, shape)

    def backward(self, dout, cache, params, need_dA=True):
        A2, act, shape = cache  # act is None for a linear layer and for the logits of the last layer
        d2 = dout.reshape(dout.shape[0], -1) if dout.ndim != 2 else dout
        dZ = d2 if act is None else get_activation(self.activation)[1](d2, act)
        grads = {self.W: dZ @ A2.T, self.b: dZ.sum(axis=1, keepdims=True)}
        dA = None
        if need_dA:
            dA = params[self.W].T @ dZ
            if len(shape) != 2:
                dA = dA.reshape(shape)
        return dA, grads

    def describe(self):
        return f"Dense({self.n_out}, {self.activation or 'linear'})"
