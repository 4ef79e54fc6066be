"""Tiny numpy rasterizer for the workbook's procedural image sets (cats.h5, signs.h5).

Every shape is a signed-distance test on a pixel grid, turned into a soft (anti-aliased)
coverage ``alpha`` in [0, 1] and painted over a float canvas ``(H, W, 3)`` in [0, 1]:
``img += alpha * (colour - img)``. All randomness comes from an explicit ``rng``.
Used only by ``datasets/build_datasets.py``; the notebooks load the finished ``.h5`` files.
"""
import numpy as np

SIZE = 64
_YY, _XX = np.mgrid[0:SIZE, 0:SIZE].astype(np.float64) + 0.5


class Shape:
    """A signed distance (negative inside, in pixels) on the window ``sl`` of the canvas.

    Shapes are evaluated only inside their bounding box (plus a pixel of anti-aliasing), which
    keeps drawing thousands of pictures fast."""
    __slots__ = ("sd", "sl")

    def __init__(self, sd, sl):
        self.sd, self.sl = sd, sl

    def __sub__(self, r):
        return Shape(self.sd - r, self.sl)


def _window(x0, y0, x1, y1, pad=2.0):
    xa, xb = int(max(0, np.floor(x0 - pad))), int(min(SIZE, np.ceil(x1 + pad)))
    ya, yb = int(max(0, np.floor(y0 - pad))), int(min(SIZE, np.ceil(y1 + pad)))
    xb, yb = max(xb, xa), max(yb, ya)
    sl = (slice(ya, yb), slice(xa, xb))
    return _XX[sl], _YY[sl], sl


def coverage(shape):
    """Signed distance -> soft (anti-aliased) coverage in [0, 1] on the shape's window."""
    return Shape(np.clip(0.5 - shape.sd, 0.0, 1.0), shape.sl)


def paint(img, alpha, colour, opacity=1.0):
    win = img[alpha.sl]
    a = (alpha.sd * opacity)[..., None]
    win += a * (np.asarray(colour, dtype=np.float64) - win)
    return img


def sd_ellipse(cx, cy, a, b, theta=0.0):
    R = max(a, b)
    XX, YY, sl = _window(cx - R, cy - R, cx + R, cy + R)
    c, s = np.cos(theta), np.sin(theta)
    dx, dy = XX - cx, YY - cy
    u, v = c * dx + s * dy, -s * dx + c * dy
    r = np.sqrt((u / a) ** 2 + (v / b) ** 2)
    return Shape((r - 1.0) * min(a, b), sl)


def sd_segment(x0, y0, x1, y1, r=0.0):
    """Distance of every pixel to the segment (x0, y0)-(x1, y1), minus a half-width r."""
    XX, YY, sl = _window(min(x0, x1) - r, min(y0, y1) - r, max(x0, x1) + r, max(y0, y1) + r)
    dx, dy = x1 - x0, y1 - y0
    L2 = dx * dx + dy * dy
    t = np.clip(((XX - x0) * dx + (YY - y0) * dy) / max(L2, 1e-12), 0.0, 1.0)
    return Shape(np.hypot(XX - (x0 + t * dx), YY - (y0 + t * dy)) - r, sl)


def sd_capsule(x0, y0, x1, y1, r):
    """A rounded rectangle (stadium) of half-width r around a segment: fingers, limbs."""
    return sd_segment(x0, y0, x1, y1, r)


def sd_polygon(points):
    """Convex polygon (either orientation); signed distance to the farthest edge line."""
    pts = np.asarray(points, dtype=np.float64)
    n = len(pts)
    XX, YY, sl = _window(pts[:, 0].min(), pts[:, 1].min(), pts[:, 0].max(), pts[:, 1].max())
    area = 0.5 * sum(pts[i, 0] * pts[(i + 1) % n, 1] - pts[(i + 1) % n, 0] * pts[i, 1] for i in range(n))
    sign = 1.0 if area > 0 else -1.0
    sd = np.full(XX.shape, -np.inf)
    for i in range(n):
        (x0, y0), (x1, y1) = pts[i], pts[(i + 1) % n]
        ex, ey = x1 - x0, y1 - y0
        norm = np.hypot(ex, ey) + 1e-12
        # positive outside: the pixel lies on the far side of the edge from the interior
        sd = np.maximum(sd, sign * ((XX - x0) * ey - (YY - y0) * ex) / norm)
    return Shape(sd, sl)


def sd_rect(cx, cy, w, h, theta=0.0):
    R = 0.5 * np.hypot(w, h)
    XX, YY, sl = _window(cx - R, cy - R, cx + R, cy + R)
    c, s = np.cos(theta), np.sin(theta)
    dx, dy = XX - cx, YY - cy
    u, v = c * dx + s * dy, -s * dx + c * dy
    qx, qy = np.abs(u) - w / 2, np.abs(v) - h / 2
    outside = np.hypot(np.maximum(qx, 0), np.maximum(qy, 0))
    return Shape(outside + np.minimum(np.maximum(qx, qy), 0.0), sl)


def rot(px, py, cx, cy, theta):
    """Rotate point(s) (px, py) given relative to (cx, cy) by theta, return absolute."""
    c, s = np.cos(theta), np.sin(theta)
    return cx + c * px - s * py, cy + s * px + c * py


# -- colours and backgrounds ----------------------------------------------------------------

def random_colour(rng, lo=0.0, hi=1.0):
    return rng.uniform(lo, hi, 3)


def smooth_noise(rng, cells=8, channels=3):
    """Low-frequency random field: a (cells x cells) grid upsampled bilinearly to 64 x 64."""
    g = rng.uniform(0, 1, (cells + 1, cells + 1, channels))
    t = (np.arange(SIZE) + 0.5) / SIZE * cells
    i = np.minimum(t.astype(int), cells - 1)
    f = t - i
    rows = g[i] * (1 - f)[:, None, None] + g[i + 1] * f[:, None, None]           # (64, c+1, ch)
    return rows[:, i] * (1 - f)[None, :, None] + rows[:, i + 1] * f[None, :, None]


BACKGROUNDS = ("gradient", "blotches", "stripes", "noise", "vignette")


def background(rng, kinds=BACKGROUNDS):
    """A varied background: gradient, texture, blotches or stripes, in random colours."""
    kind = BACKGROUNDS.index(kinds[rng.integers(0, len(kinds))])
    c0, c1 = random_colour(rng), random_colour(rng)
    if kind == 0:                                   # linear gradient
        th = rng.uniform(0, 2 * np.pi)
        t = ((_XX - 32) * np.cos(th) + (_YY - 32) * np.sin(th)) / 64 + 0.5
        img = c0 + np.clip(t, 0, 1)[..., None] * (c1 - c0)
    elif kind == 1:                                 # blotchy texture
        n = smooth_noise(rng, cells=int(rng.integers(3, 10)), channels=1)
        img = c0 + n * (c1 - c0)
    elif kind == 2:                                 # stripes
        th, period = rng.uniform(0, np.pi), rng.uniform(5, 16)
        t = 0.5 + 0.5 * np.sin(2 * np.pi * ((_XX * np.cos(th) + _YY * np.sin(th)) / period))
        img = c0 + (t * rng.uniform(0.2, 0.7))[..., None] * (c1 - c0)
    elif kind == 3:                                 # colourful low-frequency noise
        img = 0.5 * smooth_noise(rng, cells=int(rng.integers(2, 6))) + 0.5 * c0
    else:                                           # flat with a soft vignette
        r = np.hypot(_XX - rng.uniform(0, 64), _YY - rng.uniform(0, 64)) / 64
        img = c0 + np.clip(r, 0, 1)[..., None] * (c1 - c0) * 0.6
    return np.array(img, dtype=np.float64)


def finish(img, rng, noise=(0.0, 0.06)):
    """Brightness/contrast jitter plus pixel noise; -> uint8 (64, 64, 3)."""
    gain, bias = rng.uniform(0.8, 1.2), rng.uniform(-0.1, 0.1)
    img = (img - 0.5) * gain + 0.5 + bias
    img = img + rng.normal(0, rng.uniform(*noise), img.shape)
    return np.clip(np.round(img * 255), 0, 255).astype(np.uint8)
