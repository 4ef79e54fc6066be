"""Procedural scenes for the image sets: cartoon cats vs distractors (cats.h5), hands showing
0-5 fingers (signs.h5). Each function paints onto a float canvas with an explicit ``rng``.
Used only by ``datasets/build_datasets.py``.
"""
import numpy as np

import drawing as d

FUR = [(0.93, 0.55, 0.18), (0.55, 0.55, 0.57), (0.12, 0.11, 0.12), (0.95, 0.93, 0.88),
       (0.55, 0.35, 0.2), (0.85, 0.75, 0.55), (0.35, 0.3, 0.3)]


PALETTE_P = 0.7      # chance that an animal's colour comes from FUR rather than anywhere


def fur_colour(rng):
    """A fur/body colour shared by cats and distractor animals (so colour does not give the class)."""
    if rng.random() < PALETTE_P:
        c = np.array(FUR[rng.integers(len(FUR))]) + rng.normal(0, 0.06, 3)
    else:
        c = d.random_colour(rng)
    return np.clip(c, 0, 1)


def contrast(c):
    """Dark or light, whichever stands out on colour c."""
    return np.array([0.05, 0.05, 0.05]) if np.mean(c) > 0.5 else np.array([0.92, 0.92, 0.9])


def pose(rng, s_lo=9.0, s_hi=17.0, margin=0.5, max_rot=0.45):
    s = rng.uniform(s_lo, s_hi)
    cx = rng.uniform(32 - margin * (32 - s), 32 + margin * (32 - s))
    cy = rng.uniform(34 - margin * (32 - s), 34 + margin * (32 - s))
    return cx, cy, s, rng.normal(0, max_rot / 2)


def _eyes(img, rng, cx, cy, s, th, slit):
    iris = d.random_colour(rng, 0.2, 1.0) if rng.random() < 0.6 else np.array([0.3, 0.8, 0.3])
    er = s * rng.uniform(0.16, 0.24)
    ex, ey = s * rng.uniform(0.35, 0.48), -s * rng.uniform(0.0, 0.2)
    for side in (-1, 1):
        x, y = d.rot(side * ex, ey, cx, cy, th)
        d.paint(img, d.coverage(d.sd_ellipse(x, y, er, er * rng.uniform(0.8, 1.1), th)), iris)
        if slit:
            d.paint(img, d.coverage(d.sd_ellipse(x, y, er * 0.25, er * 0.9, th)), (0.02, 0.02, 0.02))
        else:
            d.paint(img, d.coverage(d.sd_ellipse(x, y, er * 0.55, er * 0.55, th)), (0.02, 0.02, 0.02))


def cat_face(img, rng, cx, cy, s, th):
    """Head, two pointed ears (with inner ear), slit-pupil eyes, small triangular nose, whiskers."""
    fur = fur_colour(rng)
    ear_spread = rng.uniform(0.45, 0.8)           # angle of the ears from vertical
    ear_h = s * rng.uniform(0.7, 1.15)
    ear_w = rng.uniform(0.3, 0.45)                # half-width of the base, radians along the head
    for side in (-1, 1):
        a = side * ear_spread
        pts = []
        for da in (-ear_w, ear_w):
            pts.append(d.rot(s * np.sin(a + da) * 0.95, -s * np.cos(a + da) * 0.9, cx, cy, th))
        tip = d.rot((s + ear_h) * np.sin(a), -(s * 0.9 + ear_h) * np.cos(a), cx, cy, th)
        tri = [pts[0], tip, pts[1]]
        d.paint(img, d.coverage(d.sd_polygon(tri)), fur)
        if rng.random() < 0.7:
            cen = np.mean(tri, axis=0)
            inner = [cen + 0.55 * (np.array(p) - cen) for p in tri]
            d.paint(img, d.coverage(d.sd_polygon(inner)), (0.95, 0.6, 0.65))
    d.paint(img, d.coverage(d.sd_ellipse(cx, cy, s * rng.uniform(1.0, 1.15), s * 0.92, th)), fur)
    if rng.random() < 0.35:                       # tabby stripes on the forehead
        dark = fur * 0.55
        for k in (-1, 0, 1):
            x0, y0 = d.rot(k * s * 0.2, -s * 0.85, cx, cy, th)
            x1, y1 = d.rot(k * s * 0.15, -s * 0.5, cx, cy, th)
            d.paint(img, d.coverage(d.sd_capsule(x0, y0, x1, y1, 0.9)), dark)
    _eyes(img, rng, cx, cy, s, th, slit=rng.random() < 0.7)
    ny = s * rng.uniform(0.2, 0.32)
    nw = s * rng.uniform(0.1, 0.16)
    nose = [d.rot(-nw, ny - nw * 0.6, cx, cy, th), d.rot(nw, ny - nw * 0.6, cx, cy, th),
            d.rot(0, ny + nw * 0.6, cx, cy, th)]
    d.paint(img, d.coverage(d.sd_polygon(nose)), (0.9, 0.45, 0.5))
    wcol = contrast(fur) if rng.random() < 0.8 else d.random_colour(rng)
    wlen = s * rng.uniform(0.9, 1.4)
    for side in (-1, 1):
        for k in range(int(rng.integers(2, 4))):
            ang = (k - 1) * rng.uniform(0.15, 0.3)
            x0, y0 = d.rot(side * s * 0.25, ny + s * 0.1, cx, cy, th)
            x1, y1 = d.rot(side * (s * 0.25 + wlen * np.cos(ang)), ny + s * 0.1 + wlen * np.sin(ang),
                           cx, cy, th)
            d.paint(img, d.coverage(d.sd_segment(x0, y0, x1, y1, 0.45)), wcol)


def animal_face(img, rng, cx, cy, s, th):
    """A non-cat animal face: round or floppy ears (bear, dog, mouse, pig, panda-ish), round
    pupils, a big nose or snout, no whiskers."""
    fur = fur_colour(rng)
    kind = rng.integers(0, 3)
    if kind == 0:                                   # round ears on top (bear, mouse)
        er = s * rng.uniform(0.3, 0.6)
        for side in (-1, 1):
            x, y = d.rot(side * s * 0.7, -s * 0.75, cx, cy, th)
            d.paint(img, d.coverage(d.sd_ellipse(x, y, er, er)), fur)
    elif kind == 1:                                 # floppy ears at the sides (dog)
        for side in (-1, 1):
            x, y = d.rot(side * s * 0.95, s * 0.1, cx, cy, th)
            d.paint(img, d.coverage(d.sd_ellipse(x, y, s * 0.3, s * 0.75, th + side * 0.3)), fur * 0.7)
    d.paint(img, d.coverage(d.sd_ellipse(cx, cy, s * rng.uniform(0.95, 1.15), s * rng.uniform(0.9, 1.05), th)), fur)
    _eyes(img, rng, cx, cy, s, th, slit=rng.random() < 0.15)
    if rng.random() < 0.6:                          # snout
        x, y = d.rot(0, s * 0.4, cx, cy, th)
        d.paint(img, d.coverage(d.sd_ellipse(x, y, s * 0.4, s * 0.3, th)), np.clip(fur * 1.3 + 0.1, 0, 1))
    x, y = d.rot(0, s * 0.3, cx, cy, th)
    d.paint(img, d.coverage(d.sd_ellipse(x, y, s * rng.uniform(0.12, 0.22), s * 0.12, th)),
            (0.05, 0.04, 0.04) if rng.random() < 0.7 else (0.9, 0.45, 0.5))


def bird_face(img, rng, cx, cy, s, th):
    """An owl-ish head: big eyes, a beak, sometimes small ear tufts (a hard negative)."""
    fur = fur_colour(rng)
    if rng.random() < 0.4:
        for side in (-1, 1):
            tri = [d.rot(side * s * 0.3, -s * 0.85, cx, cy, th), d.rot(side * s * 0.75, -s * 0.6, cx, cy, th),
                   d.rot(side * s * 0.75, -s * 1.35, cx, cy, th)]
            d.paint(img, d.coverage(d.sd_polygon(tri)), fur * 0.8)
    d.paint(img, d.coverage(d.sd_ellipse(cx, cy, s, s * 1.05, th)), fur)
    for side in (-1, 1):
        x, y = d.rot(side * s * 0.42, -s * 0.1, cx, cy, th)
        d.paint(img, d.coverage(d.sd_ellipse(x, y, s * 0.33, s * 0.33)), (0.95, 0.95, 0.9))
        d.paint(img, d.coverage(d.sd_ellipse(x, y, s * 0.15, s * 0.15)), (0.05, 0.05, 0.05))
    beak = [d.rot(-s * 0.12, s * 0.15, cx, cy, th), d.rot(s * 0.12, s * 0.15, cx, cy, th),
            d.rot(0, s * 0.5, cx, cy, th)]
    d.paint(img, d.coverage(d.sd_polygon(beak)), (0.95, 0.65, 0.1))


def smiley(img, rng, cx, cy, s, th):
    col = d.random_colour(rng)
    d.paint(img, d.coverage(d.sd_ellipse(cx, cy, s, s)), col)
    for side in (-1, 1):
        x, y = d.rot(side * s * 0.35, -s * 0.25, cx, cy, th)
        d.paint(img, d.coverage(d.sd_ellipse(x, y, s * 0.1, s * 0.18, th)), contrast(col))
    for k in np.linspace(-0.5, 0.5, 7):
        x, y = d.rot(s * 0.5 * np.sin(k * 2), s * 0.25 + s * 0.2 * np.cos(k * 2), cx, cy, th)
        d.paint(img, d.coverage(d.sd_ellipse(x, y, s * 0.1, s * 0.1)), contrast(col))


def house(img, rng, cx, cy, s, th):
    wall, roof = d.random_colour(rng), d.random_colour(rng)
    d.paint(img, d.coverage(d.sd_rect(cx, cy + s * 0.3, s * 1.6, s * 1.2, th * 0.3)), wall)
    tri = [d.rot(-s * 1.0, -s * 0.3, cx, cy, th * 0.3), d.rot(s * 1.0, -s * 0.3, cx, cy, th * 0.3),
           d.rot(0, -s * 1.2, cx, cy, th * 0.3)]
    d.paint(img, d.coverage(d.sd_polygon(tri)), roof)
    for side in (-1, 1):
        x, y = d.rot(side * s * 0.4, s * 0.15, cx, cy, th * 0.3)
        d.paint(img, d.coverage(d.sd_rect(x, y, s * 0.35, s * 0.35, th * 0.3)), contrast(wall))


def tree(img, rng, cx, cy, s, th):
    d.paint(img, d.coverage(d.sd_rect(cx, cy + s * 0.7, s * 0.35, s * 1.2, th * 0.2)), (0.4, 0.25, 0.1))
    leaf = np.clip(np.array([0.15, 0.6, 0.2]) + rng.normal(0, 0.15, 3), 0, 1)
    for _ in range(int(rng.integers(2, 5))):
        x, y = cx + rng.normal(0, s * 0.35), cy - s * 0.2 + rng.normal(0, s * 0.25)
        r = s * rng.uniform(0.45, 0.75)
        d.paint(img, d.coverage(d.sd_ellipse(x, y, r, r)), leaf * rng.uniform(0.8, 1.1))


def flower(img, rng, cx, cy, s, th):
    petal = d.random_colour(rng)
    n = int(rng.integers(5, 9))
    for k in range(n):
        a = th + 2 * np.pi * k / n
        x, y = cx + s * 0.55 * np.cos(a), cy + s * 0.55 * np.sin(a)
        d.paint(img, d.coverage(d.sd_ellipse(x, y, s * 0.5, s * 0.22, a)), petal)
    d.paint(img, d.coverage(d.sd_ellipse(cx, cy, s * 0.3, s * 0.3)), (0.95, 0.8, 0.1))


def car(img, rng, cx, cy, s, th):
    body = d.random_colour(rng)
    d.paint(img, d.coverage(d.sd_rect(cx, cy, s * 2.0, s * 0.6, th * 0.2)), body)
    d.paint(img, d.coverage(d.sd_rect(cx, cy - s * 0.45, s * 1.1, s * 0.5, th * 0.2)), body * 0.85)
    for side in (-1, 1):
        x, y = d.rot(side * s * 0.6, s * 0.35, cx, cy, th * 0.2)
        d.paint(img, d.coverage(d.sd_ellipse(x, y, s * 0.28, s * 0.28)), (0.05, 0.05, 0.05))


def shapes(img, rng, cx, cy, s, th, n=None):
    """Random ellipses, rectangles, triangles and strokes around (cx, cy)."""
    for _ in range(int(rng.integers(2, 6)) if n is None else n):
        x, y = cx + rng.normal(0, s * 0.7), cy + rng.normal(0, s * 0.7)
        r = s * rng.uniform(0.2, 0.6)
        col = d.random_colour(rng)
        k = rng.integers(0, 4)
        if k == 0:
            sd = d.sd_ellipse(x, y, r, r * rng.uniform(0.4, 1.0), rng.uniform(0, np.pi))
        elif k == 1:
            sd = d.sd_rect(x, y, 2 * r, 2 * r * rng.uniform(0.3, 1.0), rng.uniform(0, np.pi))
        elif k == 2:
            a0 = rng.uniform(0, 2 * np.pi)
            sd = d.sd_polygon([(x + r * np.cos(a0 + a), y + r * np.sin(a0 + a))
                               for a in (0, 2 * np.pi / 3, 4 * np.pi / 3)])
        else:
            a0 = rng.uniform(0, 2 * np.pi)
            sd = d.sd_segment(x, y, x + 2 * r * np.cos(a0), y + 2 * r * np.sin(a0), 0.6)
        d.paint(img, d.coverage(sd), col)


DISTRACTORS = [animal_face, animal_face, animal_face, bird_face, smiley, house, tree, flower, car, shapes]


def clutter(img, rng, n):
    for _ in range(n):
        x, y = rng.uniform(0, 64, 2)
        shapes(img, rng, x, y, rng.uniform(3, 7), 0.0, n=1)


def cat_scene(rng, is_cat, difficulty=1.0):
    """One 64x64 picture: a cat face (is_cat) or a distractor, on a varied background with clutter."""
    img = d.background(rng)
    clutter(img, rng, int(rng.integers(0, 1 + int(4 * difficulty))))
    cx, cy, s, th = pose(rng, s_lo=9.0, s_hi=17.0, margin=min(1.0, 0.6 * difficulty), max_rot=0.5 * difficulty)
    if is_cat:
        cat_face(img, rng, cx, cy, s, th)
    else:
        DISTRACTORS[rng.integers(len(DISTRACTORS))](img, rng, cx, cy, s, th)
    if rng.random() < 0.3 * difficulty:             # a little occlusion in front
        clutter(img, rng, 1)
    return d.finish(img, rng)


# -- hands showing 0-5 fingers (signs.h5) ----------------------------------------------------

SKIN = [(0.98, 0.85, 0.72), (0.92, 0.74, 0.6), (0.8, 0.6, 0.45), (0.65, 0.45, 0.3),
        (0.47, 0.32, 0.2), (0.33, 0.22, 0.15)]
# finger order: thumb, index, middle, ring, little; (angle from the palm's axis, length factor)
FINGERS = [(-1.05, 0.62), (-0.32, 0.9), (-0.05, 1.0), (0.22, 0.92), (0.48, 0.72)]
# the usual way to show each count (index first, thumb last); other subsets are drawn sometimes
USUAL = {0: (), 1: (1,), 2: (1, 2), 3: (1, 2, 3), 4: (1, 2, 3, 4), 5: (0, 1, 2, 3, 4)}


HAND_BACKGROUNDS = ("gradient", "vignette")     # calm walls, like the course's photos
HAND_CLUTTER = 1


def hand_scene(rng, n_fingers, difficulty=1.0):
    """A hand (palm, wrist, 0-5 raised fingers, folded fingers as knuckles) in a random pose,
    skin tone, size and place, on a varied background with clutter and noise."""
    img = d.background(rng, kinds=HAND_BACKGROUNDS)
    clutter(img, rng, int(rng.integers(0, 1 + int(HAND_CLUTTER * difficulty))))
    skin = np.clip(np.array(SKIN[rng.integers(len(SKIN))]) + rng.normal(0, 0.04, 3), 0, 1)
    shade = skin * 0.75
    s = rng.uniform(10.5, 13.5) * (1 + 0.1 * difficulty * rng.uniform(-1, 1))
    th = rng.normal(0, 0.25 * difficulty)                        # 0 = fingers pointing up
    cx = 32 + rng.uniform(-1, 1) * 5 * difficulty
    cy = 36 + rng.uniform(-1, 1) * 4 * difficulty
    if rng.random() < 0.15 and 0 < n_fingers < 5:
        raised = tuple(sorted(rng.choice(5, n_fingers, replace=False)))
    else:
        raised = USUAL[n_fingers]
    spread = rng.uniform(0.7, 1.3)
    # wrist / forearm
    x0, y0 = d.rot(0, s * 0.6, cx, cy, th)
    x1, y1 = d.rot(0, s * 3.5, cx, cy, th)
    d.paint(img, d.coverage(d.sd_capsule(x0, y0, x1, y1, s * 0.55)), shade)
    # fingers behind the palm's top edge
    fw = s * rng.uniform(0.19, 0.24)
    for k, (ang, lf) in enumerate(FINGERS):
        a = ang * spread + rng.normal(0, 0.05)
        bx, by = (s * 0.95 * np.sin(ang * 0.8), -s * 0.55) if k else (-s * 0.75, s * 0.1)
        if k in raised:
            length = s * 1.3 * lf * rng.uniform(0.9, 1.1)
        else:
            length = s * 0.35                                     # folded: a knuckle bump
        tx, ty = bx + length * np.sin(a), by - length * np.cos(a)
        X0, Y0 = d.rot(bx, by, cx, cy, th)
        X1, Y1 = d.rot(tx, ty, cx, cy, th)
        d.paint(img, d.coverage(d.sd_capsule(X0, Y0, X1, Y1, fw * (1.25 if k == 0 else 1.0))),
                skin if k in raised else shade)
    # palm
    d.paint(img, d.coverage(d.sd_ellipse(cx, cy, s * 0.95, s * 0.85, th)), skin)
    if n_fingers == 0 or rng.random() < 0.5:                     # crease lines of folded fingers
        for k in range(1, 5):
            if k not in raised:
                bx = s * 0.95 * np.sin(FINGERS[k][0] * 0.8)
                X0, Y0 = d.rot(bx, -s * 0.55, cx, cy, th)
                X1, Y1 = d.rot(bx * 0.8, -s * 0.2, cx, cy, th)
                d.paint(img, d.coverage(d.sd_segment(X0, Y0, X1, Y1, 0.4)), shade * 0.85)
    return d.finish(img, rng, noise=(0.0, 0.03))
