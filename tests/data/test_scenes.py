"""scenes.h5: manifest hash, layout, labels consistent with masks, byte-for-byte rebuild, and a
colour-only baseline that fails."""
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

import dlutils as dl

from tests.data.datasets_module import datasets_module

DATASETS = Path(__file__).resolve().parents[2] / "datasets"


def _builder():
    return datasets_module("build_datasets")


def test_manifest_hash():
    entry = json.loads((DATASETS / "MANIFEST.json").read_text())["scenes.h5"]
    data = (DATASETS / "scenes.h5").read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    assert len(data) < 8_000_000


def test_layout_and_labels():
    for split, m in (("train", 2000), ("test", 300)):
        s = dl.load_scenes(split)
        assert s.x.shape == (m, 32, 32, 3) and s.x.dtype == np.uint8
        assert s.boxes.shape == (m, 4, 5) and s.masks.shape == (m, 32, 32)
        used = s.boxes[..., 0] > 0
        assert set(np.unique(s.boxes[used][:, 0])) == {1, 2, 3}
        assert set(np.unique(s.masks)) == {0, 1, 2, 3}
        b = s.boxes[used][:, 1:]
        assert np.all(b[:, 2] > b[:, 0]) and np.all(b[:, 3] > b[:, 1])
        assert b.min() >= 0 and b.max() <= 32
        # every class in a mask has an object of that class in the boxes
        for n in range(0, m, 7):
            assert set(np.unique(s.masks[n])) - {0} <= set(s.boxes[n][s.boxes[n, :, 0] > 0, 0].astype(int))
    with pytest.raises(ValueError, match="'train' or 'test'"):
        dl.load_scenes("dev")


def test_colour_alone_does_badly():
    tr, te = dl.load_scenes("train"), dl.load_scenes("test")

    def q(x):
        return (x.reshape(-1, 3) // 32).astype(np.int64) @ np.array([64, 8, 1])
    counts = np.zeros((512, 4))
    np.add.at(counts, (q(tr.x), tr.masks.ravel()), 1)
    pred, t = np.argmax(counts, 1)[q(te.x)], te.masks.ravel()
    for c in (1, 2, 3):
        iou = np.sum((pred == c) & (t == c)) / np.sum((pred == c) | (t == c))
        assert iou < 0.2, f"class {c} is findable by colour (IoU {iou:.2f})"
        purity = counts[:, c] / np.maximum(counts.sum(1), 1)
        assert purity.max() < 0.5


def test_rebuilds_byte_for_byte(tmp_path):
    entry = _builder().build("scenes", tmp_path)
    assert entry["sha256"] == json.loads((DATASETS / "MANIFEST.json").read_text())["scenes.h5"]["sha256"]
