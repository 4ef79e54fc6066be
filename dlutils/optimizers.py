"""Optimizers as small update rules with per-parameter state, plus mini-batches and schedules.

Every rule has the signature ``update(w, dw, config) -> (w, config)``: ``config`` is the
per-parameter dict holding hyperparameters and state (``v`` for momentum, ``s`` for RMSprop,
both plus the step counter ``t`` for Adam). Parameters are updated in place (safe: the
training loop owns them) and returned.

    momentum: v = beta v + (1 - beta) dW;                      W -= lr v
    RMSprop:  s = beta2 s + (1 - beta2) dW^2;                  W -= lr dW / (sqrt(s) + eps)
    Adam:     v, s as above (beta1, beta2); t += 1
              v_hat = v / (1 - beta1^t), s_hat = s / (1 - beta2^t)   (bias correction)
              W -= lr v_hat / (sqrt(s_hat) + eps)

Layout: any array shape. Taught in: c2/04_optimization.
"""
import math

import numpy as np

from .validation import check_array, check_positive, check_rng

__all__ = [
    "gd", "momentum", "rmsprop", "adam", "OPTIMIZERS", "make_optimizer_configs",
    "random_mini_batches", "inverse_time_decay", "step_decay", "ewma",
]

DEFAULTS = {
    "gd": {},
    "momentum": {"beta": 0.9},
    "rmsprop": {"beta2": 0.999, "epsilon": 1e-8},
    "adam": {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
}


def gd(w, dw, config):
    """Plain (mini-batch) gradient descent: ``w -= learning_rate * dw``."""
    w -= config["learning_rate"] * dw
    return w, config


def momentum(w, dw, config):
    beta = config.get("beta", 0.9)
    v = config.get("v")
    if v is None:
        v = config["v"] = np.zeros_like(w)
    v *= beta
    v += (1 - beta) * dw
    w -= config["learning_rate"] * v
    return w, config


def rmsprop(w, dw, config):
    beta2, eps = config.get("beta2", 0.999), config.get("epsilon", 1e-8)
    s = config.get("s")
    if s is None:
        s = config["s"] = np.zeros_like(w)
    s *= beta2
    s += (1 - beta2) * dw * dw
    w -= config["learning_rate"] * dw / (np.sqrt(s) + eps)
    return w, config


def adam(w, dw, config):
    beta1, beta2 = config.get("beta1", 0.9), config.get("beta2", 0.999)
    eps = config.get("epsilon", 1e-8)
    if config.get("v") is None:
        config["v"], config["s"], config["t"] = np.zeros_like(w), np.zeros_like(w), 0
    v, s = config["v"], config["s"]
    config["t"] += 1
    t = config["t"]
    v *= beta1
    v += (1 - beta1) * dw
    s *= beta2
    s += (1 - beta2) * dw * dw
    # fold both bias corrections into one step size: lr * sqrt(1-b2^t) / (1-b1^t)
    lr_t = config["learning_rate"] * math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
    eps_t = eps * math.sqrt(1 - beta2 ** t)
    w -= lr_t * v / (np.sqrt(s) + eps_t)
    return w, config


OPTIMIZERS = {"gd": gd, "momentum": momentum, "rmsprop": rmsprop, "adam": adam}


def make_optimizer_configs(parameters, optimizer="gd", learning_rate=0.01, **hyper):
    """One fresh config dict per parameter: ``{"W1": {"learning_rate": .., "beta1": ..}, ...}``."""
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"make_optimizer_configs: unknown optimizer {optimizer!r}; choose one of "
                         f"{sorted(OPTIMIZERS)}.")
    check_positive("make_optimizer_configs", "learning_rate", learning_rate)
    unknown = set(hyper) - set(DEFAULTS[optimizer])
    if unknown:
        raise ValueError(f"make_optimizer_configs: {optimizer} takes {sorted(DEFAULTS[optimizer]) or 'no'} "
                         f"hyperparameters besides learning_rate, got {sorted(unknown)}.")
    base = {**DEFAULTS[optimizer], **hyper, "learning_rate": float(learning_rate)}
    for name in ("beta", "beta1", "beta2"):
        if name in base:
            v = check_positive("make_optimizer_configs", name, base[name], allow_zero=True)
            if not 0 <= v < 1:
                raise ValueError(f"make_optimizer_configs: {name} must lie in [0, 1), got {base[name]!r}.")
    if "epsilon" in base:
        check_positive("make_optimizer_configs", "epsilon", base["epsilon"])
    return {k: dict(base) for k in parameters}


def random_mini_batches(X, Y, mini_batch_size=64, rng=None):
    """Shuffle the columns of ``X``/``Y`` together, then cut them into batches.

    Returns a list of ``(X_batch, Y_batch)``; every batch has ``mini_batch_size`` columns
    except possibly the last, which holds the remainder ``m % mini_batch_size``.
    """
    func = "random_mini_batches"
    X = check_array(func, "X", X, ndim=2, finite=False)
    Y = check_array(func, "Y", Y, ndim=2, finite=False)
    if X.shape[1] != Y.shape[1]:
        raise ValueError(f"{func}: X has {X.shape[1]} examples (columns) but Y has {Y.shape[1]}; "
                         f"both are (n, m) with one example per column.")
    if int(mini_batch_size) != mini_batch_size or mini_batch_size < 1:
        raise ValueError(f"{func}: mini_batch_size must be a positive int, got {mini_batch_size!r}.")
    check_rng(func, rng)
    m = X.shape[1]
    perm = rng.permutation(m)
    Xs, Ys = X[:, perm], Y[:, perm]
    size = int(mini_batch_size)
    return [(Xs[:, k:k + size], Ys[:, k:k + size]) for k in range(0, m, size)]


def _check_count(func, name, value, allow_zero=False):
    try:
        ok = int(value) == value and (int(value) >= 0 if allow_zero else int(value) > 0)
    except (TypeError, ValueError):
        ok = False
    if not ok:
        need = "an int >= 0" if allow_zero else "a positive int"
        raise ValueError(f"{func}: {name} must be {need}, got {value!r}.")
    return int(value)


def inverse_time_decay(learning_rate0, epoch, decay_rate, time_interval=1):
    """``lr0 / (1 + decay_rate * floor(epoch / time_interval))``.

    ``time_interval=1`` is the lecture's ``lr0 / (1 + decay_rate * epoch)``; a larger interval
    gives the stepwise schedule (the rate drops only every ``time_interval`` epochs).
    """
    check_positive("inverse_time_decay", "learning_rate0", learning_rate0)
    check_positive("inverse_time_decay", "decay_rate", decay_rate, allow_zero=True)
    _check_count("inverse_time_decay", "epoch", epoch, allow_zero=True)
    _check_count("inverse_time_decay", "time_interval", time_interval)
    return learning_rate0 / (1.0 + decay_rate * (epoch // time_interval))


def step_decay(learning_rate0, epoch, drop=0.5, epochs_per_drop=10):
    """Piecewise constant: multiply by ``drop`` every ``epochs_per_drop`` epochs."""
    check_positive("step_decay", "learning_rate0", learning_rate0)
    _check_count("step_decay", "epoch", epoch, allow_zero=True)
    _check_count("step_decay", "epochs_per_drop", epochs_per_drop)
    if not 0 < check_positive("step_decay", "drop", drop) <= 1:
        raise ValueError(f"step_decay: drop must lie in (0, 1], got {drop!r}; it multiplies the "
                         f"learning rate every epochs_per_drop epochs.")
    return learning_rate0 * drop ** (epoch // epochs_per_drop)


def ewma(values, beta=0.9, bias_correction=True):
    """Exponentially weighted average ``v_t = beta v_{t-1} + (1 - beta) theta_t``, ``v_0 = 0``.

    With ``bias_correction`` returns ``v_t / (1 - beta^t)``, which removes the start-up
    bias toward 0. Returns an array the length of ``values``.
    """
    values = check_array("ewma", "values", values, ndim=1)
    if not 0 <= beta < 1:
        raise ValueError(f"ewma: beta must lie in [0, 1), got {beta!r}; it averages over about "
                         f"1/(1-beta) values.")
    out = np.empty_like(values, dtype=float)
    v = 0.0
    for t, theta in enumerate(values, start=1):
        v = beta * v + (1 - beta) * theta
        out[t - 1] = v / (1 - beta ** t) if bias_correction else v
    return out
