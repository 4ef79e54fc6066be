"""Train the Course 4 weights that notebooks c4/02 and c4/04 load (weights trained here, never downloaded).

    python datasets/build_c4_weights.py            # train both, write datasets/c4_*.h5, update MANIFEST.json
    python datasets/build_c4_weights.py --check    # retrain in a temp dir; exit 1 unless the bytes match
    python datasets/build_datasets.py c4_signs_cnn # the same, through the datasets builder

Two files, each written by ``dl.save_weights`` (h5py, gzip, no pickle):

- ``c4_signs_cnn.h5``: the c4/02 hand-sign CNN (``signs_cnn_layers()`` on 32x32 images, see
  ``signs_inputs``), trained on the 1080 signs training images with flips and shifts, Adam and a
  cosine learning-rate decay. The notebook trains the same net for a few epochs live, then
  loads these weights and asserts their test accuracy (>= 85 %).
- ``c4_objects_cnn.h5``: the c4/04 pretrained base. A larger related task built from our own
  drawing code: 9 kinds of object (cat faces, other animal faces, birds, smileys, houses, trees,
  flowers, cars, shapes) on the cats set's backgrounds, 3600 pictures (``object_scenes``; seed
  11, never the cats seeds). A small MobileNet-style net (``objects_cnn_layers()``) learns them;
  c4/04 freezes its base and trains a new cat / non-cat head on a few cats images.

Same code, numpy and BLAS thread count (use ``OPENBLAS_NUM_THREADS=1``) give the same bytes;
another BLAS or CPU may change the last bits of the float64 sums and so the hash (the
accuracies stay). Takes about 5 minutes on one core.
"""
import argparse
import hashlib
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

import dlutils as dl

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "MANIFEST.json"

SIGNS_RECIPE = dict(seed=0, num_epochs=80, learning_rate=0.003, mini_batch_size=32, max_shift=3, keep_prob=0.8)
OBJECTS_RECIPE = dict(seed=11, m=3600, m_dev=400, num_epochs=12, learning_rate=0.003, mini_batch_size=32)
FILES = {"c4_signs_cnn": "c4_signs_cnn.h5", "c4_objects_cnn": "c4_objects_cnn.h5"}


def _load_local(name):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


# -- what the notebooks share with this script (they write the same lines inline) -----------------

def signs_inputs(images):
    """uint8 (m, 64, 64, 3) -> float (m, 32, 32, 3) in [0, 1]: 2x2 average of the pixels."""
    m = images.shape[0]
    return (images / 255.0).reshape(m, 32, 2, 32, 2, 3).mean(axis=(2, 4))


def signs_cnn_layers(keep_prob=None):
    """c4/02's net: three Conv(3x3, same) -> ReLU -> MaxPool(2) stages, Flatten, Dense(6)."""
    keep_prob = SIGNS_RECIPE["keep_prob"] if keep_prob is None else keep_prob
    return ([dl.Conv2D(16, 3, activation="relu"), dl.MaxPool2D(2),
             dl.Conv2D(32, 3, activation="relu"), dl.MaxPool2D(2),
             dl.Conv2D(64, 3, activation="relu"), dl.MaxPool2D(2), dl.Flatten()]
            + ([dl.Dropout(keep_prob)] if keep_prob < 1 else []) + [dl.Dense(6, activation="softmax")])


def centre(X, X_train):
    """Subtract the training images' mean colour (one number per channel)."""
    return X - X_train.mean(axis=(0, 1, 2))


def flip_and_shift(max_shift):
    """Augmentation: a random left-right flip, then a shift by up to max_shift pixels (edge pixels fill in)."""
    return lambda X, rng: dl.random_shift(dl.random_flip(X, rng), rng, max_shift, fill="edge")


def objects_cnn_layers(n_out=9):
    """c4/04's MobileNet-style base: a 3x3 conv, then two depthwise-separable blocks, then a head."""
    return [dl.Conv2D(16, 3, activation="relu"), dl.MaxPool2D(2),
            dl.DepthwiseConv2D(3), dl.Conv2D(32, 1, activation="relu"), dl.MaxPool2D(2),
            dl.DepthwiseConv2D(3), dl.Conv2D(64, 1, activation="relu"), dl.MaxPool2D(2),
            dl.Flatten(), dl.Dense(n_out, activation="softmax" if n_out > 1 else "sigmoid")]


def cosine_decay(num_epochs):
    """Learning rate ``lr0 (1 + cos(pi epoch / num_epochs)) / 2`` per epoch."""
    return lambda lr0, epoch: lr0 * 0.5 * (1.0 + np.cos(np.pi * epoch / num_epochs))


OBJECT_KINDS = ["cat", "animal", "bird", "smiley", "house", "tree", "flower", "car", "shapes"]


def object_scenes(m, seed):
    """``m`` 64x64 pictures of one of 9 objects each (balanced, shuffled) and their labels (1, m)."""
    d = _load_local("drawing")                     # scenes.py does `import drawing`
    scenes = _load_local("scenes")
    draw = [scenes.cat_face, scenes.animal_face, scenes.bird_face, scenes.smiley, scenes.house,
            scenes.tree, scenes.flower, scenes.car, scenes.shapes]
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.arange(m) % len(draw))
    images = []
    for k in y:
        img = d.background(rng)
        cx, cy, s, th = scenes.pose(rng, s_lo=9.0, s_hi=17.0, margin=0.0, max_rot=0.0)
        draw[k](img, rng, cx, cy, s, th)
        images.append(d.finish(img, rng))
    return np.stack(images), y.reshape(1, -1)


# -- training --------------------------------------------------------------------------------------

def train_signs_cnn(verbose=False):
    r = SIGNS_RECIPE
    signs = dl.load_dataset("signs")
    X, X_test = signs_inputs(signs.train_x), signs_inputs(signs.test_x)
    X, X_test = centre(X, X), centre(X_test, X)
    rng = np.random.default_rng(r["seed"])
    model = dl.Sequential(signs_cnn_layers(), input_shape=(32, 32, 3), rng=rng)
    model.fit(X, signs.train_y, learning_rate=r["learning_rate"], mini_batch_size=r["mini_batch_size"],
              num_epochs=r["num_epochs"], decay=cosine_decay(r["num_epochs"]),
              augment=flip_and_shift(r["max_shift"]), rng=rng, verbose=verbose)
    return model, {"examples": X.shape[0], "train_accuracy": round(model.evaluate(X, signs.train_y)["accuracy"], 2),
                   "test_accuracy": round(model.evaluate(X_test, signs.test_y)["accuracy"], 2)}


def train_objects_cnn(verbose=False):
    r = OBJECTS_RECIPE
    images, y = object_scenes(r["m"] + r["m_dev"], r["seed"])
    X = signs_inputs(images)
    X_train, y_train, X_dev, y_dev = X[:r["m"]], y[:, :r["m"]], X[r["m"]:], y[:, r["m"]:]
    rng = np.random.default_rng(r["seed"])
    model = dl.Sequential(objects_cnn_layers(), input_shape=(32, 32, 3), rng=rng)
    model.fit(X_train, y_train, learning_rate=r["learning_rate"], mini_batch_size=r["mini_batch_size"],
              num_epochs=r["num_epochs"], decay=cosine_decay(r["num_epochs"]),
              augment=dl.make_augment(flip=True, max_shift=2), rng=rng, verbose=verbose)
    return model, {"examples": X_train.shape[0], "train_accuracy": round(model.evaluate(X_train, y_train)["accuracy"], 2),
                   "dev_accuracy": round(model.evaluate(X_dev, y_dev)["accuracy"], 2)}


TRAINERS = {"c4_signs_cnn": train_signs_cnn, "c4_objects_cnn": train_objects_cnn}


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def build(name, out_dir, verbose=False):
    """Train ``name``, write ``out_dir/<name>.h5`` and return its manifest entry."""
    model, figures = TRAINERS[name](verbose=verbose)
    path = Path(out_dir) / FILES[name]
    dl.save_weights(model, path)
    return {"sha256": sha256(path), "bytes": path.stat().st_size, "kind": "dl.save_weights",
            "layers": [l.describe() for l in model.layers], "parameters": model.count_params(),
            "made_by": "datasets/build_c4_weights.py", "examples": figures.pop("examples"), **figures}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help=f"weights to train (default: all of {list(FILES)})")
    parser.add_argument("--check", action="store_true", help="retrain in a temp dir and compare")
    args = parser.parse_args(argv)
    names = args.names or list(FILES)
    manifest = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {}
    if args.check:
        bad = 0
        with tempfile.TemporaryDirectory() as tmp:
            for name in names:
                e = build(name, tmp)
                ok = manifest.get(FILES[name], {}).get("sha256") == e["sha256"] == sha256(HERE / FILES[name])
                bad += not ok
                print(f"{FILES[name]:20s} {e['sha256'][:16]} {'ok' if ok else 'MISMATCH'} {e}")
        return 1 if bad else 0
    for name in names:
        manifest[FILES[name]] = e = build(name, HERE, verbose=True)
        print(f"{FILES[name]:20s} {e['sha256'][:16]} {e['bytes']:>9,d} bytes {e}")
    MANIFEST.write_text(json.dumps(dict(sorted(manifest.items())), indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
