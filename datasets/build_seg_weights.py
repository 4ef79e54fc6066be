"""U-Net weights for c4/06 semantic segmentation (c4_unet.h5, c4_unet_noskip.h5), trained here.

Recipe ``RECIPE``: ``dl.UNet(4, (32, 32, 3), rng(seed), base=8, skip=...)`` on all 2000 training
scenes (pixels / 255 - 0.5), per-pixel cross-entropy weighted by class (``class_weights``), Adam (learning rate 0.005 / (1 + 0.25 epoch)), mini-batches of 32, ``epochs`` epochs; the no-skip network is
the same with the concatenations removed, trained by the same recipe and seed. Takes several
minutes per network on 2 cores, more than the notebook's minute: the notebook trains one live
epoch to show learning, then loads these (CONVENTIONS section 4).
Rebuild: ``python datasets/build_datasets.py c4_unet c4_unet_noskip``. Same code + same numpy +
same BLAS = same bytes; another BLAS may round differently (the test then checks the figures).
"""
import hashlib
import sys
import time
from pathlib import Path

import numpy as np

import dlutils as dl

RECIPE = dict(seed=2, base=8, learning_rate=0.005, decay=0.25, mini_batch_size=32, epochs=12,
              class_weights=[1.0, 4.0, 6.0, 6.0])     # about 1 / sqrt(pixel share), background 1
FILES = {"c4_unet": True, "c4_unet_noskip": False}


def train(skip, recipe=RECIPE, checkpoint_dir=None, verbose=True):
    tr, te = dl.load_scenes("train"), dl.load_scenes("test")
    X, Xt = tr.x / 255.0 - 0.5, te.x / 255.0 - 0.5
    net = dl.UNet(4, (32, 32, 3), np.random.default_rng(recipe["seed"]), base=recipe["base"], skip=skip,
                  class_weights=recipe["class_weights"])
    t0 = time.time()
    figures = {}
    for e in range(recipe["epochs"]):
        lr = recipe["learning_rate"] / (1.0 + recipe.get("decay", 0.0) * e)      # inverse-time decay per epoch
        net.fit(X, tr.masks, learning_rate=lr, mini_batch_size=recipe["mini_batch_size"])
        p = net.predict(Xt)
        miou, per = dl.mean_iou(p, te.masks, 4)
        figures = {"epochs": e + 1, "test_mean_iou": round(miou, 4), "test_pixel_accuracy": round(dl.pixel_accuracy(p, te.masks), 4),
                   "test_iou_per_class": {str(k): round(v, 4) for k, v in per.items()}}
        if verbose:
            print(f"skip={skip} epoch {e + 1}: {time.time() - t0:.0f} s {figures}", flush=True)
        if checkpoint_dir:
            net.save_weights(Path(checkpoint_dir) / f"{'skip' if skip else 'noskip'}_e{e + 1}.h5")
    return net, figures


def build(name, out_dir):
    if name not in FILES:
        raise ValueError(f"build_seg_weights.build: unknown set {name!r}; choose from {list(FILES)}")
    net, figures = train(FILES[name])
    path = net.save_weights(Path(out_dir) / f"{name}.h5")      # the same bytes as a checkpoint of train()
    data = path.read_bytes()
    return {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data), "examples": 2000,
            "layout": "dl.UNet.save_weights: groups enc1, enc2, mid, dec2, dec1", "parameters": net.count_params(),
            "recipe": RECIPE, "skip": FILES[name], "figures": figures}


if __name__ == "__main__":
    skip = sys.argv[1] == "1"
    train(skip, dict(RECIPE, epochs=int(sys.argv[2])), checkpoint_dir=sys.argv[3])
