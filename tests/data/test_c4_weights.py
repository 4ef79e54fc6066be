"""The Course 4 weights trained here (datasets/build_c4_weights.py): hash, layout, and the figures
the notebooks assert (c4/02: the signs CNN >= 85 % test; c4/04: the objects base has learned its task)."""
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

import dlutils as dl

from tests.data.datasets_module import datasets_module

pytest.importorskip("h5py")

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
MANIFEST = json.loads((DATASETS / "MANIFEST.json").read_text())
FILES = ["c4_signs_cnn.h5", "c4_objects_cnn.h5"]


def _builder():
    return datasets_module("build_c4_weights")


@pytest.mark.parametrize("file", FILES)
def test_weights_match_the_manifest(file):
    path = DATASETS / file
    assert path.exists() and file in MANIFEST, f"{file}: run python datasets/build_c4_weights.py"
    assert path.stat().st_size == MANIFEST[file]["bytes"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == MANIFEST[file]["sha256"], \
        f"{file} changed; retrain with python datasets/build_c4_weights.py"


def test_signs_cnn_reaches_the_asserted_test_accuracy():
    b = _builder()
    signs = dl.load_dataset("signs")
    model = dl.Sequential(b.signs_cnn_layers(), input_shape=(32, 32, 3), rng=np.random.default_rng(0))
    loaded = dl.load_weights(model, DATASETS / "c4_signs_cnn.h5")
    assert sorted(loaded) == sorted(model.params)
    X_train = b.signs_inputs(signs.train_x)
    acc = model.evaluate(b.centre(b.signs_inputs(signs.test_x), X_train), signs.test_y)["accuracy"]
    assert acc >= 85, f"c4/02 asserts >= 85 % test accuracy; the shipped weights give {acc:.1f} %"
    assert acc == pytest.approx(MANIFEST["c4_signs_cnn.h5"]["test_accuracy"], abs=0.01)


def test_objects_cnn_has_learned_its_task_on_fresh_pictures():
    b = _builder()
    images, y = b.object_scenes(180, seed=12345)              # pictures it never saw
    model = dl.Sequential(b.objects_cnn_layers(), input_shape=(32, 32, 3), rng=np.random.default_rng(0))
    dl.load_weights(model, DATASETS / "c4_objects_cnn.h5")
    acc = model.evaluate(b.signs_inputs(images), y)["accuracy"]
    assert acc >= 85, f"the pretrained base of c4/04 should tell the 9 objects apart; got {acc:.1f} %"
    assert MANIFEST["c4_objects_cnn.h5"]["dev_accuracy"] >= 85


def test_object_scenes_are_deterministic_and_balanced():
    b = _builder()
    a, ya = b.object_scenes(18, seed=5)
    c, yc = b.object_scenes(18, seed=5)
    assert a.dtype == np.uint8 and a.shape == (18, 64, 64, 3) and np.array_equal(a, c) and np.array_equal(ya, yc)
    assert np.bincount(ya.ravel()).tolist() == [2] * 9
