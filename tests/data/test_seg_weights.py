"""c4_unet.h5 / c4_unet_noskip.h5 (datasets/build_seg_weights.py): hashes match the manifest and the
figures c4/06 asserts hold for the shipped weights."""
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

import dlutils as dl

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
MANIFEST = json.loads((DATASETS / "MANIFEST.json").read_text())


@pytest.mark.parametrize("name", ["c4_unet", "c4_unet_noskip"])
def test_hash_matches_manifest(name):
    data = (DATASETS / f"{name}.h5").read_bytes()
    assert hashlib.sha256(data).hexdigest() == MANIFEST[f"{name}.h5"]["sha256"], \
        f"{name}.h5 changed; rebuild with python datasets/build_datasets.py {name}"


def test_shipped_figures():
    te = dl.load_scenes("test")
    X = te.x / 255.0 - 0.5
    rng = np.random.default_rng(0)
    unet = dl.UNet(4, (32, 32, 3), rng, skip=True).load_weights(DATASETS / "c4_unet.h5")
    plain = dl.UNet(4, (32, 32, 3), rng, skip=False).load_weights(DATASETS / "c4_unet_noskip.h5")
    miou, _ = dl.mean_iou(unet.predict(X), te.masks, 4)
    miou0, _ = dl.mean_iou(plain.predict(X), te.masks, 4)
    fig = MANIFEST["c4_unet.h5"]["figures"]
    assert miou == pytest.approx(fig["test_mean_iou"], abs=1e-3)
    assert miou >= 0.58 and miou >= miou0 + 0.04
    with pytest.raises(ValueError, match="same base and skip"):
        dl.UNet(4, (32, 32, 3), rng, skip=False).load_weights(DATASETS / "c4_unet.h5")
