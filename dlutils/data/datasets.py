"""Data files and image layouts: load and save our ``.h5`` datasets, read the course's files.

File layout (ours and the original course's): examples along axis 0, as HDF5 is usually
written: ``train_set_x`` ``(m, 64, 64, 3)`` uint8 images (or ``(m, n_x)`` float points),
``train_set_y`` ``(m,)``, ``test_set_x``, ``test_set_y``, ``list_classes`` (bytes).
In memory, dense nets use the course layout ``X`` ``(n_x, m)`` and ``Y`` ``(1, m)``:
``flatten_images`` turns ``(m, 64, 64, 3)`` into ``(12288, m)``.

Files are read with h5py only (no pickle anywhere). Our files live in the repository's
``datasets/`` folder (or ``$DLUTILS_DATASETS``); a missing file, key, wrong shape or dtype
is a ``ValueError`` naming the file and the key.
Taught in: c1/02 (flatten, standardize), c1/05 (your own picture).
"""
import io
import os
from pathlib import Path
from typing import NamedTuple

import numpy as np

__all__ = [
    "Dataset", "datasets_dir", "dataset_path", "list_datasets", "load_dataset", "save_dataset",
    "load_course_h5", "flatten_images", "unflatten_images", "standardize_images", "standardize",
    "load_image", "train_dev_split",
]

KEYS = ("train_set_x", "train_set_y", "test_set_x", "test_set_y")


class Dataset(NamedTuple):
    """A loaded dataset. Image sets keep ``x`` as stored, ``(m, 64, 64, 3)`` uint8 (flatten
    with ``dl.flatten_images``); point sets give ``x`` as ``(n_x, m)``. Labels are ``(1, m)`` ints."""
    name: str
    train_x: np.ndarray
    train_y: np.ndarray
    test_x: np.ndarray
    test_y: np.ndarray
    classes: list
    info: dict

    @property
    def is_images(self):
        return self.train_x.ndim == 4


def datasets_dir():
    """Folder holding the ``.h5`` files: ``$DLUTILS_DATASETS`` or ``<repo>/datasets``."""
    env = os.environ.get("DLUTILS_DATASETS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "datasets"


def list_datasets():
    """Names of the datasets shipped in ``datasets_dir()``."""
    d = datasets_dir()
    return sorted(p.stem for p in d.glob("*.h5")) if d.is_dir() else []


def dataset_path(name):
    if not isinstance(name, str) or not name:
        raise ValueError(f"load_dataset: name must be a dataset name such as 'flower', got {name!r}.")
    p = Path(name)
    if p.suffix == ".h5" or p.is_absolute() or len(p.parts) > 1:
        return p
    path = datasets_dir() / f"{name}.h5"
    if not path.exists():
        raise ValueError(f"load_dataset: no dataset {name!r} in {datasets_dir()}; available: "
                         f"{list_datasets()}. Rebuild them with `python datasets/build_datasets.py`.")
    return path


def _h5py():
    try:
        import h5py
    except ImportError as exc:  # pragma: no cover - h5py is in requirements.txt
        raise ImportError("dlutils needs h5py to read .h5 files: pip install -r requirements.txt") from exc
    return h5py


def _read(f, path, key, func):
    if key not in f:
        raise ValueError(f"{func}: file {path} has no key {key!r} (it has {sorted(f.keys())}); "
                         f"is it a dataset in the course layout?")
    obj = f[key]
    if not hasattr(obj, "shape"):
        raise ValueError(f"{func}: {path}:{key} is a group, expected an array.")
    return obj[()]


def _check_xy(func, path, split, x, y):
    if x.ndim not in (2, 4):
        raise ValueError(f"{func}: {path}:{split}_set_x has shape {x.shape}; expected (m, n_x) "
                         f"points or (m, height, width, channels) images.")
    if x.ndim == 4 and x.dtype != np.uint8:
        raise ValueError(f"{func}: {path}:{split}_set_x has dtype {x.dtype}, expected uint8 images.")
    if x.dtype.kind not in "fiu":
        raise ValueError(f"{func}: {path}:{split}_set_x has dtype {x.dtype}, expected numbers.")
    y = np.asarray(y)
    if y.ndim == 2 and 1 in y.shape:
        y = y.reshape(-1)
    if y.ndim != 1 or y.shape[0] != x.shape[0]:
        raise ValueError(f"{func}: {path}:{split}_set_y has shape {y.shape} but {split}_set_x holds "
                         f"{x.shape[0]} examples; the file is corrupt or mismatched.")
    if y.dtype.kind not in "iub" and not (y.dtype.kind == "f" and np.all(y == np.round(y))):
        raise ValueError(f"{func}: {path}:{split}_set_y has dtype {y.dtype}, expected integer labels.")
    if x.dtype.kind == "f" and not np.all(np.isfinite(x)):
        raise ValueError(f"{func}: {path}:{split}_set_x contains NaN or inf; the file is corrupt.")
    return x, y.astype(np.int64).reshape(1, -1)


def _open(path, func):
    h5py = _h5py()
    path = Path(path)
    if not path.exists():
        raise ValueError(f"{func}: file {path} does not exist.")
    try:
        return h5py.File(path, "r")
    except OSError as exc:
        raise ValueError(f"{func}: {path} is not a readable HDF5 file ({exc}); is it corrupt or "
                         f"truncated? Rebuild ours with `python datasets/build_datasets.py`.") from None


def _classes(f):
    if "list_classes" not in f:
        return []
    return [c.decode() if isinstance(c, bytes) else str(c) for c in f["list_classes"][()]]


def load_dataset(name):
    """Load one of our datasets by name (``dl.list_datasets()``) or a path to an ``.h5`` file.

    Returns a ``Dataset``: images ``(m, 64, 64, 3)`` uint8 as stored; 2-D points as ``(2, m)``.
    """
    func = "load_dataset"
    path = dataset_path(name)
    with _open(path, func) as f:
        arrays = {k: _read(f, path, k, func) for k in KEYS}
        classes = _classes(f)
        info = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in f.attrs.items()}
    tx, ty = _check_xy(func, path, "train", arrays["train_set_x"], arrays["train_set_y"])
    vx, vy = _check_xy(func, path, "test", arrays["test_set_x"], arrays["test_set_y"])
    if tx.shape[1:] != vx.shape[1:]:
        raise ValueError(f"{func}: {path}: train examples have shape {tx.shape[1:]} but test examples "
                         f"{vx.shape[1:]}; the file is mismatched.")
    if tx.ndim == 2:  # points: to the course layout (n_x, m)
        tx, vx = tx.T.astype(np.float64), vx.T.astype(np.float64)
    return Dataset(Path(path).stem, tx, ty, vx, vy, classes, info)


def save_dataset(path, train_x, train_y, test_x, test_y, classes, attrs=None, compression=None):
    """Write a dataset in the course file layout, reproducibly (no timestamps in the file).

    ``train_x``: images ``(m, h, w, c)`` uint8, or points in the course layout ``(n_x, m)``.
    ``compression="gzip"`` compresses the x arrays (deterministic: same data, same bytes).
    """
    func = "save_dataset"
    h5py = _h5py()
    arrays = {}
    for split, x, y in (("train", train_x, train_y), ("test", test_x, test_y)):
        x = np.asarray(x)
        if x.ndim == 2:
            x = np.ascontiguousarray(x.T)  # store examples along axis 0
        x, y2 = _check_xy(func, path, split, x, np.asarray(y).reshape(-1))
        arrays[f"{split}_set_x"], arrays[f"{split}_set_y"] = x, y2.reshape(-1)
    with h5py.File(path, "w", libver="earliest", track_order=False) as f:
        for k in KEYS:
            comp = compression if k.endswith("_x") else None
            f.create_dataset(k, data=arrays[k], track_times=False, compression=comp)
        f.create_dataset("list_classes", data=np.array([c.encode() for c in classes]), track_times=False)
        for k, v in (attrs or {}).items():
            f.attrs[k] = v
    return Path(path)


def load_course_h5(*paths, flatten=True):
    """Read files in the original course's layout (e.g. its train and test ``.h5`` files).

    Each file may hold ``train_set_x``/``train_set_y`` and/or ``test_set_x``/``test_set_y``
    (images ``(m, 64, 64, 3)`` uint8, labels ``(m,)``) and ``list_classes`` (bytes).
    Returns a dict with ``X_train``/``Y_train`` and/or ``X_test``/``Y_test`` in the course layout
    (``(12288, m)`` standardized by 255 when ``flatten``, else the raw images) and ``classes``.
    """
    func = "load_course_h5"
    if not paths:
        raise ValueError(f"{func}: give at least one file path, e.g. load_course_h5('train.h5', 'test.h5').")
    out = {}
    for path in paths:
        with _open(path, func) as f:
            found = False
            for split in ("train", "test"):
                if f"{split}_set_x" in f:
                    found = True
                    x = _read(f, path, f"{split}_set_x", func)
                    y = _read(f, path, f"{split}_set_y", func)
                    x, y = _check_xy(func, path, split, x, y)
                    out[f"X_{split}" if flatten else f"{split}_x"] = (
                        standardize_images(flatten_images(x)) if flatten and x.ndim == 4 else x)
                    out[f"Y_{split}" if flatten else f"{split}_y"] = y
            if not found:
                raise ValueError(f"{func}: {path} has neither 'train_set_x' nor 'test_set_x' "
                                 f"(keys: {sorted(f.keys())}).")
            out.setdefault("classes", _classes(f))
    return out


def flatten_images(x):
    """``(m, h, w, c)`` -> ``(h*w*c, m)``: one image per column, as dense nets expect."""
    x = np.asarray(x)
    if x.ndim != 4:
        raise ValueError(f"flatten_images: expected images (m, height, width, channels), got shape "
                         f"{x.shape}; a single image needs x[None] to add the m axis.")
    return x.reshape(x.shape[0], -1).T


def unflatten_images(X, shape=(64, 64, 3)):
    """Inverse of ``flatten_images``: ``(h*w*c, m)`` -> ``(m, h, w, c)``."""
    X = np.asarray(X)
    if X.ndim != 2 or X.shape[0] != int(np.prod(shape)):
        raise ValueError(f"unflatten_images: X has shape {X.shape}, expected ({int(np.prod(shape))}, m) "
                         f"for images of shape {shape}.")
    return X.T.reshape((X.shape[1],) + tuple(shape))


def standardize_images(X):
    """Pixel values 0..255 -> 0..1 (float64): the course's 'standardize' for images."""
    X = np.asarray(X)
    if X.dtype.kind not in "uif":
        raise ValueError(f"standardize_images: expected numbers, got dtype {X.dtype}.")
    return X.astype(np.float64) / 255.0


def standardize(X, mean=None, std=None):
    """Zero mean, unit variance per feature (row). Returns ``(X_norm, mean, std)``.

    Compute ``mean``/``std`` on the training set, then pass them for dev and test sets.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"standardize: X must be (n_x, m), got shape {X.shape}.")
    if mean is None:
        mean = X.mean(axis=1, keepdims=True)
    if std is None:
        std = X.std(axis=1, keepdims=True)
    std = np.where(std > 0, std, 1.0)
    return (X - mean) / std, mean, std


def load_image(source, size=64):
    """A picture (path, bytes or file-like) -> ``(1, size, size, 3)`` uint8, centre-cropped square.

    Use it to classify your own picture: ``dl.flatten_images(dl.load_image(path)) / 255``.
    """
    from PIL import Image  # Pillow comes with matplotlib

    try:
        if isinstance(source, (bytes, bytearray, memoryview)):
            img = Image.open(io.BytesIO(bytes(source)))
        else:
            img = Image.open(source)
        img = img.convert("RGB")
    except (OSError, ValueError) as exc:
        raise ValueError(f"load_image: could not read a picture from {str(source)[:80]!r} ({exc}); "
                         f"give a PNG or JPEG file.") from None
    w, h = img.size
    side = min(w, h)
    img = img.crop(((w - side) // 2, (h - side) // 2, (w - side) // 2 + side, (h - side) // 2 + side))
    img = img.resize((size, size), Image.BILINEAR)
    return np.asarray(img, dtype=np.uint8)[None]


def train_dev_split(X, Y, dev_fraction=0.2, rng=None):
    """Shuffle columns and split into ``(X_train, Y_train, X_dev, Y_dev)``."""
    from ..validation import check_rng
    check_rng("train_dev_split", rng)
    X, Y = np.asarray(X), np.asarray(Y)
    if X.shape[-1] != Y.shape[-1]:
        raise ValueError(f"train_dev_split: X has {X.shape[-1]} examples but Y has {Y.shape[-1]}.")
    if not 0 < dev_fraction < 1:
        raise ValueError(f"train_dev_split: dev_fraction must lie in (0, 1), got {dev_fraction!r}.")
    m = X.shape[-1]
    perm = rng.permutation(m)
    n_dev = max(1, int(round(dev_fraction * m)))
    dev, tr = perm[:n_dev], perm[n_dev:]
    return X[..., tr], Y[..., tr], X[..., dev], Y[..., dev]
