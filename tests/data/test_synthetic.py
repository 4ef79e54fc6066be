"""2-D generators: shapes, labels, determinism, the flower recipe, bad input."""
import numpy as np
import pytest

import dlutils as dl

GENS = sorted(dl.GENERATORS)


@pytest.mark.parametrize("name", GENS)
def test_shapes_labels_determinism(name):
    make = dl.GENERATORS[name]
    X, Y = make(np.random.default_rng(1), m=120)
    assert X.shape == (2, 120) and Y.shape == (1, 120)
    assert X.dtype == np.float64 and Y.dtype.kind == "i"
    assert set(np.unique(Y)) <= {0, 1} and len(np.unique(Y)) == 2
    assert np.all(np.isfinite(X))
    X2, Y2 = make(np.random.default_rng(1), m=120)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)
    X3, _ = make(np.random.default_rng(2), m=120)
    assert not np.array_equal(X, X3)


@pytest.mark.parametrize("name", GENS)
def test_classes_roughly_balanced(name):
    _, Y = dl.GENERATORS[name](np.random.default_rng(0), m=400)
    assert 0.3 < Y.mean() < 0.7


def test_flower_recipe():
    X, Y = dl.make_flower(np.random.default_rng(0), m=400, noise=0.0)
    # noise-free petals: radius |4 sin(4t)| with (x, y) = (r sin t, r cos t)
    t = np.linspace(0, 3.12, 200)
    r = 4 * np.sin(4 * t)
    np.testing.assert_allclose(X[:, :200], np.vstack([r * np.sin(t), r * np.cos(t)]), atol=1e-12)
    assert np.all(Y[0, :200] == 0) and np.all(Y[0, 200:] == 1)
    assert np.max(np.hypot(X[0], X[1])) <= 4.0 + 1e-12


def test_circles_radii():
    X, Y = dl.make_circles(np.random.default_rng(0), m=200, noise=0.0, factor=0.3)
    r = np.hypot(X[0], X[1])
    np.testing.assert_allclose(r[Y[0] == 0], 1.0)
    np.testing.assert_allclose(r[Y[0] == 1], 0.3)


def test_gaussian_quantiles_split_by_radius():
    X, Y = dl.make_gaussian_quantiles(np.random.default_rng(0), m=300)
    r = np.hypot(X[0], X[1])
    assert r[Y[0] == 1].min() >= r[Y[0] == 0].max()


@pytest.mark.parametrize("name", GENS)
def test_bad_input(name):
    make = dl.GENERATORS[name]
    with pytest.raises(ValueError, match=rf"make_{name}: rng must be a numpy Generator"):
        make(0)
    with pytest.raises(ValueError, match=rf"make_{name}: rng must be a numpy Generator"):
        make(np.random.RandomState(0))
    for m in (1, 0, -5, 10.5, "100"):
        with pytest.raises(ValueError, match=rf"make_{name}: m must be an int"):
            make(np.random.default_rng(0), m=m)


def test_bad_options():
    with pytest.raises(ValueError, match=r"make_circles: factor \(inner radius\) must lie in \(0, 1\)"):
        dl.make_circles(np.random.default_rng(0), factor=1.5)
