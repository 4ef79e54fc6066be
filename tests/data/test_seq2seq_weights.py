"""The date translators trained here (datasets/build_seq2seq_weights.py): hash, layout, and the
figures notebook c5/07 asserts (attention >= 95 % exact match on held-out dates, better than without)."""
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


def _builder():
    return datasets_module("build_seq2seq_weights")


def _load(name, attention):
    b = _builder()
    cfg = b.config(attention)
    model = types.SimpleNamespace(params=dl.init_seq2seq(cfg, np.random.default_rng(0)), layers=[])
    dl.load_weights(model, DATASETS / name)
    return model.params, cfg


@pytest.mark.parametrize("name", ["c5_dates_attention.h5", "c5_dates_no_attention.h5"])
def test_hash_matches_manifest(name):
    assert hashlib.sha256((DATASETS / name).read_bytes()).hexdigest() == MANIFEST[name]["sha256"]


def test_attention_reaches_the_asserted_figure_and_beats_no_attention():
    b = _builder()
    X, Y, _, _ = b.held_out()
    pa, ca = _load("c5_dates_attention.h5", True)
    pn, cn = _load("c5_dates_no_attention.h5", False)
    acc_a, acc_n = b.exact_match(pa, ca, X, Y), b.exact_match(pn, cn, X, Y)
    assert acc_a >= 0.95
    assert acc_a > acc_n
    assert np.isclose(100 * acc_a, MANIFEST["c5_dates_attention.h5"]["held_out_exact_match"])
