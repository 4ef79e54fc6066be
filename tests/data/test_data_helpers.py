"""Image and array helpers in dlutils.data (file loading is covered by test_datasets.py)."""
import io

import numpy as np
import pytest

import dlutils as dl


def _images(rng, m=5, size=4):
    return rng.integers(0, 256, (m, size, size, 3), dtype=np.uint8)


def test_flatten_unflatten_roundtrip(rng):
    x = _images(rng, 5, 4)
    X = dl.flatten_images(x)
    assert X.shape == (48, 5)
    np.testing.assert_array_equal(X[:, 2], x[2].ravel())   # one image per column
    np.testing.assert_array_equal(dl.unflatten_images(X, (4, 4, 3)), x)


def test_standardize_images_golden():
    X = np.array([[0, 255], [51, 102]], dtype=np.uint8)
    out = dl.standardize_images(X)
    assert out.dtype == np.float64
    np.testing.assert_allclose(out, [[0.0, 1.0], [0.2, 0.4]])


def test_standardize_uses_train_statistics(rng):
    X = rng.normal(5.0, 3.0, (3, 200))
    Xn, mean, std = dl.standardize(X)
    np.testing.assert_allclose(Xn.mean(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(Xn.std(axis=1), 1.0, rtol=1e-12)
    X_test = rng.normal(5.0, 3.0, (3, 10))
    Xt, m2, s2 = dl.standardize(X_test, mean, std)
    np.testing.assert_array_equal(m2, mean)
    np.testing.assert_array_equal(s2, std)
    np.testing.assert_allclose(Xt, (X_test - mean) / std)
    const = np.ones((2, 4))
    assert np.all(np.isfinite(dl.standardize(const)[0]))   # zero variance: no division by 0


def test_train_dev_split(rng):
    X = np.arange(20.0).reshape(2, 10)
    Y = np.arange(10).reshape(1, 10)
    Xtr, Ytr, Xd, Yd = dl.train_dev_split(X, Y, 0.3, rng)
    assert Xtr.shape == (2, 7) and Xd.shape == (2, 3)
    assert sorted(np.concatenate([Ytr[0], Yd[0]])) == list(range(10))
    np.testing.assert_array_equal(Xtr[0], Ytr[0])            # columns still paired
    np.testing.assert_array_equal(Xd[1], Yd[0] + 10)
    again = dl.train_dev_split(X, Y, 0.3, np.random.default_rng(0))
    np.testing.assert_array_equal(again[3], Yd)


def test_train_dev_split_images_along_last_axis(rng):
    X = dl.flatten_images(_images(rng, 8, 2))
    Xtr, Ytr, Xd, Yd = dl.train_dev_split(X, np.ones((1, 8)), 0.25, rng)
    assert Xtr.shape == (12, 6) and Xd.shape == (12, 2)


def _png_bytes(w, h, color):
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (w, h), color).save(buf, format="PNG")
    return buf.getvalue()


def test_load_image_path_bytes_and_crop(tmp_path):
    data = _png_bytes(120, 80, (200, 10, 30))
    p = tmp_path / "me.png"
    p.write_bytes(data)
    for src in (p, str(p), data, io.BytesIO(data)):
        img = dl.load_image(src)
        assert img.shape == (1, 64, 64, 3) and img.dtype == np.uint8
        np.testing.assert_array_equal(img[0, 10, 10], [200, 10, 30])
    assert dl.load_image(data, size=16).shape == (1, 16, 16, 3)
    X = dl.standardize_images(dl.flatten_images(dl.load_image(data)))
    assert X.shape == (12288, 1) and X.max() <= 1.0


def test_save_and_load_image_dataset_roundtrip(tmp_path, rng):
    tx, vx = _images(rng, 6, 8), _images(rng, 2, 8)
    ty, vy = np.array([0, 1, 0, 1, 1, 0]), np.array([[1, 0]])
    path = dl.save_dataset(tmp_path / "tiny.h5", tx, ty, vx, vy, ["non-cat", "cat"], attrs={"seed": 3})
    ds = dl.load_dataset(str(path))
    assert ds.name == "tiny" and ds.is_images and ds.classes == ["non-cat", "cat"]
    np.testing.assert_array_equal(ds.train_x, tx)
    np.testing.assert_array_equal(ds.train_y, ty.reshape(1, -1))
    np.testing.assert_array_equal(ds.test_y, vy)
    assert ds.info["seed"] == 3


def test_save_and_load_point_dataset_roundtrip(tmp_path, rng):
    X, Y = dl.make_moons(rng, m=30)
    path = dl.save_dataset(tmp_path / "pts.h5", X[:, :20], Y[:, :20], X[:, 20:], Y[:, 20:], ["a", "b"])
    ds = dl.load_dataset(path.as_posix())
    assert not ds.is_images
    np.testing.assert_array_equal(ds.train_x, X[:, :20])
    np.testing.assert_array_equal(ds.test_y, Y[:, 20:])


# ---- bad input ----------------------------------------------------------------------------
def test_flatten_bad_input(rng):
    with pytest.raises(ValueError, match=r"flatten_images: expected images \(m, height, width, channels\), got "
                                         r"shape \(4, 4, 3\); a single image needs x\[None\]"):
        dl.flatten_images(_images(rng, 1, 4)[0])
    with pytest.raises(ValueError, match=r"unflatten_images: X has shape \(5, 48\), expected \(48, m\)"):
        dl.unflatten_images(np.zeros((5, 48)), (4, 4, 3))


def test_standardize_bad_input():
    with pytest.raises(ValueError, match=r"standardize_images: expected numbers, got dtype <U"):
        dl.standardize_images(np.array(["a"]))
    with pytest.raises(ValueError, match=r"standardize: X must be \(n_x, m\), got shape \(3,\)"):
        dl.standardize(np.ones(3))


def test_load_image_bad_input(tmp_path):
    bad = tmp_path / "notes.png"
    bad.write_text("not a picture")
    with pytest.raises(ValueError, match=r"load_image: could not read a picture from .*give a PNG or JPEG"):
        dl.load_image(bad)
    with pytest.raises(ValueError, match=r"load_image: could not read a picture"):
        dl.load_image(b"\x00\x01")
    with pytest.raises(ValueError, match=r"load_image: could not read a picture"):
        dl.load_image(tmp_path / "missing.jpg")


def test_train_dev_split_bad_input(rng):
    X, Y = np.ones((2, 10)), np.ones((1, 10))
    with pytest.raises(ValueError, match=r"train_dev_split: rng must be a numpy Generator"):
        dl.train_dev_split(X, Y, 0.2, rng=7)
    with pytest.raises(ValueError, match=r"train_dev_split: X has 10 examples but Y has 9"):
        dl.train_dev_split(X, Y[:, :9], 0.2, rng)
    for frac in (0, 1, 1.5, -0.1):
        with pytest.raises(ValueError, match=r"train_dev_split: dev_fraction must lie in \(0, 1\)"):
            dl.train_dev_split(X, Y, frac, rng)


def test_load_dataset_bad_name():
    with pytest.raises(ValueError, match=r"load_dataset: name must be a dataset name such as 'flower'"):
        dl.load_dataset("")
    with pytest.raises(ValueError, match=r"load_dataset: name must be a dataset name"):
        dl.load_dataset(None)
    with pytest.raises(ValueError, match=r"load_dataset: file .*nope\.h5 does not exist"):
        dl.load_dataset("nope.h5")
