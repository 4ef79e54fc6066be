"""Synthetic sequence tasks for Course 5: the memory (recall) task.

Layout: ``X`` is ``(n_x, m, T_x)`` (one-hot symbols per step), ``Y`` is ``(n_symbols, m, T_x)``
(one-hot target at every step), as the recurrent layers and ``dl.Sequential`` take them.

The memory task: at every step a random symbol out of ``n_symbols`` arrives (one-hot, in the
same channels at every step; from step 1 on with Gaussian noise of std ``noise`` added to those
channels); an extra "remember" channel is 1 at step 0 only. The target at every step is the
symbol of step 0, so after ``T_x`` steps the net must still recall what it saw ``T_x - 1`` steps
earlier while ``T_x - 1`` noisy distractors went through the same inputs: a cell must learn to
shut its input out (a gate) rather than let every step push its state around. Accuracy
is measured at the last step (chance = 1 / n_symbols). The per-step target gives gradient from
every distance, short ones first - the net still has to carry the symbol across all of them.
Taught in: c5_sequence_models/01_rnn_step_by_step.
"""
import numpy as np

from ..validation import check_rng

__all__ = ["memory_task"]


def memory_task(T_x, m, rng, n_symbols=8, noise=1.0):
    """``(X, Y)``: ``X (n_symbols + 1, m, T_x)``, ``Y (n_symbols, m, T_x)`` (see the module docstring)."""
    func = "memory_task"
    check_rng(func, rng)
    for name, v, low in (("T_x", T_x, 1), ("m", m, 1), ("n_symbols", n_symbols, 2)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < low:
            raise ValueError(f"{func}: {name} must be an int >= {low}, got {v!r}.")
    K = int(n_symbols)
    sym = rng.integers(0, K, size=(m, T_x))
    X = np.zeros((K + 1, m, T_x))
    X[sym, np.arange(m)[:, None], np.arange(T_x)[None, :]] = 1.0
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"{func}: noise must be a number >= 0 (std of the distractor noise), got {noise!r}.")
    if noise and T_x > 1:
        X[:K, :, 1:] += noise * rng.standard_normal((K, m, T_x - 1))
    X[K, :, 0] = 1.0
    Y = np.zeros((K, m, T_x))
    Y[sym[:, 0], np.arange(m), :] = 1.0
    return X, Y
