"""The gradient checker itself: it agrees with known derivatives and it catches bugs."""
import numpy as np
import pytest

import dlutils as dl


def test_numerical_gradient_of_known_function(rng):
    x = rng.standard_normal((3, 2))
    g = dl.numerical_gradient(lambda: float(np.sum(x ** 3)), x)
    np.testing.assert_allclose(g, 3 * x ** 2, rtol=1e-6, atol=1e-9)
    before = x.copy()
    dl.numerical_gradient(lambda: float(np.sum(x)), x)
    np.testing.assert_array_equal(x, before)  # restored in place


def test_relative_error_golden():
    assert dl.relative_error([3.0, 4.0], [3.0, 4.0]) == 0.0
    assert dl.relative_error(np.zeros(3), np.zeros(3)) == 0.0
    # ||a - b|| = 1, ||a|| + ||b|| = 5 + sqrt(18)
    assert dl.relative_error([3.0, 4.0], [3.0, 3.0]) == pytest.approx(1.0 / (5.0 + np.sqrt(18.0)))


def test_vector_roundtrip(rng):
    p = {"W1": rng.standard_normal((3, 2)), "b1": rng.standard_normal((3, 1))}
    theta, keys, shapes = dl.dictionary_to_vector(p)
    assert theta.shape == (9, 1)
    back = dl.vector_to_dictionary(theta, keys, shapes)
    assert all(np.array_equal(back[k], p[k]) for k in p)


def test_gradient_check_passes_and_catches_a_bug(rng):
    X = rng.standard_normal((3, 5))
    Y = (rng.random((1, 5)) > 0.5).astype(float)
    net = dl.DeepNet([3, 4, 1], hidden_activation="tanh", rng=rng)

    def good(p):
        net.params = p
        return net.loss(X, Y)

    ok = dl.gradient_check(good, net.params)
    assert ok.passed and ok.difference < 1e-7
    assert "OK" in repr(ok)

    def buggy(p):  # a classic bug: db2 scaled wrong (e.g. a forgotten 1/m)
        cost, grads = good(p)
        grads = dict(grads, b2=grads["b2"] * 5)
        return cost, grads

    bad = dl.gradient_check(buggy, net.params)
    assert not bad.passed and bad.difference > 1e-3
    assert bad.worst == "b2" and bad["b2"] > 0.1 and bad["W1"] < 1e-7
    assert "MISMATCH, worst b2" in repr(bad)


def test_check_layer_catches_a_transposed_gradient(rng):
    def fwd(A, W):
        return W @ A, (A, W)

    def wrong_bwd(dout, cache):
        A, W = cache
        return W.T @ dout, (dout @ A.T).T.T * 1.01

    errs = dl.check_layer(fwd, wrong_bwd, [rng.standard_normal((3, 4)), rng.standard_normal((2, 3))], rng)
    assert errs[0] < 1e-7 and errs[1] > 1e-3


def test_check_layer_none_gradient(rng):
    errs = dl.check_layer(lambda a, b: (a * b, (a, b)), lambda d, c: (d * c[1], None),
                          [rng.standard_normal(3), rng.standard_normal(3)], rng)
    assert errs[0] < 1e-7 and errs[1] is None


# ---- bad input ----------------------------------------------------------------------------
def test_numerical_gradient_needs_float64():
    with pytest.raises(ValueError, match=r"numerical_gradient: x must be a float64 numpy array.*astype"):
        dl.numerical_gradient(lambda: 0.0, np.ones(3, dtype=np.float32))
    with pytest.raises(ValueError, match=r"numerical_gradient: x must be a float64"):
        dl.numerical_gradient(lambda: 0.0, [1.0, 2.0])
    with pytest.raises(ValueError, match=r"numerical_gradient: eps must be finite and > 0"):
        dl.numerical_gradient(lambda: 0.0, np.ones(3), eps=0)


def test_relative_error_shape_mismatch():
    with pytest.raises(ValueError, match=r"relative_error: shapes differ, \(3,\) vs \(3, 1\)"):
        dl.relative_error(np.ones(3), np.ones((3, 1)))


def test_vector_to_dictionary_size_mismatch():
    with pytest.raises(ValueError, match=r"vector_to_dictionary: theta has 5 entries but the shapes need 6"):
        dl.vector_to_dictionary(np.ones((5, 1)), ["W"], [(2, 3)])


def test_gradient_check_missing_grad(rng):
    with pytest.raises(ValueError, match=r"gradient_check: grads has no entry for \['b'\].*keyed exactly"):
        dl.gradient_check(lambda p: (0.0, {"W": p["W"]}), {"W": np.ones(2), "b": np.ones(1)})
