"""Course 3 data: synthetic tasks whose truth is known, built from an explicit ``rng``.

- ``make_noisy_task``: 2-D points labelled by a known wavy rule, then each label flipped with
  probability ``label_noise``. The rule itself is the Bayes classifier, so the Bayes error is
  exactly ``label_noise`` (for ``label_noise < 0.5``).
- ``simulate_annotator``: a "human" who applies the true rule to what they perceive (the point
  plus Gaussian perception noise); a better expert has less perception noise.
- ``make_shapes``: small grey images of a square (label 0) or a disc (label 1); hidden causes
  (blur, darkness, occlusion, mislabeled) are injected at known rates and returned with the data.
- ``add_fog``: a second image distribution (smooth random fog, lower contrast) for mismatch
  experiments; ``fog_bank`` makes a small, fixed set of fog textures (the risky synthesis).
- ``make_teacher_tasks``: several binary tasks that share the hidden features of one random
  "teacher" net (transfer and multi-task learning).
- ``make_pipeline_task``: a label that depends on a product of two inputs plus a term a
  hand-designed pipeline leaves out (end-to-end vs pipeline).

Layout: ``X`` is ``(n_x, m)``, one example per column; images are flattened to
``(size * size, m)`` in ``[0, 1]``; labels are ``(1, m)`` (or ``(n_tasks, m)``) int 0/1.
Taught in: c3/01-04.
"""
import numpy as np

from ..validation import check_rng, check_probability

__all__ = ["wave_rule", "make_noisy_task", "simulate_annotator", "CAUSES", "make_shapes",
           "blur_images", "fog_bank", "add_fog", "make_teacher_tasks", "make_pipeline_task"]

CAUSES = ("blur", "dark", "occluded", "mislabeled")


def _m(func, m, low=1):
    if int(m) != m or m < low:
        raise ValueError(f"{func}: m must be an int >= {low} (number of examples), got {m!r}.")
    return int(m)


def wave_rule(X):
    """The true rule of ``make_noisy_task``: label 1 above the wave ``x2 = sin(2 x1) * 0.8``."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] != 2:
        raise ValueError(f"wave_rule: X must be (2, m) points, got shape {X.shape}.")
    return (X[1] > 0.8 * np.sin(2.0 * X[0])).astype(np.int64).reshape(1, -1)


def make_noisy_task(rng, m=500, label_noise=0.1):
    """``(X, Y, Y_clean)``: points uniform in ``[-2, 2]^2``, clean labels from ``wave_rule``, each
    label flipped with probability ``label_noise``. The Bayes error is exactly ``label_noise``."""
    func = "make_noisy_task"
    check_rng(func, rng)
    m = _m(func, m)
    noise = check_probability(func, "label_noise", label_noise, allow_zero=True)
    if noise >= 0.5:
        raise ValueError(f"{func}: label_noise must be below 0.5 (at 0.5 the labels carry no "
                         f"information), got {label_noise!r}.")
    X = rng.uniform(-2.0, 2.0, size=(2, m))
    Y_clean = wave_rule(X)
    flip = rng.random((1, m)) < noise
    return X, np.where(flip, 1 - Y_clean, Y_clean), Y_clean


def simulate_annotator(rng, X, perception_noise):
    """Labels a 'human' gives: the true rule applied to ``X + N(0, perception_noise^2)``."""
    check_rng("simulate_annotator", rng)
    if perception_noise < 0:
        raise ValueError(f"simulate_annotator: perception_noise must be >= 0, got {perception_noise!r}.")
    X = np.asarray(X, dtype=float)
    return wave_rule(X + perception_noise * rng.standard_normal(X.shape))


# --------------------------------------------------------------------------- images
def _grid(size):
    ii, jj = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    return ii[None].astype(float), jj[None].astype(float)


def _render(rng, labels, size):
    m = labels.size
    ii, jj = _grid(size)
    c = size / 2 - 0.5
    cy = (c + rng.uniform(-1.0, 1.0, m))[:, None, None]
    cx = (c + rng.uniform(-1.0, 1.0, m))[:, None, None]
    r = (size / 16 * rng.uniform(3.5, 5.0, m))[:, None, None]
    disc = (ii - cy) ** 2 + (jj - cx) ** 2 <= r ** 2
    half = 0.886 * r                               # square of the same area as the disc
    square = (np.abs(ii - cy) <= half) & (np.abs(jj - cx) <= half)
    shape = np.where(labels.reshape(-1, 1, 1) == 1, disc, square)
    level = rng.uniform(0.7, 0.9, m)[:, None, None]
    imgs = 0.1 + level * shape + 0.04 * rng.standard_normal((m, size, size))
    return imgs, (cy, cx, r)


def blur_images(imgs, passes=2):
    """Blur ``(m, h, w)`` images with a separable ``[1, 4, 6, 4, 1] / 16`` kernel, ``passes`` times."""
    k = np.array([1, 4, 6, 4, 1], dtype=float) / 16
    out = np.asarray(imgs, dtype=float)
    for _ in range(int(passes)):
        for axis in (1, 2):
            pad = [(0, 0)] * 3
            pad[axis] = (2, 2)
            p = np.pad(out, pad, mode="edge")
            n = out.shape[axis]
            out = sum(k[i] * np.take(p, np.arange(i, i + n), axis=axis) for i in range(5))
    return out


def make_shapes(rng, m=2000, size=16, rates=None):
    """Squares (0) and discs (1) with hidden causes injected at known ``rates``.

    ``rates`` maps cause names in ``CAUSES`` to probabilities (default: none). Each example gets
    each cause independently. Returns ``(X, Y, causes)`` with ``X`` of shape ``(size*size, m)``,
    ``Y`` the (possibly wrong) labels ``(1, m)`` and ``causes`` a dict name -> bool ``(m,)``.
    """
    func = "make_shapes"
    check_rng(func, rng)
    m = _m(func, m)
    rates = dict(rates or {})
    unknown = [k for k in rates if k not in CAUSES]
    if unknown:
        raise ValueError(f"{func}: unknown cause(s) {unknown}; choose from {CAUSES}.")
    for k, v in rates.items():
        check_probability(func, f"rates[{k!r}]", v, allow_zero=True)
    labels = rng.integers(0, 2, m)
    imgs, (cy, cx, r) = _render(rng, labels, size)
    causes = {k: rng.random(m) < rates.get(k, 0.0) for k in CAUSES}
    if causes["blur"].any():
        imgs[causes["blur"]] = blur_images(imgs[causes["blur"]], passes=8)
    if causes["dark"].any():
        d = causes["dark"]
        imgs[d] = 0.08 * imgs[d] + 0.1 * rng.standard_normal(imgs[d].shape)
    if causes["occluded"].any():
        ii, jj = _grid(size)
        o = causes["occluded"]
        side = np.where(rng.random(m) < 0.5, -1.0, 1.0)[:, None, None]
        # a grey bar hiding (almost) the whole shape
        bar = (np.abs(jj - (cx + side * r * 0.15)) <= r * 1.2) & (np.abs(ii - cy) <= size)
        imgs[o] = np.where(bar[o], 0.5, imgs[o])
    Y = labels.copy()
    Y[causes["mislabeled"]] = 1 - Y[causes["mislabeled"]]
    X = np.clip(imgs, 0, 1).reshape(m, -1).T
    return X, Y.reshape(1, -1).astype(np.int64), causes


def fog_bank(rng, n, size=16, cells=8):
    """``n`` smooth fog textures ``(n, size, size)`` in ``[0, 1]``: coarse noise, upsampled, blurred."""
    check_rng("fog_bank", rng)
    n = _m("fog_bank", n)
    coarse = rng.random((n, cells, cells))
    rep = int(np.ceil(size / cells))
    fine = np.kron(coarse, np.ones((rep, rep)))[:, :size, :size]
    return blur_images(fine, passes=1)


def add_fog(rng, X, strength=0.6, bank=None, size=16):
    """Target-domain images: ``(1 - strength) * image + strength * fog``.

    With ``bank=None`` every image gets a fresh fog texture (what real fog looks like); with a
    ``bank`` of textures ``(k, size, size)`` each image gets one of those ``k`` (synthesis from a
    small sample: the risk the lecture warns about)."""
    check_rng("add_fog", rng)
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] != size * size:
        raise ValueError(f"add_fog: X must be ({size * size}, m) flattened {size}x{size} images, "
                         f"got shape {X.shape}.")
    m = X.shape[1]
    fog = fog_bank(rng, m, size) if bank is None else np.asarray(bank)[rng.integers(0, len(bank), m)]
    return (1 - strength) * X + strength * fog.reshape(m, -1).T


# --------------------------------------------------------------------------- teachers
def make_teacher_tasks(rng, m, n_x=10, n_hidden=6, n_tasks=4, teacher=None):
    """``(X, Y, teacher)``: ``X`` standard normal ``(n_x, m)``; task ``j`` is
    ``y_j = 1[v_j . relu(W x + b) > c_j]`` for one shared random teacher (``c_j`` = median, so
    classes are balanced). Pass ``teacher`` back in to draw more data of the same tasks."""
    func = "make_teacher_tasks"
    check_rng(func, rng)
    m = _m(func, m)
    if teacher is None:
        W = rng.standard_normal((n_hidden, n_x)) / np.sqrt(n_x)
        b = 0.3 * rng.standard_normal((n_hidden, 1))
        V = rng.standard_normal((n_tasks, n_hidden))
        H = np.maximum(0, W @ rng.standard_normal((n_x, 20000)) + b)
        c = np.median(V @ H, axis=1, keepdims=True)
        teacher = {"W": W, "b": b, "V": V, "c": c}
    X = rng.standard_normal((teacher["W"].shape[1], m))
    H = np.maximum(0, teacher["W"] @ X + teacher["b"])
    Y = (teacher["V"] @ H > teacher["c"]).astype(np.int64)
    return X, Y, teacher


def make_pipeline_task(rng, m, n_x=6, weight_left_out=0.6):
    """``(X, Y)`` with ``y = 1[x0 x1 + 0.7 x2 + weight_left_out * x3 > 0]``; the hand-designed
    first stage of a pipeline computes ``(x0 x1, x2)`` and so misses the ``x3`` term."""
    func = "make_pipeline_task"
    check_rng(func, rng)
    m = _m(func, m)
    if n_x < 4:
        raise ValueError(f"{func}: n_x must be >= 4 (the label uses x0..x3), got {n_x!r}.")
    X = rng.standard_normal((n_x, m))
    Y = (X[0] * X[1] + 0.7 * X[2] + weight_left_out * X[3] > 0).astype(np.int64).reshape(1, -1)
    return X, Y
