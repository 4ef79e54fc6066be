"""Optimizers as small update rules with per-parameter state.

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

from ..validation import check_positive

__all__ = ["gd", "momentum", "rmsprop", "adam", "OPTIMIZERS", "make_optimizer_configs"]

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
