"""Gradient clipping: by value (the course's, elementwise) and by global norm.

Layout: a gradient dict as the models return it (``{"dWaa": ..., "dWax": ..., ...}`` or
``{"lstm1_Wf": ...}``); both functions change the arrays IN PLACE and return the dict, so
``clip(gradients, 5)`` is enough before the update. Exploding gradients in recurrent nets
(products of many Jacobians ``Waa^T diag(1 - a^2)``) are what clipping guards against:

- ``clip(gradients, max_value)``: every entry into ``[-max_value, max_value]`` (the course's
  ``clip``; it can change the gradient's direction).
- ``clip_by_global_norm(gradients, max_norm)``: if ``||g|| = sqrt(sum of all squares) > max_norm``
  every array is scaled by ``max_norm / ||g||`` (keeps the direction). Returns the dict and the
  norm before clipping.

Taught in: c5_sequence_models/01_rnn_step_by_step and 02 (the character-level language model).
"""
import numpy as np

__all__ = ["clip", "clip_by_global_norm", "global_norm"]


def _check(func, gradients, name, value):
    if not isinstance(gradients, dict) or not gradients:
        raise ValueError(f"{func}: gradients must be a non-empty dict of arrays (the grads a "
                         f"backward pass returns), got {type(gradients).__name__}.")
    for k, g in gradients.items():
        if not isinstance(g, np.ndarray) or g.dtype.kind != "f":
            raise ValueError(f"{func}: gradients[{k!r}] must be a float numpy array (clipping works "
                             f"in place), got {type(g).__name__}; convert with np.asarray(g, float).")
    try:
        v = float(value)
    except (TypeError, ValueError):
        v = float("nan")
    if not np.isfinite(v) or v <= 0:
        raise ValueError(f"{func}: {name} must be a positive number (the course clips at 5), got {value!r}.")
    return v


def clip(gradients, max_value):
    """Clip every gradient entry to ``[-max_value, max_value]`` in place; returns ``gradients``."""
    v = _check("clip", gradients, "max_value", max_value)
    for g in gradients.values():
        np.clip(g, -v, v, out=g)
    return gradients


def global_norm(gradients):
    """``sqrt(sum over all arrays of sum(g ** 2))``."""
    return float(np.sqrt(sum(float(np.vdot(g, g)) for g in gradients.values())))


def clip_by_global_norm(gradients, max_norm):
    """Scale all gradients in place so their global norm is at most ``max_norm``.

    Returns ``(gradients, norm_before)``; a non-finite norm is left for the caller to report.
    """
    v = _check("clip_by_global_norm", gradients, "max_norm", max_norm)
    norm = global_norm(gradients)
    if np.isfinite(norm) and norm > v:
        scale = v / norm
        for g in gradients.values():
            g *= scale
    return gradients, norm
