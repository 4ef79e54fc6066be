"""The date Transformer trained here (datasets/build_transformer_weights.py): hash and the figure
notebook c5/08 asserts (>= 95 % exact match on held-out dates)."""
import hashlib
import json
import types
from pathlib import Path

import numpy as np
import pytest

import dlutils as dl

from tests.data.datasets_module import datasets_module

pytest.importorskip("h5py")

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
MANIFEST = json.loads((DATASETS / "MANIFEST.json").read_text())
NAME = "c5_dates_transformer.h5"


def _builder():
    return datasets_module("build_transformer_weights")


def test_hash_matches_manifest():
    assert hashlib.sha256((DATASETS / NAME).read_bytes()).hexdigest() == MANIFEST[NAME]["sha256"]


def test_reaches_the_asserted_figure():
    b = _builder()
    model = types.SimpleNamespace(params=dl.init_transformer(b.CONFIG, np.random.default_rng(0)), layers=[])
    dl.load_weights(model, DATASETS / NAME)
    src, tgt = b.held_out()
    acc = b.exact_match(model.params, src, tgt)
    assert acc >= 0.95
    assert np.isclose(100 * acc, MANIFEST[NAME]["held_out_exact_match"])
