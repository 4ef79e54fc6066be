"""The committed datasets: manifest, documented shapes/classes/balance, byte-for-byte
regeneration from the build script, and the loader's behaviour on broken files."""
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

import dlutils as dl

from tests.data.datasets_module import datasets_module

h5py = pytest.importorskip("h5py")

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
MANIFEST = json.loads((DATASETS / "MANIFEST.json").read_text())

# name: (m_train, m_test, classes, kind) as documented in datasets/DATA_CARD.md
DOCUMENTED = {
    "flower": (400, 200, ["red", "blue"], "points"),
    "moons": (300, 200, ["0", "1"], "points"),
    "circles": (300, 100, ["outer", "inner"], "points"),
    "noisy_2d": (200, 200, ["0", "1"], "points"),
    "cats": (209, 150, ["non-cat", "cat"], "images"),
    "signs": (1080, 120, ["0", "1", "2", "3", "4", "5"], "images"),
}


def _build_module():
    return datasets_module("build_datasets")


def _sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# -- manifest --------------------------------------------------------------------------------

def test_manifest_lists_every_committed_file_and_nothing_else():
    on_disk = sorted(p.name for p in DATASETS.glob("*.h5"))
    h5_in_manifest = sorted(f for f in MANIFEST if f.endswith(".h5"))    # text sets: tests/data/test_text_sets.py
    assert on_disk == h5_in_manifest, "datasets/*.h5 and MANIFEST.json disagree; run build_datasets.py"
    own_layout = {f for _, f in _build_module().FILE_BUILDERS.values()}   # audio: tests/audio/test_trigger.py
    # weights trained by their own build script (hash and figure tested beside their notebook)
    own_layout |= {f for f, entry in MANIFEST.items() if (DATASETS.parent / entry.get("made_by", "-")).is_file()}
    assert set(h5_in_manifest) - own_layout == {f"{n}.h5" for n in DOCUMENTED if f"{n}.h5" in MANIFEST}


@pytest.mark.parametrize("file", sorted(MANIFEST))
def test_file_matches_manifest(file):
    path = DATASETS / file
    assert path.exists(), f"{file} is in MANIFEST.json but missing"
    assert path.stat().st_size == MANIFEST[file]["bytes"]
    assert _sha(path) == MANIFEST[file]["sha256"], f"{file} changed; rebuild with build_datasets.py"


@pytest.mark.parametrize("name", [n for n in DOCUMENTED if f"{n}.h5" in MANIFEST])
def test_loads_with_documented_shapes_classes_and_balance(name):
    m_train, m_test, classes, kind = DOCUMENTED[name]
    ds = dl.load_dataset(name)
    assert ds.classes == classes
    if kind == "images":
        assert ds.train_x.shape == (m_train, 64, 64, 3) and ds.train_x.dtype == np.uint8
        assert ds.test_x.shape == (m_test, 64, 64, 3) and ds.test_x.dtype == np.uint8
        assert ds.is_images
    else:
        assert ds.train_x.shape == (2, m_train) and ds.train_x.dtype == np.float64
        assert ds.test_x.shape == (2, m_test) and np.all(np.isfinite(ds.train_x))
    assert ds.train_y.shape == (1, m_train) and ds.test_y.shape == (1, m_test)
    C = len(classes)
    for y, m in ((ds.train_y, m_train), (ds.test_y, m_test)):
        counts = np.bincount(y.ravel(), minlength=C)
        assert len(counts) == C, "labels outside 0..C-1"
        # balanced: every class within 40 % of its fair share (exactly balanced for image sets)
        assert counts.min() >= 0.6 * m / C, counts
        if kind == "images":
            assert counts.max() - counts.min() <= 1, counts
    entry = MANIFEST[f"{name}.h5"]
    assert entry["class_counts"]["train"] == np.bincount(ds.train_y.ravel(), minlength=C).tolist()
    assert entry["shapes"]["train_x"] == list(ds.train_x.shape)
    assert ds.info["licence"].startswith("CC0") and "seed" in ds.info


# -- regeneration ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["flower", "moons", "circles", "noisy_2d"])
def test_point_sets_regenerate_byte_for_byte(name, tmp_path):
    entry = _build_module().build(name, tmp_path)
    assert entry == MANIFEST[f"{name}.h5"]
    assert _sha(tmp_path / f"{name}.h5") == _sha(DATASETS / f"{name}.h5")


def test_same_seed_same_points_different_seed_different_points():
    a = dl.make_noisy_2d(np.random.default_rng(0), m=50)
    b = dl.make_noisy_2d(np.random.default_rng(0), m=50)
    c = dl.make_noisy_2d(np.random.default_rng(1), m=50)
    assert all(np.array_equal(u, v) for u, v in zip(a, b))
    assert not np.array_equal(a[0], c[0])


def test_make_noisy_2d_shapes_and_noise_level():
    X, Y = dl.make_noisy_2d(np.random.default_rng(0), m=4000, flip=0.2)
    assert X.shape == (2, 4000) and Y.shape == (1, 4000) and Y.dtype == np.int64
    clean = (X[1] - 0.35 * np.sin(3 * X[0]) > 0).astype(int)
    noise = np.mean(clean != Y)
    assert 0.05 < noise < 0.3, noise         # noisy, but the boundary is still the majority
    X0, Y0 = dl.make_noisy_2d(np.random.default_rng(0), m=500, flip=0.0)
    assert np.array_equal(Y0[0], (X0[1] - 0.35 * np.sin(3 * X0[0]) > 0).astype(int))


@pytest.mark.parametrize("kwargs, match", [
    (dict(m=1), "m must be an int"),
    (dict(flip=0.7), "flip"),
    (dict(width=0), "width"),
])
def test_make_noisy_2d_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=f"make_noisy_2d: .*{match}"):
        dl.make_noisy_2d(np.random.default_rng(0), **kwargs)


def test_make_noisy_2d_needs_rng():
    with pytest.raises(ValueError, match="make_noisy_2d"):
        dl.make_noisy_2d(None)


# -- loader on broken or foreign files -------------------------------------------------------

def _write(path, **arrays):
    with h5py.File(path, "w") as f:
        for k, v in arrays.items():
            f.create_dataset(k, data=v)
    return path


def _good_images(m=4, mt=2):
    rng = np.random.default_rng(0)
    return dict(train_set_x=rng.integers(0, 256, (m, 64, 64, 3), dtype=np.uint8),
                train_set_y=np.arange(m) % 2,
                test_set_x=rng.integers(0, 256, (mt, 64, 64, 3), dtype=np.uint8),
                test_set_y=np.arange(mt) % 2,
                list_classes=np.array([b"non-cat", b"cat"]))


def test_good_tiny_file_loads(tmp_path):
    ds = dl.load_dataset(str(_write(tmp_path / "tiny.h5", **_good_images())))
    assert ds.train_x.shape == (4, 64, 64, 3) and ds.train_y.tolist() == [[0, 1, 0, 1]]
    assert ds.classes == ["non-cat", "cat"]


def test_missing_key(tmp_path):
    arrays = _good_images()
    del arrays["test_set_y"]
    path = _write(tmp_path / "nokey.h5", **arrays)
    with pytest.raises(ValueError, match=r"load_dataset: file .*nokey\.h5 has no key 'test_set_y'"):
        dl.load_dataset(str(path))


def test_wrong_label_length(tmp_path):
    arrays = _good_images()
    arrays["train_set_y"] = np.zeros(3, dtype=np.int64)
    path = _write(tmp_path / "short.h5", **arrays)
    for call, func in ((dl.load_dataset, "load_dataset"), (dl.load_course_h5, "load_course_h5")):
        with pytest.raises(ValueError, match=rf"{func}: .*short\.h5:train_set_y has shape \(3,\) "
                                             r"but train_set_x holds 4 examples"):
            call(str(path))


def test_non_uint8_images(tmp_path):
    arrays = _good_images()
    arrays["train_set_x"] = arrays["train_set_x"].astype(np.float32)
    path = _write(tmp_path / "float.h5", **arrays)
    for call, func in ((dl.load_dataset, "load_dataset"), (dl.load_course_h5, "load_course_h5")):
        with pytest.raises(ValueError, match=rf"{func}: .*float\.h5:train_set_x has dtype float32, "
                                             r"expected uint8"):
            call(str(path))


def test_nan_points(tmp_path):
    x = np.zeros((5, 2))
    x[2, 1] = np.nan
    path = _write(tmp_path / "nan.h5", train_set_x=x, train_set_y=np.arange(5) % 2,
                  test_set_x=np.zeros((2, 2)), test_set_y=np.array([0, 1]))
    with pytest.raises(ValueError, match=r"load_dataset: .*nan\.h5:train_set_x contains NaN"):
        dl.load_dataset(str(path))


def test_text_file_renamed_h5(tmp_path):
    path = tmp_path / "notes.h5"
    path.write_text("this is not an HDF5 file\n")
    for call, func in ((dl.load_dataset, "load_dataset"), (dl.load_course_h5, "load_course_h5")):
        with pytest.raises(ValueError, match=rf"{func}: .*notes\.h5 is not a readable HDF5 file"):
            call(str(path))


def test_truncated_copy_of_a_real_file(tmp_path):
    src = (DATASETS / "flower.h5").read_bytes()
    path = tmp_path / "cut.h5"
    path.write_bytes(src[: len(src) // 3])
    with pytest.raises(ValueError, match=r"load_dataset: .*cut\.h5"):
        dl.load_dataset(str(path))


def test_train_and_test_images_of_different_size(tmp_path):
    arrays = _good_images()
    arrays["test_set_x"] = np.zeros((2, 32, 32, 3), dtype=np.uint8)
    path = _write(tmp_path / "mixed.h5", **arrays)
    with pytest.raises(ValueError, match=r"load_dataset: .*mixed\.h5: train examples have shape"):
        dl.load_dataset(str(path))


def test_unknown_name_lists_the_available_sets():
    with pytest.raises(ValueError, match=r"load_dataset: no dataset 'kittens'.*flower"):
        dl.load_dataset("kittens")


def test_load_course_h5_reads_the_original_layout(tmp_path):
    rng = np.random.default_rng(1)
    train_x = rng.integers(0, 256, (6, 64, 64, 3), dtype=np.uint8)
    test_x = rng.integers(0, 256, (3, 64, 64, 3), dtype=np.uint8)
    train = _write(tmp_path / "train_catvnoncat.h5", train_set_x=train_x,
                   train_set_y=np.array([0, 1, 1, 0, 0, 1]), list_classes=np.array([b"non-cat", b"cat"]))
    test = _write(tmp_path / "test_catvnoncat.h5", test_set_x=test_x,
                  test_set_y=np.array([1, 0, 1]), list_classes=np.array([b"non-cat", b"cat"]))
    d = dl.load_course_h5(str(train), str(test))
    assert d["X_train"].shape == (12288, 6) and d["X_test"].shape == (12288, 3)
    assert d["Y_train"].shape == (1, 6) and d["Y_test"].tolist() == [[1, 0, 1]]
    assert d["classes"] == ["non-cat", "cat"]
    assert d["X_train"].dtype == np.float64 and d["X_train"].max() <= 1.0
    # column j is image j flattened (row-major over height, width, channel), divided by 255
    np.testing.assert_allclose(d["X_train"][:, 4], train_x[4].reshape(-1) / 255.0)
    np.testing.assert_array_equal(dl.unflatten_images(np.round(d["X_test"] * 255)).astype(np.uint8), test_x)


def test_load_course_h5_without_images(tmp_path):
    path = _write(tmp_path / "empty.h5", something=np.zeros(3))
    with pytest.raises(ValueError, match=r"load_course_h5: .*empty\.h5 has neither 'train_set_x'"):
        dl.load_course_h5(str(path))


# -- image sets ------------------------------------------------------------------------------

def _mean_colour(x):
    return x.reshape(len(x), -1, 3).mean(axis=1).T / 255.0          # (3, m)


@pytest.mark.skipif("cats.h5" not in MANIFEST, reason="cats.h5 not built yet")
def test_cats_class_cannot_be_read_off_mean_colour():
    ds = dl.load_dataset("cats")
    A, B = _mean_colour(ds.train_x), _mean_colour(ds.test_x)
    A, mu, sd = dl.standardize(A)
    B = (B - mu) / sd
    model = dl.LogisticRegression(3)
    dl.train(model, A, ds.train_y, learning_rate=0.5, num_iterations=2000, record_every=2000)
    _, acc = dl.evaluate(model, B, ds.test_y)
    assert acc < 65, f"mean colour predicts cat/non-cat on test with {acc:.1f}%"
    # and the class means of the mean colour are close (a few grey levels out of 255)
    gap = np.abs(A[:, ds.train_y[0] == 1].mean(axis=1) - A[:, ds.train_y[0] == 0].mean(axis=1)) * sd[:, 0]
    assert np.all(gap * 255 < 15), gap * 255


@pytest.mark.skipif("cats.h5" not in MANIFEST, reason="cats.h5 not built yet")
def test_cats_regenerate_byte_for_byte(tmp_path):
    entry = _build_module().build("cats", tmp_path)
    assert entry["sha256"] == MANIFEST["cats.h5"]["sha256"]


@pytest.mark.skipif("signs.h5" not in MANIFEST, reason="signs.h5 not built yet")
def test_signs_first_pictures_regenerate_exactly():
    # rebuilding all 1200 pictures takes a while; the first ones come from the same rng stream
    build = _build_module()
    part = build.image_splits(build.SIGNS, limit=12)
    x, y = part["train"]
    ds = dl.load_dataset("signs")
    np.testing.assert_array_equal(y, ds.train_y[:, :12])
    np.testing.assert_array_equal(x, ds.train_x[:12])


@pytest.mark.skipif("signs.h5" not in MANIFEST, reason="signs.h5 not built yet")
def test_signs_mean_colour_is_no_cue():
    ds = dl.load_dataset("signs")
    A, B = _mean_colour(ds.train_x), _mean_colour(ds.test_x)
    A, mu, sd = dl.standardize(A)
    model = dl.DeepNet([3, 6], output="softmax", params={"W1": np.zeros((6, 3)), "b1": np.zeros((6, 1))})
    dl.train(model, A, dl.one_hot(ds.train_y, 6), learning_rate=0.5, num_iterations=1000, record_every=1000)
    _, acc = dl.evaluate(model, (B - mu) / sd, dl.one_hot(ds.test_y, 6))
    assert acc < 35, f"mean colour predicts the finger count with {acc:.1f}% (chance 16.7%)"
