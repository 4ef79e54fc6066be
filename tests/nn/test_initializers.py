"""Initializers: shapes, the scale of each method, zeros, determinism, bad input."""
import numpy as np
import pytest

import dlutils as dl

DIMS = [5, 4, 3, 1]


@pytest.mark.parametrize("method", dl.INITIALIZERS)
def test_shapes_and_zero_biases(method, rng):
    p = dl.initialize_parameters(DIMS, method, rng)
    assert list(p) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    for l in range(1, 4):
        assert p[f"W{l}"].shape == (DIMS[l], DIMS[l - 1])
        assert p[f"b{l}"].shape == (DIMS[l], 1)
        assert not p[f"b{l}"].any()
        assert p[f"W{l}"].dtype == np.float64


@pytest.mark.parametrize("method, formula", [
    ("random", lambda n_prev, n: 0.01),
    ("xavier", lambda n_prev, n: 1 / np.sqrt(n_prev)),
    ("glorot", lambda n_prev, n: np.sqrt(2 / (n_prev + n))),
    ("he", lambda n_prev, n: np.sqrt(2 / n_prev)),
])
def test_std_matches_formula_on_big_layers(method, formula, rng):
    dims = [800, 600, 400]
    p = dl.initialize_parameters(dims, method, rng)
    for l in (1, 2):
        W = p[f"W{l}"]
        expected = formula(dims[l - 1], dims[l])
        assert W.std() == pytest.approx(expected, rel=0.01), (method, l)
        assert abs(W.mean()) < 0.01 * expected
        assert dl.weight_scale(method, dims[l - 1], dims[l]) == pytest.approx(expected)


def test_random_scale_option(rng):
    W = dl.initialize_parameters([500, 400], "random", rng, scale=10.0)["W1"]
    assert W.std() == pytest.approx(10.0, rel=0.01)


def test_zeros_identical_and_needs_no_rng():
    p = dl.initialize_parameters(DIMS, "zeros")
    assert all(not v.any() for v in p.values())
    # every hidden unit is the same unit: the symmetry problem
    assert np.all(p["W1"] == p["W1"][0])


def test_same_seed_same_parameters():
    a = dl.initialize_parameters(DIMS, "he", np.random.default_rng(3))
    b = dl.initialize_parameters(DIMS, "he", np.random.default_rng(3))
    c = dl.initialize_parameters(DIMS, "he", np.random.default_rng(4))
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["W1"], c["W1"])


def test_float32_dtype(rng):
    p = dl.initialize_parameters(DIMS, "he", rng, dtype=np.float32)
    assert p["W1"].dtype == np.float32 and p["b1"].dtype == np.float32


# ---- bad input ----------------------------------------------------------------------------
def test_unknown_method(rng):
    with pytest.raises(ValueError, match=r"initialize_parameters: unknown method 'kaiming'; choose one of "
                                         r"\['zeros', 'random', 'xavier', 'glorot', 'he'\]"):
        dl.initialize_parameters(DIMS, "kaiming", rng)


@pytest.mark.parametrize("bad_rng", [None, 0, np.random.RandomState(0), "seed"])
def test_rng_must_be_generator(bad_rng):
    with pytest.raises(ValueError, match=r"initialize_parameters: rng must be a numpy Generator.*"
                                         r"np\.random\.default_rng\(seed\)"):
        dl.initialize_parameters(DIMS, "he", bad_rng)


@pytest.mark.parametrize("bad", [[5], [5, 0, 1], [5, -2, 1], [5, 2.5, 1], "abc", [5, "x", 1], None])
def test_bad_layer_dims(bad, rng):
    with pytest.raises(ValueError, match=r"initialize_parameters: layer_dims must"):
        dl.initialize_parameters(bad, "he", rng)


@pytest.mark.parametrize("scale", [0, -0.01, float("nan"), "big"])
def test_bad_scale(scale, rng):
    with pytest.raises(ValueError, match=r"initialize_parameters: scale must be"):
        dl.initialize_parameters(DIMS, "random", rng, scale=scale)
