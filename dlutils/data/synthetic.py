"""2-D point sets made from an explicit ``rng``: X is ``(2, m)``, Y is ``(1, m)`` of 0/1.

The flower follows the course's recipe: for class j in (0, 1), 200 points with
``t = linspace(3.12 j, 3.12 (j+1), 200) + 0.2 N(0,1)``, ``r = 4 sin(4 t) + 0.2 N(0,1)``,
point ``(r sin t, r cos t)``.
Taught in: c1/03_planar_data_classification, c2/01, c2/02, c2/04.
"""
import numpy as np

from ..validation import check_rng

__all__ = ["make_flower", "make_moons", "make_circles", "make_blobs", "make_gaussian_quantiles",
           "make_noisy_2d", "GENERATORS"]


def _m(func, m, parts=2):
    if int(m) != m or m < parts:
        raise ValueError(f"{func}: m must be an int >= {parts}, got {m!r}.")
    return int(m)


def make_flower(rng, m=400, petals=4, noise=0.2):
    """The course's 'flower': two classes wound into ``petals`` petals."""
    check_rng("make_flower", rng)
    m = _m("make_flower", m)
    per = m // 2
    X = np.zeros((2, 2 * per))
    Y = np.zeros((1, 2 * per), dtype=np.int64)
    for j in range(2):
        idx = slice(per * j, per * (j + 1))
        t = np.linspace(3.12 * j, 3.12 * (j + 1), per) + rng.standard_normal(per) * noise
        r = petals * np.sin(4 * t) + rng.standard_normal(per) * noise
        X[0, idx], X[1, idx] = r * np.sin(t), r * np.cos(t)
        Y[0, idx] = j
    return X, Y


def make_moons(rng, m=300, noise=0.2):
    """Two interleaving half circles, Gaussian noise of std ``noise``."""
    check_rng("make_moons", rng)
    m = _m("make_moons", m)
    n0 = m // 2
    n1 = m - n0
    t0, t1 = np.linspace(0, np.pi, n0), np.linspace(0, np.pi, n1)
    X = np.hstack([np.vstack([np.cos(t0), np.sin(t0)]),
                   np.vstack([1 - np.cos(t1), 0.5 - np.sin(t1)])])
    Y = np.hstack([np.zeros(n0, dtype=np.int64), np.ones(n1, dtype=np.int64)]).reshape(1, -1)
    X = X + noise * rng.standard_normal(X.shape)
    perm = rng.permutation(m)
    return X[:, perm], Y[:, perm]


def make_circles(rng, m=300, noise=0.05, factor=0.5):
    """A small circle (class 1, radius ``factor``) inside a unit circle (class 0)."""
    check_rng("make_circles", rng)
    m = _m("make_circles", m)
    if not 0 < factor < 1:
        raise ValueError(f"make_circles: factor (inner radius) must lie in (0, 1), got {factor!r}.")
    n0 = m // 2
    n1 = m - n0
    t0 = np.linspace(0, 2 * np.pi, n0, endpoint=False)
    t1 = np.linspace(0, 2 * np.pi, n1, endpoint=False)
    X = np.hstack([np.vstack([np.cos(t0), np.sin(t0)]),
                   factor * np.vstack([np.cos(t1), np.sin(t1)])])
    Y = np.hstack([np.zeros(n0, dtype=np.int64), np.ones(n1, dtype=np.int64)]).reshape(1, -1)
    X = X + noise * rng.standard_normal(X.shape)
    perm = rng.permutation(m)
    return X[:, perm], Y[:, perm]


def make_blobs(rng, m=300, centers=((-1.5, -1.0), (1.5, 1.0), (-1.5, 1.5), (1.5, -1.5)), std=0.6,
               labels=(0, 1, 1, 0)):
    """Gaussian blobs around ``centers``; blob ``i`` gets label ``labels[i]`` (binary by default)."""
    check_rng("make_blobs", rng)
    m = _m("make_blobs", m, len(centers))
    if len(labels) != len(centers):
        raise ValueError(f"make_blobs: {len(centers)} centers but {len(labels)} labels; give one label per center.")
    which = np.arange(m) % len(centers)
    C = np.asarray(centers, dtype=float).T
    X = C[:, which] + std * rng.standard_normal((2, m))
    Y = np.asarray(labels, dtype=np.int64)[which].reshape(1, -1)
    perm = rng.permutation(m)
    return X[:, perm], Y[:, perm]


def make_gaussian_quantiles(rng, m=300, n_classes=2):
    """Isotropic Gaussian cloud cut into ``n_classes`` shells of equal size by radius.

    With two classes: label 1 for the outer half (a ring around a disc)."""
    check_rng("make_gaussian_quantiles", rng)
    m = _m("make_gaussian_quantiles", m)
    X = rng.standard_normal((2, m))
    r = np.sum(X ** 2, axis=0)
    ranks = np.argsort(np.argsort(r))
    Y = (ranks * n_classes // m).astype(np.int64).reshape(1, -1)
    return X, Y


def make_noisy_2d(rng, m=400, flip=0.2, width=0.5):
    """Two classes split by a wavy boundary ``x2 = 0.35 sin(3 x1)`` with noisy labels.

    Points are uniform on ``[-1, 1]^2``. A label is flipped with probability
    ``min(1, 2 flip exp(-|d| / width))`` where ``d = x2 - 0.35 sin(3 x1)``: mostly near the
    boundary, sometimes far from it. A big unregularized net carves islands around the flipped
    training points (overfits); L2 or dropout keep the boundary smooth (c2/02 regularization).
    """
    check_rng("make_noisy_2d", rng)
    m = _m("make_noisy_2d", m)
    if not 0 <= flip <= 0.5:
        raise ValueError(f"make_noisy_2d: flip (label-noise level) must lie in [0, 0.5], got {flip!r}.")
    if not width > 0:
        raise ValueError(f"make_noisy_2d: width (how far from the boundary noise reaches) must be > 0, "
                         f"got {width!r}.")
    X = rng.uniform(-1.0, 1.0, (2, m))
    d = X[1] - 0.35 * np.sin(3.0 * X[0])
    Y = (d > 0).astype(np.int64)
    flipped = rng.random(m) < np.minimum(1.0, 2 * flip * np.exp(-np.abs(d) / width))
    Y = np.where(flipped, 1 - Y, Y).reshape(1, -1)
    return X, Y


GENERATORS = {
    "flower": make_flower, "moons": make_moons, "circles": make_circles,
    "blobs": make_blobs, "gaussian_quantiles": make_gaussian_quantiles,
    "noisy_2d": make_noisy_2d,
}
