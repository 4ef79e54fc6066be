"""Dense layers and the L-layer net: golden values, gradient checks, fix-it errors."""
import numpy as np
import pytest

import dlutils as dl
from conftest import away_from_zero

TOL = 1e-7
HIDDEN = ["relu", "tanh", "leaky_relu", "sigmoid"]


def test_linear_forward_golden():
    A_prev = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    W = np.array([[1.0, 0.0, -1.0], [0.5, 0.5, 0.5]])
    b = np.array([[1.0], [-2.0]])
    Z, cache = dl.linear_forward(A_prev, W, b)
    np.testing.assert_allclose(Z, [[1 - 5 + 1, 2 - 6 + 1], [4.5 - 2, 6 - 2]])
    assert cache[1] is W


def test_linear_activation_forward_golden():
    A_prev = np.array([[1.0], [-1.0]])
    W = np.array([[2.0, 1.0], [-1.0, 1.0]])
    b = np.array([[0.0], [0.5]])
    A, cache = dl.linear_activation_forward(A_prev, W, b, "relu")  # Z = [1, -1.5]
    np.testing.assert_allclose(A, [[1.0], [0.0]])
    A, _ = dl.linear_activation_forward(A_prev, W, b, "sigmoid")
    np.testing.assert_allclose(A, [[0.7310585786300049], [0.18242552380635635]], rtol=1e-12)
    assert cache.name == "relu" and len(cache.linear) == 3


def test_L_model_forward_golden():
    params = {"W1": np.array([[1.0, -1.0], [0.5, 2.0]]), "b1": np.array([[0.0], [-1.0]]),
              "W2": np.array([[1.0, 1.0]]), "b2": np.array([[0.0]])}
    X = np.array([[2.0], [1.0]])  # Z1 = [1, 2], A1 = [1, 2], Z2 = 3
    AL, caches = dl.L_model_forward(X, params)
    np.testing.assert_allclose(AL, [[0.9525741268224334]], rtol=1e-12)  # sigmoid(3)
    assert len(caches) == 2


def test_linear_backward_golden():
    A_prev = np.array([[1.0, 2.0], [3.0, 4.0]])
    W = np.array([[1.0, -1.0]])
    dZ = np.array([[0.5, -1.0]])
    dA_prev, dW, db = dl.linear_backward(dZ, (A_prev, W, np.zeros((1, 1))))
    np.testing.assert_allclose(dW, [[0.5 - 2.0, 1.5 - 4.0]])
    np.testing.assert_allclose(db, [[-0.5]])
    np.testing.assert_allclose(dA_prev, [[0.5, -1.0], [-0.5, 1.0]])
    assert dl.linear_backward(dZ, (A_prev, W, None), need_dA_prev=False)[0] is None


# ---- gradient checks ----------------------------------------------------------------------
def test_linear_gradient_check(rng):
    inputs = [rng.standard_normal((4, 6)), rng.standard_normal((3, 4)), rng.standard_normal((3, 1))]
    errs = dl.check_layer(dl.linear_forward, dl.linear_backward, inputs, rng)
    assert max(errs) < TOL, errs


@pytest.mark.parametrize("activation", HIDDEN + ["softmax", "linear"])
def test_linear_activation_gradient_check(activation, rng):
    # Z kept away from the kinks: A_prev > 0 and the weights chosen so that |Z| is not tiny
    A_prev = rng.uniform(0.5, 1.5, (3, 5))
    W = away_from_zero(rng, (4, 3), 0.5, 1.0)
    b = rng.standard_normal((4, 1))
    Z = W @ A_prev + b
    b = b + np.where(np.abs(Z).min(axis=1, keepdims=True) < 0.05, 0.3, 0.0)
    errs = dl.check_layer(dl.linear_activation_forward, dl.linear_activation_backward,
                          [A_prev, W, b], rng, forward_kwargs={"activation": activation})
    assert max(errs) < TOL, (activation, errs)


def _params(rng, dims):
    p = dl.initialize_parameters(dims, "xavier", rng)
    for k in p:
        if k.startswith("b"):
            p[k] = 0.1 * rng.standard_normal(p[k].shape)  # non-zero biases too
    return p


@pytest.mark.parametrize("hidden", HIDDEN)
def test_L_model_backward_through_dAL(hidden, rng):
    X = rng.standard_normal((4, 6))
    Y = (rng.random((1, 6)) > 0.5).astype(float)

    def cost_and_grads(p):
        AL, caches = dl.L_model_forward(X, p, hidden_activation=hidden)
        dAL = dl.binary_cross_entropy_backward(AL, Y)
        return dl.binary_cross_entropy(AL, Y), dl.L_model_backward(dAL, caches)

    res = dl.gradient_check(cost_and_grads, _params(rng, [4, 5, 3, 1]))
    assert res.passed and res.difference < TOL, res


@pytest.mark.parametrize("hidden", HIDDEN)
def test_L_model_backward_through_dZL(hidden, rng):
    X = rng.standard_normal((4, 6))
    Y = (rng.random((1, 6)) > 0.5).astype(float)

    def cost_and_grads(p):
        ZL, caches = dl.L_model_forward(X, p, hidden_activation=hidden, output_activation="linear")
        cost, dZL = dl.sigmoid_cross_entropy_with_logits(ZL, Y)
        return cost, dl.L_model_backward(None, caches, dZL=dZL)

    res = dl.gradient_check(cost_and_grads, _params(rng, [4, 5, 3, 1]))
    assert res.difference < TOL, res
    assert set(res) == {"W1", "b1", "W2", "b2", "W3", "b3"}


def test_L_model_softmax_output_through_dZL(rng):
    X = rng.standard_normal((3, 7))
    Y = dl.one_hot(rng.integers(0, 4, 7), 4)

    def cost_and_grads(p):
        AL, caches = dl.L_model_forward(X, p, hidden_activation="tanh", output_activation="softmax")
        cost = dl.softmax_cross_entropy(AL, Y)
        return cost, dl.L_model_backward(None, caches, dZL=(AL - Y) / Y.shape[1])

    res = dl.gradient_check(cost_and_grads, _params(rng, [3, 5, 4]))
    assert res.difference < TOL, res


def test_L_model_single_layer(rng):
    """L = 1 is logistic regression in the L-layer machinery."""
    X = rng.standard_normal((3, 5))
    Y = (rng.random((1, 5)) > 0.5).astype(float)

    def cost_and_grads(p):
        AL, caches = dl.L_model_forward(X, p)
        return dl.binary_cross_entropy(AL, Y), dl.L_model_backward(None, caches, dZL=(AL - Y) / 5)

    assert dl.gradient_check(cost_and_grads, _params(rng, [3, 1])).difference < TOL


def test_num_layers_and_check_parameters(rng):
    p = dl.initialize_parameters([5, 4, 3, 1], "he", rng)
    assert dl.num_layers(p) == 3
    assert dl.check_parameters("f", p, n_x=5) == 3


# ---- bad input ----------------------------------------------------------------------------
def test_linear_forward_transposed_input_hint(rng):
    W, b = rng.standard_normal((7, 12)), np.zeros((7, 1))
    with pytest.raises(ValueError, match=r"linear_forward: A_prev has shape \(20, 12\) but W is \(7, 12\).*"
                                         r"did you mean A_prev\.T\?"):
        dl.linear_forward(rng.standard_normal((20, 12)), W, b)
    with pytest.raises(ValueError, match=r"A_prev needs 12 rows"):
        dl.linear_forward(rng.standard_normal((5, 3)), W, b)


def test_linear_forward_bad_b_and_rank(rng):
    W = rng.standard_normal((3, 2))
    with pytest.raises(ValueError, match=r"linear_forward: b must be 2-D but has shape \(3,\).*\(-1, 1\) for a column"):
        dl.linear_forward(np.ones((2, 4)), W, np.zeros(3))
    with pytest.raises(ValueError, match=r"linear_forward: b has shape \(1, 3\), expected \(3, 1\).*b\.reshape\(-1, 1\)"):
        dl.linear_forward(np.ones((2, 4)), W, np.zeros((1, 3)))
    with pytest.raises(ValueError, match=r"linear_forward: A_prev must be 2-D but has shape \(2,\).*reshape"):
        dl.linear_forward(np.ones(2), W, np.zeros((3, 1)))


def test_linear_forward_nan_and_dtype(rng):
    W, b = rng.standard_normal((3, 2)), np.zeros((3, 1))
    X = np.ones((2, 4))
    X[0, 1] = np.nan
    with pytest.raises(ValueError, match=r"linear_forward: A_prev contains 1 NaN or inf"):
        dl.linear_forward(X, W, b)
    with pytest.raises(ValueError, match=r"linear_forward: A_prev has dtype <U1"):
        dl.linear_forward(np.array([["a"] * 4] * 2), W, b)
    with pytest.raises(ValueError, match=r"linear_forward: W has dtype object"):
        dl.linear_forward(X, np.array([[1, None]] * 3, dtype=object), b)


def test_L_model_forward_bad_input(rng):
    p = dl.initialize_parameters([12, 4, 1], "he", rng)
    with pytest.raises(ValueError, match=r"L_model_forward: W1 has shape \(4, 12\) but X has 30 features.*"
                                         r"did you pass X\.T"):
        dl.L_model_forward(rng.standard_normal((30, 12)), p)
    with pytest.raises(ValueError, match=r"L_model_forward: parameters must be a dict"):
        dl.L_model_forward(np.ones((12, 3)), [p["W1"], p["b1"]])
    with pytest.raises(ValueError, match=r"parameters has no 'W1'.*initialize_parameters"):
        dl.L_model_forward(np.ones((12, 3)), {})
    with pytest.raises(ValueError, match=r"parameters has W1..W2 but no 'b2'"):
        dl.L_model_forward(np.ones((12, 3)), {k: v for k, v in p.items() if k != "b2"})
    bad = dict(p, W2=np.ones((1, 5)))
    with pytest.raises(ValueError, match=r"W2 has shape \(1, 5\) but W1 gives 4 features"):
        dl.L_model_forward(np.ones((12, 3)), bad)
    with pytest.raises(ValueError, match=r"L_model_forward: X must be 2-D"):
        dl.L_model_forward(np.ones(12), p)
    with pytest.raises(ValueError, match=r"unknown activation 'sigmoidd'"):
        dl.L_model_forward(np.ones((12, 3)), p, hidden_activation="sigmoidd")


def test_L_model_backward_bad_input(rng):
    p = dl.initialize_parameters([3, 2, 1], "he", rng)
    AL, caches = dl.L_model_forward(np.ones((3, 4)), p)
    with pytest.raises(ValueError, match=r"L_model_backward: give dAL or dZL"):
        dl.L_model_backward(None, caches)
    with pytest.raises(ValueError, match=r"L_model_backward: dZL has shape \(4, 1\) but AL has shape \(1, 4\)"):
        dl.L_model_backward(None, caches, dZL=np.ones((4, 1)))
    with pytest.raises(ValueError, match=r"L_model_backward: dAL has shape \(4, 1\) but AL has shape \(1, 4\)"):
        dl.L_model_backward(np.ones((4, 1)), caches)
    with pytest.raises(ValueError, match=r"L_model_backward: caches is empty"):
        dl.L_model_backward(np.ones((1, 4)), [])
