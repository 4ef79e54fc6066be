"""Data augmentation for image batches, vectorized over the batch, every draw from ``rng``.

Layout: ``X`` is ``(m, n_H, n_W, n_C)``; every function returns a NEW array of the same layout
(``random_crop`` changes ``n_H, n_W`` to the crop size) and never modifies ``X``. Each example
gets its own random draw, all of them in one numpy operation (no Python loop over examples).

- ``random_flip(X, rng, keep_prob=0.5)``: mirror left-right with probability ``1 - keep_prob``
  (the lecture's "mirroring"; never up-down: an upside-down hand sign is another picture).
- ``random_shift(X, rng, max_shift=2)``: move each image by up to ``max_shift`` pixels in each
  direction, filling with zeros (or the edge pixels, ``fill="edge"``): pad, then crop at a
  random offset (the "random crops" of the lecture at the original size).
- ``random_crop(X, rng, size, pad=0)``: a random ``size x size`` window of each (padded) image.
- ``color_jitter(X, rng, brightness=0.1, contrast=0.1, channel_shift=0.05)``: per image
  ``x -> (x - mean) * (1 + c) + mean + b + s_channel`` with ``c``, ``b``, ``s`` uniform in
  ``[-contrast, contrast]``, ``[-brightness, brightness]``, ``[-channel_shift, channel_shift]``
  (the lecture's "colour shifting"), clipped to ``clip`` (default ``(0, 1)``, our pixel range).
- ``make_augment(...)`` composes them into ``fn(X_batch, rng) -> X_batch`` for
  ``model.fit(..., augment=fn)``, which calls it on every training mini-batch (never on the
  dev or test data).
Taught in: c4/02_cnn_application, c4/04 (augmentation narrows the train/test gap).
"""
import numpy as np

from ..nn.conv import check_conv_input
from ..validation import check_rng

__all__ = ["random_flip", "random_shift", "random_crop", "color_jitter", "make_augment"]


def _check(func, X, rng):
    check_rng(func, rng)
    return check_conv_input(func, X, "X")


def _amount(func, name, value, low=0.0, high=None):
    try:
        v = float(value)
    except (TypeError, ValueError):
        v = None
    if v is None or v < low or (high is not None and v > high) or not np.isfinite(v):
        rng_text = f"[{low}, {high}]" if high is not None else f">= {low}"
        raise ValueError(f"{func}: {name} must be a number in {rng_text}, got {value!r}.")
    return v


def _pixels(func, name, value, low=0):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer, float)) or int(value) != value \
            or value < low:
        raise ValueError(f"{func}: {name} must be a whole number of pixels >= {low}, got {value!r}.")
    return int(value)


def random_flip(X, rng, keep_prob=0.5):
    """Mirror each image left-right with probability ``1 - keep_prob``."""
    func = "random_flip"
    X = _check(func, X, rng)
    keep_prob = _amount(func, "keep_prob", keep_prob, 0.0, 1.0)
    flip = rng.random(X.shape[0]) >= keep_prob
    return np.where(flip[:, None, None, None], X[:, :, ::-1, :], X)


def _crop_at(X_pad, top, left, n_H, n_W):
    """Window ``n_H x n_W`` of every image ``i`` starting at ``(top[i], left[i])``, by fancy indexing."""
    m = X_pad.shape[0]
    rows = top[:, None] + np.arange(n_H)                  # (m, n_H)
    cols = left[:, None] + np.arange(n_W)                 # (m, n_W)
    return X_pad[np.arange(m)[:, None, None], rows[:, :, None], cols[:, None, :], :]


def random_shift(X, rng, max_shift=2, fill="zeros"):
    """Shift each image by a random ``(dy, dx)`` with ``|dy|, |dx| <= max_shift``; same size out."""
    func = "random_shift"
    X = _check(func, X, rng)
    s = _pixels(func, "max_shift", max_shift)
    if fill not in ("zeros", "edge"):
        raise ValueError(f"{func}: fill must be 'zeros' or 'edge', got {fill!r}.")
    if s == 0:
        return X.copy()
    m, n_H, n_W, _ = X.shape
    X_pad = np.pad(X, ((0, 0), (s, s), (s, s), (0, 0)), mode="constant" if fill == "zeros" else "edge")
    top = rng.integers(0, 2 * s + 1, m)
    left = rng.integers(0, 2 * s + 1, m)
    return _crop_at(X_pad, top, left, n_H, n_W)


def random_crop(X, rng, size, pad=0):
    """A random ``size x size`` window of each image (after ``pad`` zeros on every side)."""
    func = "random_crop"
    X = _check(func, X, rng)
    size, pad = _pixels(func, "size", size, 1), _pixels(func, "pad", pad)
    m, n_H, n_W, _ = X.shape
    if size > min(n_H, n_W) + 2 * pad:
        raise ValueError(f"{func}: size {size} is larger than the padded images ({n_H + 2 * pad}x"
                         f"{n_W + 2 * pad}); use a smaller size or more pad.")
    X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0))) if pad else X
    top = rng.integers(0, n_H + 2 * pad - size + 1, m)
    left = rng.integers(0, n_W + 2 * pad - size + 1, m)
    return _crop_at(X_pad, top, left, size, size)


def color_jitter(X, rng, brightness=0.1, contrast=0.1, channel_shift=0.05, clip=(0.0, 1.0)):
    """Random brightness offset, contrast scale and per-channel shift for every image."""
    func = "color_jitter"
    X = _check(func, X, rng)
    b = _amount(func, "brightness", brightness)
    c = _amount(func, "contrast", contrast, 0.0, 1.0)
    s = _amount(func, "channel_shift", channel_shift)
    m, n_C = X.shape[0], X.shape[3]
    mean = X.mean(axis=(1, 2, 3), keepdims=True)
    scale = 1.0 + rng.uniform(-c, c, (m, 1, 1, 1))
    offset = rng.uniform(-b, b, (m, 1, 1, 1)) + rng.uniform(-s, s, (m, 1, 1, n_C))
    out = (X - mean) * scale + mean + offset
    if clip is not None:
        lo, hi = clip
        out = np.clip(out, lo, hi)
    return out


def make_augment(flip=True, max_shift=2, brightness=0.0, contrast=0.0, channel_shift=0.0,
                 clip=(0.0, 1.0)):
    """``fn(X_batch, rng) -> X_batch``: flips, shifts and colour jitter, for ``fit(..., augment=fn)``."""
    func = "make_augment"
    max_shift = _pixels(func, "max_shift", max_shift)
    for name, v in (("brightness", brightness), ("contrast", contrast), ("channel_shift", channel_shift)):
        _amount(func, name, v)
    jitter = brightness or contrast or channel_shift

    def augment(X, rng):
        if flip:
            X = random_flip(X, rng)
        if max_shift:
            X = random_shift(X, rng, max_shift)
        if jitter:
            X = color_jitter(X, rng, brightness, contrast, channel_shift, clip)
        return X

    augment.settings = {"flip": flip, "max_shift": max_shift, "brightness": brightness,
                        "contrast": contrast, "channel_shift": channel_shift}
    return augment
