"""Layers for the compact model API (``dl.Sequential``): Dense, Activation, Dropout, BatchNorm.

Each layer object is built by ``Sequential`` (``build(n_in, index, rng) -> (params, n_out)``
names its parameters like the course: the k-th Dense owns ``Wk``/``bk``, the k-th BatchNorm
``gammak``/``betak``) and then follows the layer contract on the model's ``params`` dict:
``forward(A, params, model, training) -> (out, cache)`` and
``backward(dout, cache, params, need_dA) -> (dA, grads)``.

- ``Dense(n_out, activation=None, initializer="he")``: ``A = g(W A_prev + b)``;
- ``Activation(name)``: an activation on its own (e.g. after a BatchNorm);
- ``Dropout(keep_prob)``: inverted dropout in training passes only (masks from ``model.rng``);
- ``BatchNorm(momentum=0.9, epsilon=1e-5)``: batch statistics in training passes, the running
  averages in ``model.bn_state[k]`` for predictions.

Layout: activations ``(n, m)``, one example per column. Taught in: c2/07_softmax_and_compact_api.
"""
import numpy as np

from .activations import get_activation
from .batchnorm import batchnorm_forward, batchnorm_backward
from .initializers import initialize_parameters
from .regularization import dropout_forward, dropout_backward
from .validation import check_probability

__all__ = ["Dense", "Activation", "Dropout", "BatchNorm"]


# -- layers --------------------------------------------------------------------------------
class Dense:
    """``A = g(W A_prev + b)`` with ``W`` of shape ``(n_out, n_in)``; ``activation=None`` is linear."""
    kind = "Dense"

    def __init__(self, n_out, activation=None, initializer="he"):
        if int(n_out) != n_out or n_out < 1:
            raise ValueError(f"Dense: n_out must be a positive int (number of units), got {n_out!r}.")
        if activation is not None:
            get_activation(activation, "Dense")
        self.n_out, self.activation, self.initializer = int(n_out), activation, initializer

    def build(self, n_in, index, rng):
        self.W, self.b = f"W{index}", f"b{index}"
        p = initialize_parameters([n_in, self.n_out], self.initializer, rng)
        return {self.W: p["W1"], self.b: p["b1"]}, self.n_out

    def forward(self, A, params, model, training, logits=False):
        Z = params[self.W] @ A + params[self.b]
        if logits or self.activation is None:
            return Z, (A, None)
        out, act = get_activation(self.activation)[0](Z)
        return out, (A, act)

    def backward(self, dout, cache, params, need_dA=True):
        A, act = cache   # act is None for a linear layer and for the logits of the last layer
        dZ = dout if act is None else get_activation(self.activation)[1](dout, act)
        grads = {self.W: dZ @ A.T, self.b: dZ.sum(axis=1, keepdims=True)}
        return (params[self.W].T @ dZ if need_dA else None), grads

    def describe(self):
        return f"Dense({self.n_out}, {self.activation or 'linear'})"


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


class Dropout:
    """Inverted dropout with ``keep_prob`` (probability of keeping a unit); off at inference."""
    kind = "Dropout"

    def __init__(self, keep_prob):
        self.keep_prob = check_probability("Dropout", "keep_prob", keep_prob)

    def build(self, n_in, index, rng):
        return {}, n_in

    def forward(self, A, params, model, training):
        if not training or self.keep_prob == 1.0:
            return A, (None, 1.0)
        return dropout_forward(A, self.keep_prob, model.rng)

    def backward(self, dout, cache, params, need_dA=True):
        return dropout_backward(dout, cache), {}

    def describe(self):
        return f"Dropout(keep_prob={self.keep_prob:g})"


class BatchNorm:
    """Batch norm over the examples of each unit, learnable ``gamma``/``beta``."""
    kind = "BatchNorm"

    def __init__(self, momentum=0.9, epsilon=1e-5):
        self.momentum, self.epsilon = momentum, epsilon

    def build(self, n_in, index, rng):
        self.gamma, self.beta, self.index = f"gamma{index}", f"beta{index}", index
        self.n = n_in
        return {self.gamma: np.ones((n_in, 1)), self.beta: np.zeros((n_in, 1))}, n_in

    def forward(self, A, params, model, training):
        state = model.bn_state[self.index]
        return batchnorm_forward(A, params[self.gamma], params[self.beta], state,
                                 mode="train" if training else "test")

    def backward(self, dout, cache, params, need_dA=True):
        dZ, dg, db = batchnorm_backward(dout, cache)
        return dZ, {self.gamma: dg, self.beta: db}

    def describe(self):
        return "BatchNorm()"
