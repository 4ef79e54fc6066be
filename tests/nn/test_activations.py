"""Activations: golden values, stability properties, gradient checks, bad input."""
import numpy as np
import pytest

import dlutils as dl
from conftest import away_from_zero

TOL = 1e-7


# ---- golden forward values (hand computed) ------------------------------------------------
def test_sigmoid_golden():
    z = np.array([[0.0, 2.0, -2.0]])
    # 1 / (1 + e^-2) = 0.8807970779778823
    np.testing.assert_allclose(dl.sigmoid(z), [[0.5, 0.8807970779778823, 0.11920292202211769]],
                               rtol=1e-12)
    A, cache = dl.sigmoid_forward(z)
    np.testing.assert_allclose(A, dl.sigmoid(z))


def test_tanh_relu_leaky_golden():
    z = np.array([[-2.0, -0.5, 0.0, 0.5, 3.0]])
    np.testing.assert_allclose(dl.tanh_forward(z)[0], [[-0.9640275800758169, -0.46211715726000974,
                                                         0.0, 0.46211715726000974, 0.9950547536867305]],
                               rtol=1e-12)
    np.testing.assert_array_equal(dl.relu_forward(z)[0], [[0, 0, 0, 0.5, 3.0]])
    np.testing.assert_allclose(dl.leaky_relu_forward(z)[0], [[-0.02, -0.005, 0, 0.5, 3.0]], rtol=1e-12)
    np.testing.assert_allclose(dl.leaky_relu_forward(z, slope=0.2)[0], [[-0.4, -0.1, 0, 0.5, 3.0]])


def test_softmax_golden():
    z = np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])
    e = np.exp([1.0, 2.0, 3.0])
    A, _ = dl.softmax_forward(z)
    np.testing.assert_allclose(A[:, 0], e / e.sum(), rtol=1e-12)
    np.testing.assert_allclose(A[:, 0], [0.09003057317038046, 0.24472847105479767, 0.6652409557748219],
                               rtol=1e-12)
    np.testing.assert_allclose(A[:, 1], [1 / 3] * 3, rtol=1e-12)


# ---- properties ---------------------------------------------------------------------------
def test_softmax_columns_sum_to_one_and_shift_invariance(rng):
    Z = rng.standard_normal((5, 7)) * 10
    A, _ = dl.softmax_forward(Z)
    np.testing.assert_allclose(A.sum(axis=0), np.ones(7), rtol=1e-12)
    assert np.all(A > 0)
    shift = rng.standard_normal((1, 7)) * 100
    np.testing.assert_allclose(dl.softmax_forward(Z + shift)[0], A, rtol=1e-10, atol=1e-15)


def test_softmax_huge_logits_finite():
    Z = np.array([[1000.0, -1000.0], [0.0, 1000.0]])
    A, _ = dl.softmax_forward(Z)
    assert np.all(np.isfinite(A))
    np.testing.assert_allclose(A, [[1.0, 0.0], [0.0, 1.0]], atol=1e-300)


def test_sigmoid_extremes_finite_and_exact_limits():
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # no overflow allowed
        s = dl.sigmoid(np.array([[-1000.0, 1000.0, -1e308, 1e308]]))
    assert np.all(np.isfinite(s))
    assert s[0, 1] == 1.0 and s[0, 3] == 1.0
    assert s[0, 0] == 0.0 and s[0, 2] == 0.0
    assert dl.sigmoid_forward(np.array([[1000.0]]))[0][0, 0] == 1.0


def test_sigmoid_symmetry(rng):
    z = rng.standard_normal((3, 4)) * 5
    np.testing.assert_allclose(dl.sigmoid(z) + dl.sigmoid(-z), 1.0, rtol=1e-12)


def test_integer_input_becomes_float():
    A, _ = dl.relu_forward(np.array([[1, -2]]))
    assert A.dtype == np.float64
    assert dl.sigmoid(np.array([0]))[0] == 0.5


# ---- gradient checks ----------------------------------------------------------------------
@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu", "softmax", "linear"])
def test_activation_backward_gradient_check(name, rng):
    forward, backward = dl.get_activation(name)
    Z = away_from_zero(rng, (4, 5))
    (err,) = dl.check_layer(forward, backward, [Z], rng)
    assert err < TOL, f"{name}_backward relative error {err:.2e}"


def test_leaky_relu_custom_slope_gradient(rng):
    Z = away_from_zero(rng, (3, 6))
    (err,) = dl.check_layer(lambda z: dl.leaky_relu_forward(z, slope=0.3), dl.leaky_relu_backward, [Z], rng)
    assert err < TOL


def test_relu_backward_is_zero_on_negative_side():
    Z = np.array([[-1.0, 2.0]])
    _, cache = dl.relu_forward(Z)
    np.testing.assert_array_equal(dl.relu_backward(np.array([[5.0, 7.0]]), cache), [[0.0, 7.0]])


def test_softmax_backward_matches_explicit_jacobian(rng):
    Z = rng.standard_normal((4, 1))
    A, cache = dl.softmax_forward(Z)
    a = A[:, 0]
    J = np.diag(a) - np.outer(a, a)          # dA_i / dZ_j
    dA = rng.standard_normal((4, 1))
    np.testing.assert_allclose(dl.softmax_backward(dA, cache)[:, 0], J.T @ dA[:, 0], rtol=1e-12)


# ---- bad input ----------------------------------------------------------------------------
@pytest.mark.parametrize("fwd", [dl.sigmoid_forward, dl.tanh_forward, dl.relu_forward,
                                 dl.leaky_relu_forward, dl.softmax_forward])
def test_forward_rejects_strings_and_objects(fwd):
    name = fwd.__name__
    with pytest.raises(ValueError, match=rf"{name}: Z has dtype .*convert it with np.asarray"):
        fwd(np.array([["a", "b"]]))
    with pytest.raises(ValueError, match=rf"{name}: Z has dtype object"):
        fwd(np.array([[1.0, None]], dtype=object))
    with pytest.raises(ValueError, match=rf"{name}: Z is None"):
        fwd(None)


def test_softmax_forward_needs_2d():
    with pytest.raises(ValueError, match=r"softmax_forward: Z must be 2-D .*reshape a single example"):
        dl.softmax_forward(np.array([1.0, 2.0]))


@pytest.mark.parametrize("bad", ["swish", None, 3])
def test_unknown_activation(bad):
    with pytest.raises(ValueError, match=r"get_activation: unknown activation .*choose one of"):
        dl.get_activation(bad)
    with pytest.raises(ValueError, match=r"linear_activation_forward: unknown activation"):
        dl.linear_activation_forward(np.ones((2, 3)), np.ones((1, 2)), np.zeros((1, 1)), activation=bad)


@pytest.mark.parametrize("fn", [dl.sigmoid, dl.relu, dl.leaky_relu, dl.softmax])
def test_plain_functions_reject_non_numbers(fn):
    with pytest.raises(ValueError, match=rf"{fn.__name__}: Z has dtype <U1, expected numbers.*np\.asarray"):
        fn(np.array([["a"]]))
    with pytest.raises(ValueError, match=rf"{fn.__name__}: Z has dtype object"):
        fn([[None]])
    assert fn(np.array([[1, 2]])).dtype == np.float64
