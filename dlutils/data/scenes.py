"""Loader for ``datasets/scenes.h5`` (built by ``datasets/build_scenes.py``): street-like pictures
with boxes and per-pixel masks for Course 4 detection (notebook c4/05) and segmentation (c4/06).

Layout: ``x (m, 32, 32, 3)`` uint8; ``boxes (m, 4, 5)`` rows ``[class, x1, y1, x2, y2]`` in pixels
(class 1 car, 2 pedestrian, 3 sign; -1 marks an unused row); ``masks (m, 32, 32)`` uint8 classes
(0 background).
"""
from typing import NamedTuple

import numpy as np

from .datasets import datasets_dir

__all__ = ["Scenes", "load_scenes", "SCENE_CLASSES"]

SCENE_CLASSES = ("background", "car", "pedestrian", "sign")


class Scenes(NamedTuple):
    x: np.ndarray          # (m, 32, 32, 3) uint8
    boxes: np.ndarray      # (m, 4, 5) float64 [class, x1, y1, x2, y2]
    masks: np.ndarray      # (m, 32, 32) uint8
    classes: tuple


def load_scenes(split="train", path=None):
    """Load one split ('train' or 'test') of the scenes set as a ``Scenes`` tuple."""
    import h5py
    if split not in ("train", "test"):
        raise ValueError(f"load_scenes: split must be 'train' or 'test', got {split!r}")
    path = datasets_dir() / "scenes.h5" if path is None else path
    with h5py.File(path, "r") as f:
        g = f[split]
        return Scenes(g["x"][...], g["boxes"][...].astype(np.float64), g["masks"][...], SCENE_CLASSES)
