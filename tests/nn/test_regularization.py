"""L2 and inverted dropout: golden values, gradient checks, properties, bad input."""
import numpy as np
import pytest

import dlutils as dl

TOL = 1e-7


def _params():
    return {"W1": np.array([[1.0, -2.0], [0.5, 0.0]]), "b1": np.array([[3.0], [4.0]]),
            "W2": np.array([[2.0, 1.0]]), "b2": np.array([[-1.0]])}


def test_l2_cost_golden():
    # ||W1||^2 = 1 + 4 + 0.25 = 5.25, ||W2||^2 = 5; biases excluded
    assert dl.l2_cost(_params(), lambd=0.7, m=5) == pytest.approx(0.7 / 10 * 10.25)
    assert dl.l2_cost(_params(), lambd=0, m=5) == 0.0
    assert dl.weight_norm(_params()) == pytest.approx(np.sqrt(10.25))


def test_l2_grads_golden():
    p = _params()
    grads = {k: np.zeros_like(v) for k, v in p.items()}
    out = dl.l2_grads(p, grads, lambd=0.5, m=2)
    np.testing.assert_allclose(out["W1"], 0.25 * p["W1"])
    np.testing.assert_allclose(out["b1"], 0.0)


def test_l2_gradient_check(rng):
    p = {k: rng.standard_normal(v.shape) for k, v in _params().items()}

    def cost_and_grads(q):
        zero = {k: np.zeros_like(v) for k, v in q.items()}
        return dl.l2_cost(q, 0.3, 7), dl.l2_grads(q, zero, 0.3, 7)

    assert dl.gradient_check(cost_and_grads, p).difference < TOL


def test_dropout_gradient_check_with_fixed_mask(rng):
    A = rng.standard_normal((5, 6))
    mask = rng.random((5, 6)) < 0.7
    (err,) = dl.check_layer(lambda a: dl.dropout_forward(a, 0.7, mask=mask), dl.dropout_backward, [A], rng)
    assert err < TOL


def test_dropout_golden_with_mask():
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    mask = np.array([[1, 0], [0, 1]], dtype=bool)
    out, cache = dl.dropout_forward(A, 0.5, mask=mask)
    np.testing.assert_allclose(out, [[2.0, 0.0], [0.0, 8.0]])
    np.testing.assert_allclose(dl.dropout_backward(np.ones((2, 2)), cache), [[2.0, 0.0], [0.0, 2.0]])


@pytest.mark.parametrize("keep_prob", [0.5, 0.8, 0.95])
def test_dropout_keeps_expectation(keep_prob, rng):
    A = rng.uniform(0.5, 1.5, (200, 1000))
    out, (mask, kp) = dl.dropout_forward(A, keep_prob, rng)
    assert kp == keep_prob
    assert mask.mean() == pytest.approx(keep_prob, abs=0.005)
    assert out.mean() == pytest.approx(A.mean(), rel=0.01)
    dropped = ~mask
    assert np.all(out[dropped] == 0)
    np.testing.assert_allclose(out[mask], A[mask] / keep_prob)


def test_keep_prob_one_is_identity(rng):
    A = rng.standard_normal((3, 4))
    state = rng.bit_generator.state
    out, cache = dl.dropout_forward(A, 1.0, rng)
    assert out is A
    assert rng.bit_generator.state == state  # no random draw at all
    dA = rng.standard_normal((3, 4))
    assert dl.dropout_backward(dA, cache) is dA


def test_deepnet_inference_does_not_drop(rng):
    X = rng.standard_normal((3, 20))
    net = dl.DeepNet([3, 8, 8, 1], keep_prob=0.5, rng=rng)
    first = net.loss(X)
    for _ in range(3):
        np.testing.assert_array_equal(net.loss(X), first)
    ref = dl.DeepNet([3, 8, 8, 1], params=net.params)  # same weights, no dropout
    np.testing.assert_array_equal(ref.loss(X), first)


def test_l2_shrinks_weights(rng):
    X, Y = dl.make_moons(rng, m=120)
    init = dl.initialize_parameters([2, 20, 20, 1], "he", rng)
    norms = {}
    for lambd in (0.0, 0.5, 2.0):
        net = dl.DeepNet([2, 20, 20, 1], params=init, lambd=lambd)
        dl.train(net, X, Y, learning_rate=0.3, num_iterations=400, record_every=400)
        norms[lambd] = dl.weight_norm(net.params)
    assert norms[2.0] < norms[0.5] < norms[0.0]
    assert norms[2.0] < 0.8 * norms[0.0]


# ---- bad input ----------------------------------------------------------------------------
@pytest.mark.parametrize("keep_prob", [0, 0.0, 1.5, -0.2, "half", None])
def test_bad_keep_prob(keep_prob, rng):
    with pytest.raises(ValueError, match=r"dropout_forward: keep_prob must"):
        dl.dropout_forward(np.ones((2, 2)), keep_prob, rng)


def test_keep_prob_message_explains_meaning(rng):
    with pytest.raises(ValueError, match=r"probability of KEEPING a unit"):
        dl.dropout_forward(np.ones((2, 2)), 1.5, rng)


def test_dropout_needs_rng_or_mask():
    with pytest.raises(ValueError, match=r"dropout_forward: rng must be a numpy Generator"):
        dl.dropout_forward(np.ones((2, 2)), 0.5)
    with pytest.raises(ValueError, match=r"dropout_forward: mask has shape \(2, 3\) but A has shape \(2, 2\)"):
        dl.dropout_forward(np.ones((2, 2)), 0.5, mask=np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"dropout_forward: A has dtype"):
        dl.dropout_forward(np.array([["a"]]), 0.5, mask=np.ones((1, 1)))


@pytest.mark.parametrize("func", [dl.l2_cost, lambda p, lambd, m: dl.l2_grads(p, dict(p), lambd, m)])
def test_bad_lambd(func):
    with pytest.raises(ValueError, match=r"l2_(cost|grads): lambd must be finite and >= 0, got -0.1"):
        func(_params(), -0.1, 3)
    with pytest.raises(ValueError, match=r"l2_(cost|grads): lambd must be a number"):
        func(_params(), "strong", 3)


@pytest.mark.parametrize("m", [0, -3, "ten", None])
def test_l2_bad_m(m):
    with pytest.raises(ValueError, match=r"l2_cost: m must be the positive number of examples"):
        dl.l2_cost(_params(), 0.1, m)
    with pytest.raises(ValueError, match=r"l2_grads: m must be the positive number of examples"):
        dl.l2_grads(_params(), dict(_params()), 0.1, m)


def test_l2_grads_missing_key():
    with pytest.raises(ValueError, match=r"l2_grads: grads has no 'W2'.*keyed like"):
        dl.l2_grads(_params(), {"W1": np.zeros((2, 2))}, 0.1, 3)
