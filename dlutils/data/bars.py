"""Oriented bars: a tiny synthetic image task for experiments that must train in seconds.

``X, Y = dl.make_bars(rng, m, size=8, noise=0.3)`` gives ``X`` of shape ``(m, size, size, 1)``
(Gaussian noise of std ``noise`` plus one bright 3-pixel bar at a random position) and labels
``Y`` of shape ``(1, m)``: 0 horizontal, 1 vertical, 2 diagonal, 3 anti-diagonal. A two-layer
conv net learns it in a few dozen Adam steps, so depth (not the task) decides how hard
training is: c4/03 uses it to compare plain and residual nets of growing depth.
Layout: images ``(m, n_H, n_W, n_C)``. Taught in: c4/03_classic_networks_and_resnets.
"""
import numpy as np

from ..validation import check_rng

__all__ = ["make_bars", "BAR_CLASSES"]

BAR_CLASSES = ("horizontal", "vertical", "diagonal", "anti-diagonal")
_OFFSETS = (((0, -1), (0, 0), (0, 1)), ((-1, 0), (0, 0), (1, 0)),
            ((-1, -1), (0, 0), (1, 1)), ((-1, 1), (0, 0), (1, -1)))


def make_bars(rng, m, size=8, noise=0.3):
    """``(X (m, size, size, 1), Y (1, m))``: one bar per image, class = its orientation."""
    func = "make_bars"
    check_rng(func, rng)
    for name, v, low in (("m", m, 1), ("size", size, 3)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < low:
            raise ValueError(f"{func}: {name} must be an int >= {low}, got {v!r}.")
    if not (isinstance(noise, (int, float)) and noise >= 0):
        raise ValueError(f"{func}: noise must be a number >= 0 (the std of the background), got {noise!r}.")
    y = rng.integers(0, 4, m)
    X = noise * rng.standard_normal((m, size, size, 1))
    r, c = rng.integers(1, size - 1, m), rng.integers(1, size - 1, m)
    offsets = np.array(_OFFSETS)[y]                      # (m, 3, 2)
    rows, cols = r[:, None] + offsets[:, :, 0], c[:, None] + offsets[:, :, 1]
    X[np.arange(m)[:, None], rows, cols, 0] += 1.0
    return X, y.reshape(1, -1)
