"""Exponentially weighted averages with and without bias correction (the idea behind momentum and Adam).

Layout: a 1-D series of values. Taught in: c2/04_optimization.
"""
import numpy as np

from ..validation import check_array

__all__ = ["ewma"]


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
