"""Losses: golden values, stability at the edges, gradient checks, bad input."""
import numpy as np
import pytest

import dlutils as dl

TOL = 1e-7


def _grad_err(f, x, analytic):
    num = dl.numerical_gradient(f, x)
    return dl.relative_error(analytic, num)


# ---- golden values ------------------------------------------------------------------------
def test_l1_l2_golden():
    yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
    y = np.array([1, 0, 0, 1, 1])
    assert dl.l1_loss(yhat, y) == pytest.approx(1.1)
    assert dl.l2_loss(yhat, y) == pytest.approx(0.43)


def test_binary_cross_entropy_golden():
    AL = np.array([[0.8, 0.9, 0.4]])
    Y = np.array([[1, 1, 0]])
    expected = -(np.log(0.8) + np.log(0.9) + np.log(0.6)) / 3  # 0.2797765635793423
    assert dl.binary_cross_entropy(AL, Y) == pytest.approx(0.2797765635793423, rel=1e-12)
    assert dl.binary_cross_entropy(AL, Y) == pytest.approx(expected, rel=1e-12)


def test_sigmoid_cross_entropy_with_logits_golden():
    Z = np.array([[0.0, 2.0]])
    Y = np.array([[1, 0]])
    cost, dZ = dl.sigmoid_cross_entropy_with_logits(Z, Y)
    # -(log 0.5 + log(1 - sigmoid(2))) / 2 = (0.6931471805599453 + 2.1269280110429727) / 2
    assert cost == pytest.approx(1.410037595801459, rel=1e-12)
    np.testing.assert_allclose(dZ, [[(0.5 - 1) / 2, 0.8807970779778823 / 2]], rtol=1e-12)


def test_softmax_cross_entropy_golden():
    Z = np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])
    Y = dl.one_hot([2, 0], 3)
    cost, dZ = dl.softmax_cross_entropy_with_logits(Z, Y)
    # column 0: -log(0.6652409557748219); column 1: -log(1/3)
    assert cost == pytest.approx((0.40760596444437435 + np.log(3)) / 2, rel=1e-12)
    A = dl.softmax(Z)
    assert dl.softmax_cross_entropy(A, Y) == pytest.approx(cost, rel=1e-12)
    np.testing.assert_allclose(dZ, (A - Y) / 2, rtol=1e-12)


def test_with_logits_agrees_with_probability_form(rng):
    Z = rng.standard_normal((1, 9)) * 3
    Y = (rng.random((1, 9)) > 0.5).astype(int)
    cost, _ = dl.sigmoid_cross_entropy_with_logits(Z, Y)
    assert cost == pytest.approx(dl.binary_cross_entropy(dl.sigmoid(Z), Y), rel=1e-10)


def test_one_hot_roundtrip():
    Y = dl.one_hot(np.array([[1, 0, 3]]), 4)
    np.testing.assert_array_equal(Y, [[0, 1, 0], [1, 0, 0], [0, 0, 0], [0, 0, 1]])
    np.testing.assert_array_equal(dl.from_one_hot(Y), [[1, 0, 3]])
    np.testing.assert_array_equal(dl.one_hot([1.0, 2.0], 3), [[0, 0], [1, 0], [0, 1]])


# ---- stability ----------------------------------------------------------------------------
def test_cross_entropy_finite_at_zero_and_one():
    AL = np.array([[0.0, 1.0, 0.0, 1.0]])
    Y = np.array([[0, 1, 1, 0]])  # two perfect, two maximally wrong
    with np.errstate(divide="raise", invalid="raise"):
        c = dl.binary_cross_entropy(AL, Y)
        d = dl.binary_cross_entropy_backward(AL, Y)
    assert np.isfinite(c) and np.all(np.isfinite(d))
    assert c == pytest.approx(-np.log(dl.PROB_EPS) / 2, rel=1e-6)
    assert dl.binary_cross_entropy(np.array([[0.0, 1.0]]), np.array([[0, 1]])) < 1e-11
    assert np.isfinite(dl.softmax_cross_entropy(np.array([[0.0], [1.0]]), np.array([[1], [0]])))


def test_with_logits_finite_for_huge_logits():
    Z = np.array([[1000.0, -1000.0, 1000.0, -1000.0]])
    Y = np.array([[1, 0, 0, 1]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        cost, dZ = dl.sigmoid_cross_entropy_with_logits(Z, Y)
    assert cost == pytest.approx(2000.0 / 4)
    assert np.all(np.isfinite(dZ))
    Zs = np.array([[1000.0], [-1000.0]])
    cost, dZ = dl.softmax_cross_entropy_with_logits(Zs, np.array([[0], [1]]))
    assert cost == pytest.approx(2000.0) and np.all(np.isfinite(dZ))


# ---- gradient checks ----------------------------------------------------------------------
def test_binary_cross_entropy_backward_gradient(rng):
    AL = rng.uniform(0.05, 0.95, (1, 8))
    Y = (rng.random((1, 8)) > 0.5).astype(float)
    err = _grad_err(lambda: dl.binary_cross_entropy(AL, Y), AL, dl.binary_cross_entropy_backward(AL, Y))
    assert err < TOL


def test_binary_cross_entropy_backward_multi_output_row(rng):
    """Several sigmoid outputs (n_y = 3) - the gradient is still elementwise."""
    AL = rng.uniform(0.05, 0.95, (3, 5))
    Y = (rng.random((3, 5)) > 0.5).astype(float)
    err = _grad_err(lambda: dl.binary_cross_entropy(AL, Y), AL, dl.binary_cross_entropy_backward(AL, Y))
    assert err < TOL


def test_sigmoid_cross_entropy_with_logits_gradient(rng):
    Z = rng.standard_normal((1, 8)) * 2
    Y = (rng.random((1, 8)) > 0.5).astype(float)
    _, dZ = dl.sigmoid_cross_entropy_with_logits(Z, Y)
    assert _grad_err(lambda: dl.sigmoid_cross_entropy_with_logits(Z, Y)[0], Z, dZ) < TOL


def test_softmax_cross_entropy_with_logits_gradient(rng):
    Z = rng.standard_normal((4, 6)) * 2
    Y = dl.one_hot(rng.integers(0, 4, 6), 4)
    _, dZ = dl.softmax_cross_entropy_with_logits(Z, Y)
    assert _grad_err(lambda: dl.softmax_cross_entropy_with_logits(Z, Y)[0], Z, dZ) < TOL


def test_softmax_chain_equals_fused_gradient(rng):
    """softmax_backward of the probability-form gradient equals the fused (A - Y)/m."""
    Z = rng.standard_normal((3, 5))
    Y = dl.one_hot(rng.integers(0, 3, 5), 3)
    A, cache = dl.softmax_forward(Z)
    dA = -Y / A / 5
    np.testing.assert_allclose(dl.softmax_backward(dA, cache), (A - Y) / 5, atol=1e-14)


# ---- bad input ----------------------------------------------------------------------------
def test_transposed_labels_hint():
    with pytest.raises(ValueError, match=r"binary_cross_entropy: AL has shape \(1, 3\) but Y has shape "
                                         r"\(3, 1\).*did you pass Y\.T\?"):
        dl.binary_cross_entropy(np.full((1, 3), 0.5), np.ones((3, 1)))
    with pytest.raises(ValueError, match=r"sigmoid_cross_entropy_with_logits: Z has shape .*did you pass Y\.T"):
        dl.sigmoid_cross_entropy_with_logits(np.zeros((1, 3)), np.ones((3, 1)))


def test_non_binary_labels():
    with pytest.raises(ValueError, match=r"binary_cross_entropy: Y must hold only \(0, 1\) but holds \[.*2.*\].*dl\.one_hot"):
        dl.binary_cross_entropy(np.full((1, 3), 0.5), np.array([[0, 1, 2]]))
    with pytest.raises(ValueError, match=r"binary_cross_entropy_backward: Y must hold only"):
        dl.binary_cross_entropy_backward(np.full((1, 2), 0.5), np.array([[0, -1]]))


def test_softmax_needs_one_hot():
    with pytest.raises(ValueError, match=r"softmax_cross_entropy_with_logits: Y must be one-hot.*dl\.one_hot"):
        dl.softmax_cross_entropy_with_logits(np.zeros((3, 2)), np.array([[1, 1], [0, 0], [1, 0]]))
    with pytest.raises(ValueError, match=r"softmax_cross_entropy: Y must be one-hot"):
        dl.softmax_cross_entropy(np.full((2, 2), 0.5), np.array([[2, 0], [0, 1]]))


def test_nan_and_dtype():
    with pytest.raises(ValueError, match=r"binary_cross_entropy: AL contains NaN.*learning rate too large"):
        dl.binary_cross_entropy(np.array([[np.nan, 0.5]]), np.array([[0, 1]]))
    with pytest.raises(ValueError, match=r"binary_cross_entropy_backward: AL contains NaN"):
        dl.binary_cross_entropy_backward(np.array([[np.nan, 0.5]]), np.array([[0, 1]]))
    with pytest.raises(ValueError, match=r"sigmoid_cross_entropy_with_logits: Y contains 1 NaN"):
        dl.sigmoid_cross_entropy_with_logits(np.zeros((1, 2)), np.array([[np.nan, 1.0]]))
    with pytest.raises(ValueError, match=r"binary_cross_entropy: AL has dtype <U"):
        dl.binary_cross_entropy(np.array([["a", "b"]]), np.array([[0, 1]]))
    with pytest.raises(ValueError, match=r"binary_cross_entropy: Y must be 2-D.*reshape"):
        dl.binary_cross_entropy(np.full((1, 2), 0.5), np.array([0, 1]))


def test_one_hot_bad_input():
    with pytest.raises(ValueError, match=r"one_hot: labels must lie in 0..2 for C=3.*is C the number of classes"):
        dl.one_hot([0, 3], 3)
    with pytest.raises(ValueError, match=r"one_hot: labels must be whole numbers"):
        dl.one_hot([0.5], 3)
    with pytest.raises(ValueError, match=r"one_hot: labels must have shape \(m,\) or \(1, m\)"):
        dl.one_hot(np.zeros((2, 2), dtype=int), 3)
    with pytest.raises(ValueError, match=r"one_hot: labels must be integers"):
        dl.one_hot(["a"], 3)


def test_l1_l2_shape_mismatch():
    with pytest.raises(ValueError, match=r"l1_loss: yhat has shape \(3,\) but y has shape \(2,\)"):
        dl.l1_loss(np.zeros(3), np.zeros(2))
    with pytest.raises(ValueError, match=r"l2_loss: yhat has shape"):
        dl.l2_loss(np.zeros(3), np.zeros((3, 1)))


def test_from_one_hot_bad_input():
    with pytest.raises(ValueError, match=r"from_one_hot: Y contains 1 NaN"):
        dl.from_one_hot(np.array([[np.nan, 1.0], [0.0, 0.0]]))
    with pytest.raises(ValueError, match=r"from_one_hot: Y must be 2-D"):
        dl.from_one_hot(np.array([0.0, 1.0]))
