"""Batch normalization of a dense layer's ``Z``, training and inference modes.

API (stable; the notebooks use these names)::

    bn_param = dl.batchnorm_param(n, momentum=0.9, epsilon=1e-5)   # running mean/var + settings
    out, cache = dl.batchnorm_forward(Z, gamma, beta, bn_param, mode="train")   # or mode="test"
    dZ, dgamma, dbeta = dl.batchnorm_backward(dout, cache)

Layout: ``Z`` is ``(n[l], m)``, one example per column; the statistics are per unit (row),
over the ``m`` examples of the mini-batch; ``gamma`` and ``beta`` are ``(n[l], 1)``.

Training (``mode="train"``), the lecture's equations::

    mu = 1/m sum_i z(i)                 sigma^2 = 1/m sum_i (z(i) - mu)^2
    z_norm = (z - mu) / sqrt(sigma^2 + epsilon)
    z_tilde = gamma * z_norm + beta

and, when ``bn_param`` is given, the running averages used at test time are updated in place
(an exponentially weighted average, as in the lecture)::

    running_mean = momentum * running_mean + (1 - momentum) * mu
    running_var  = momentum * running_var  + (1 - momentum) * sigma^2

Inference (``mode="test"``) uses ``running_mean``/``running_var`` instead of batch statistics,
so a prediction for one example does not depend on the other examples: deterministic.

Backward (training mode), with ``dZn = dout * gamma``::

    dZ = 1/m * 1/sqrt(sigma^2 + eps) * (m dZn - sum(dZn) - z_norm * sum(dZn * z_norm))
    dgamma = sum(dout * z_norm),  dbeta = sum(dout)          (sums over the m examples)

Inside ``dl.DeepNet(..., batchnorm=True)`` each hidden layer computes
``Z = W A_prev`` (no ``b``: the mean subtraction cancels it, ``beta`` takes its role), then BN,
then the activation. Taught in: c2/06_batch_normalization.
"""
from typing import NamedTuple

import numpy as np

from ..validation import check_array
from .layer import Layer

__all__ = ["batchnorm_param", "batchnorm_forward", "batchnorm_backward", "BatchNormCache", "BatchNorm"]


class BatchNormCache(NamedTuple):
    Z_norm: np.ndarray     # normalized Z, (n, m)
    gamma: np.ndarray      # (n, 1)
    inv_std: np.ndarray    # 1 / sqrt(var + eps), (n, 1)
    mode: str              # 'train' (batch statistics) or 'test' (running statistics)


def batchnorm_param(n, momentum=0.9, epsilon=1e-5):
    """Fresh state for one BN layer of ``n`` units: running mean 0, running variance 1."""
    if int(n) != n or n < 1:
        raise ValueError(f"batchnorm_param: n must be the positive number of units, got {n!r}.")
    if not 0 <= momentum < 1:
        raise ValueError(f"batchnorm_param: momentum must lie in [0, 1), got {momentum!r}; "
                         f"0.9 averages over about the last 10 mini-batches.")
    if not epsilon > 0:
        raise ValueError(f"batchnorm_param: epsilon must be > 0 (it keeps the division safe), got {epsilon!r}.")
    return {"running_mean": np.zeros((int(n), 1)), "running_var": np.ones((int(n), 1)),
            "momentum": float(momentum), "epsilon": float(epsilon)}


def _check(func, Z, gamma, beta):
    Z = check_array(func, "Z", Z, ndim=2, finite=False,
                    hint="Batch norm of a dense layer takes Z of shape (n[l], m), one example per column.")
    n = Z.shape[0]
    gamma = check_array(func, "gamma", gamma, finite=False)
    beta = check_array(func, "beta", beta, finite=False)
    for name, p in (("gamma", gamma), ("beta", beta)):
        if p.shape != (n, 1):
            hint = f" - make it a column with {name}.reshape(-1, 1)" if p.size == n else ""
            raise ValueError(f"{func}: {name} has shape {p.shape}, expected ({n}, 1) for Z of shape "
                             f"{Z.shape} (one value per unit){hint}.")
    return Z, gamma, beta


def batchnorm_forward(Z, gamma, beta, bn_param=None, mode="train", epsilon=None):
    """Normalize each row of ``Z`` and scale/shift it. Returns ``(out, BatchNormCache)``.

    ``bn_param`` (from ``batchnorm_param``) holds the running averages: updated in place in
    training mode, required in test mode. ``epsilon`` defaults to ``bn_param['epsilon']`` or 1e-5.
    """
    func = "batchnorm_forward"
    Z, gamma, beta = _check(func, Z, gamma, beta)
    if mode not in ("train", "test"):
        raise ValueError(f"{func}: mode must be 'train' (batch statistics) or 'test' (running "
                         f"averages), got {mode!r}.")
    if bn_param is not None:
        for key in ("running_mean", "running_var"):
            if key not in bn_param or np.shape(bn_param[key]) != (Z.shape[0], 1):
                raise ValueError(f"{func}: bn_param[{key!r}] must have shape ({Z.shape[0]}, 1); "
                                 f"make the state with dl.batchnorm_param({Z.shape[0]}).")
    eps = epsilon if epsilon is not None else (bn_param or {}).get("epsilon", 1e-5)
    if mode == "train":
        m = Z.shape[1]
        if m < 2:
            raise ValueError(f"{func}: training mode needs a batch of at least 2 examples to estimate "
                             f"a variance, got m = {m}; use mode='test' for single examples.")
        mu = Z.mean(axis=1, keepdims=True)
        Zc = Z - mu
        var = np.mean(Zc * Zc, axis=1, keepdims=True)
        if bn_param is not None:
            mom = bn_param.get("momentum", 0.9)
            bn_param["running_mean"] *= mom
            bn_param["running_mean"] += (1 - mom) * mu
            bn_param["running_var"] *= mom
            bn_param["running_var"] += (1 - mom) * var
    else:
        if bn_param is None:
            raise ValueError(f"{func}: mode='test' needs bn_param with the running averages "
                             f"collected during training.")
        Zc = Z - bn_param["running_mean"]
        var = bn_param["running_var"]
    inv_std = 1.0 / np.sqrt(var + eps)
    Z_norm = Zc * inv_std
    return gamma * Z_norm + beta, BatchNormCache(Z_norm, gamma, inv_std, mode)


def batchnorm_backward(dout, cache):
    """Return ``(dZ, dgamma, dbeta)``; see the module docstring for the formula."""
    Z_norm, gamma, inv_std, mode = cache
    dgamma = np.sum(dout * Z_norm, axis=1, keepdims=True)
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dZn = dout * gamma
    if mode == "test":  # the statistics are constants
        return dZn * inv_std, dgamma, dbeta
    m = dout.shape[1]
    dZ = (inv_std / m) * (m * dZn - dZn.sum(axis=1, keepdims=True)
                          - Z_norm * np.sum(dZn * Z_norm, axis=1, keepdims=True))
    return dZ, dgamma, dbeta

# -- layer for dl.Sequential -------------------------------------------------------------
# Layer protocol: see dlutils/nn/layer.py.
class BatchNorm(Layer):
    """Batch norm with learnable ``gamma``/``beta``, one pair per unit or channel.

    - dense ``(n, m)``: statistics per unit over the ``m`` examples (the lecture's BN on ``Z``);
    - conv ``(m, n_H, n_W, n_C)``: per CHANNEL over ``m``, ``n_H`` and ``n_W`` (every position
      of a feature map shares its filter, so it shares the normalization);
    - sequences ``(n, m, T)``: per unit over ``m`` and ``T``.

    ``gamma``/``beta`` are ``(n_C, 1)`` columns either way, so the maths is ``batchnorm_forward``
    on the volume viewed as ``(n_C, m n_H n_W)``. Running averages live in
    ``model.bn_state[key]`` (``states()``). A frozen layer (``trainable=False``) normalizes with
    its running averages, as frameworks do when fine-tuning.
    """
    kind = "BatchNorm"

    def __init__(self, momentum=0.9, epsilon=1e-5, trainable=True):
        super().__init__()
        batchnorm_param(1, momentum, epsilon)    # validates the settings
        self.momentum, self.epsilon, self.trainable = momentum, epsilon, trainable

    @staticmethod
    def _units(in_shape):
        shape = (int(in_shape),) if np.ndim(in_shape) == 0 else tuple(in_shape)
        if len(shape) not in (1, 2, 3):
            raise ValueError(f"BatchNorm: expected a per-example shape (n,), (n, T) or (n_H, n_W, n_C), "
                             f"got {shape}.")
        return shape, shape[-1] if len(shape) == 3 else shape[0]

    def count(self, in_shape):
        shape, n = self._units(in_shape)
        return 2 * n, shape, 0

    def build(self, in_shape, index, rng):
        shape, n = self._units(in_shape)
        if isinstance(index, str):
            self.gamma, self.beta = f"{index}_gamma", f"{index}_beta"
        else:
            self.gamma, self.beta = f"gamma{index}", f"beta{index}"
        self.index, self.n, self.ndim = index, n, len(shape)
        self.weight_keys, self.param_keys = [], [self.gamma, self.beta]
        return {self.gamma: np.ones((n, 1)), self.beta: np.zeros((n, 1))}, \
            (shape[0] if np.ndim(in_shape) == 0 else shape)

    def states(self):
        return {self.index: batchnorm_param(self.n, self.momentum, self.epsilon)}

    def forward(self, A, params, model, training):
        state = model.bn_state[self.index]
        mode = "train" if training and self.trainable else "test"
        if A.ndim == 2:
            return batchnorm_forward(A, params[self.gamma], params[self.beta], state, mode=mode)
        if A.ndim == 4:       # channels last: rows of the (m n_H n_W, n_C) view are positions
            Z = A.reshape(-1, A.shape[3]).T
        else:                 # (n, m, T): every step is a column
            Z = A.reshape(A.shape[0], -1)
        out, cache = batchnorm_forward(Z, params[self.gamma], params[self.beta], state, mode=mode)
        out = out.T.reshape(A.shape) if A.ndim == 4 else out.reshape(A.shape)
        return out, (cache, A.shape)

    def backward(self, dout, cache, params, need_dA=True):
        if isinstance(cache, BatchNormCache):
            dZ, dg, db = batchnorm_backward(dout, cache)
            return dZ, {self.gamma: dg, self.beta: db}
        cache, shape = cache
        d2 = dout.reshape(-1, shape[3]).T if len(shape) == 4 else dout.reshape(shape[0], -1)
        dZ, dg, db = batchnorm_backward(d2, cache)
        dA = dZ.T.reshape(shape) if len(shape) == 4 else dZ.reshape(shape)
        return dA, {self.gamma: dg, self.beta: db}

    def describe(self):
        return "BatchNorm()"
