"""Batch normalization: gradient checks, train/test modes, running averages, DeepNet wiring."""
import numpy as np
import pytest

import dlutils as dl


def _inputs(rng, n=4, m=6):
    Z = rng.standard_normal((n, m)) * 3 + 1
    gamma = rng.standard_normal((n, 1)) + 1.5
    beta = rng.standard_normal((n, 1))
    return Z, gamma, beta


def test_forward_normalizes_each_unit():
    rng = np.random.default_rng(0)
    Z, _, _ = _inputs(rng, 5, 50)
    out, _ = dl.batchnorm_forward(Z, np.ones((5, 1)), np.zeros((5, 1)))
    np.testing.assert_allclose(out.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(out.var(axis=1), 1, atol=1e-4)
    gamma, beta = np.full((5, 1), 2.0), np.full((5, 1), -3.0)
    out, _ = dl.batchnorm_forward(Z, gamma, beta)
    np.testing.assert_allclose(out.mean(axis=1), -3, atol=1e-12)
    np.testing.assert_allclose(out.std(axis=1), 2, atol=1e-4)


def test_golden_values():
    Z = np.array([[1.0, 2.0, 3.0, 6.0]])
    out, _ = dl.batchnorm_forward(Z, np.ones((1, 1)), np.zeros((1, 1)), epsilon=0.0 + 1e-12)
    # mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5
    np.testing.assert_allclose(out, (Z - 3) / np.sqrt(3.5), rtol=1e-9)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradient_check_train_mode(seed):
    rng = np.random.default_rng(seed)
    Z, gamma, beta = _inputs(rng)
    errs = dl.check_layer(lambda z, g, b: dl.batchnorm_forward(z, g, b),
                          dl.batchnorm_backward, [Z, gamma, beta], rng)
    assert all(e < 1e-6 for e in errs), errs


def test_gradient_check_test_mode():
    rng = np.random.default_rng(3)
    Z, gamma, beta = _inputs(rng)
    state = dl.batchnorm_param(4)
    state["running_mean"][:] = rng.standard_normal((4, 1))
    state["running_var"][:] = rng.random((4, 1)) + 0.5
    fwd = lambda z, g, b: dl.batchnorm_forward(z, g, b, state, mode="test")  # noqa: E731
    errs = dl.check_layer(fwd, dl.batchnorm_backward, [Z, gamma, beta], rng)
    assert all(e < 1e-6 for e in errs), errs


def test_running_averages_update_with_momentum():
    rng = np.random.default_rng(4)
    Z, gamma, beta = _inputs(rng, 3, 20)
    state = dl.batchnorm_param(3, momentum=0.9)
    dl.batchnorm_forward(Z, gamma, beta, state, mode="train")
    np.testing.assert_allclose(state["running_mean"], 0.1 * Z.mean(axis=1, keepdims=True))
    np.testing.assert_allclose(state["running_var"], 0.9 + 0.1 * Z.var(axis=1, keepdims=True))
    # many batches from the same distribution: running stats converge to the true ones
    for _ in range(200):
        Zb = rng.standard_normal((3, 64)) * 2 + 5
        dl.batchnorm_forward(Zb, gamma, beta, state)
    np.testing.assert_allclose(state["running_mean"], 5, atol=0.5)
    np.testing.assert_allclose(state["running_var"], 4, atol=1.2)


def test_test_mode_uses_running_stats_not_batch():
    rng = np.random.default_rng(5)
    _, gamma, beta = _inputs(rng, 2, 5)
    state = dl.batchnorm_param(2)
    state["running_mean"][:] = [[1.0], [-2.0]]
    state["running_var"][:] = [[4.0], [0.25]]
    Z = rng.standard_normal((2, 7))
    out, _ = dl.batchnorm_forward(Z, gamma, beta, state, mode="test")
    want = gamma * (Z - state["running_mean"]) / np.sqrt(state["running_var"] + 1e-5) + beta
    np.testing.assert_allclose(out, want)
    # one example at a time gives the same answer (no dependence on the batch)
    one, _ = dl.batchnorm_forward(Z[:, :1], gamma, beta, state, mode="test")
    np.testing.assert_allclose(one, out[:, :1])


def test_bad_input_messages():
    g, b = np.ones((3, 1)), np.zeros((3, 1))
    with pytest.raises(ValueError, match="batchnorm_forward: gamma has shape \\(3,\\), expected \\(3, 1\\)"):
        dl.batchnorm_forward(np.ones((3, 4)), np.ones(3), b)
    with pytest.raises(ValueError, match="batchnorm_forward: mode must be 'train'"):
        dl.batchnorm_forward(np.ones((3, 4)), g, b, mode="eval")
    with pytest.raises(ValueError, match="mode='test' needs bn_param"):
        dl.batchnorm_forward(np.ones((3, 4)), g, b, mode="test")
    with pytest.raises(ValueError, match="at least 2 examples"):
        dl.batchnorm_forward(np.ones((3, 1)), g, b)
    with pytest.raises(ValueError, match="Z must be 2-D"):
        dl.batchnorm_forward(np.ones(3), g, b)
    with pytest.raises(ValueError, match="bn_param\\['running_mean'\\] must have shape \\(3, 1\\)"):
        dl.batchnorm_forward(np.ones((3, 4)), g, b, dl.batchnorm_param(5))
    with pytest.raises(ValueError, match="batchnorm_param: momentum must lie in"):
        dl.batchnorm_param(3, momentum=1.0)
    with pytest.raises(ValueError, match="DeepNet: batchnorm=True needs params\\['gamma1'\\]"):
        p = dl.initialize_parameters([2, 3, 1], "he", np.random.default_rng(0))
        dl.DeepNet([2, 3, 1], params=p, batchnorm=True)


# -- DeepNet wiring ------------------------------------------------------------------------

def _bn_net(seed=0, dims=(3, 5, 4, 1), **kw):
    rng = np.random.default_rng(seed)
    net = dl.DeepNet(list(dims), rng=rng, batchnorm=True, **kw)
    for k in net.params:  # non-trivial gamma/beta so their gradients are tested
        if k.startswith(("gamma", "beta")):
            net.params[k] = net.params[k] + 0.5 * rng.standard_normal(net.params[k].shape)
    return net, rng


def test_deepnet_bn_params_layout():
    net, _ = _bn_net()
    assert list(net.params) == ["W1", "gamma1", "beta1", "W2", "gamma2", "beta2", "W3", "b3"]
    assert net.params["gamma2"].shape == (4, 1) and set(net.bn_state) == {1, 2}


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
def test_deepnet_bn_whole_network_gradient_check(output):
    dims = (3, 5, 4, 1) if output == "sigmoid" else (3, 5, 4, 3)
    net, rng = _bn_net(1, dims, output=output, lambd=0.3)
    X = rng.standard_normal((3, 8))
    y = rng.integers(0, dims[-1], size=(1, 8))
    Y = y if output == "sigmoid" else dl.one_hot(y, 3)

    def cost_and_grads(p):
        net.params = p
        return net.loss(X, Y)

    res = dl.gradient_check(cost_and_grads, dict(net.params), eps=1e-6, threshold=1e-6)
    assert res.passed, res
    assert max(res.values()) < 1e-6, res


def test_deepnet_bn_inference_uses_running_stats_and_is_deterministic():
    net, rng = _bn_net(2)
    X = rng.standard_normal((3, 40)) * 2 + 1
    Y = (X[:1] > 1).astype(int)
    dl.train(net, X, Y, learning_rate=0.01, num_iterations=30, optimizer="adam")
    p1 = net.loss(X)
    p2 = net.loss(X)
    np.testing.assert_array_equal(p1, p2)
    # a single example's prediction does not depend on the rest of the batch
    np.testing.assert_allclose(net.loss(X[:, :1]), p1[:, :1])
    # and predictions do not move the running averages
    before = net.bn_state[1]["running_mean"].copy()
    net.loss(X)
    np.testing.assert_array_equal(before, net.bn_state[1]["running_mean"])
    # running averages are what is used: changing them changes the predictions
    net.bn_state[1]["running_mean"] += 1.0
    assert not np.allclose(net.loss(X), p1)


def test_deepnet_bn_trains():
    rng = np.random.default_rng(0)
    X, Y = dl.make_moons(rng, m=200)
    net = dl.DeepNet([2, 20, 3, 1], rng=rng, batchnorm=True)
    h = dl.train(net, X, Y, learning_rate=0.01, optimizer="adam", mini_batch_size=64,
                 num_epochs=100, rng=rng, record_every=10)
    assert h.train_acc[-1] > 95


def test_dropout_never_applies_at_inference():
    rng = np.random.default_rng(0)
    net = dl.DeepNet([2, 30, 1], rng=rng, keep_prob=0.5)
    X = rng.standard_normal((2, 20))
    np.testing.assert_array_equal(net.loss(X), net.loss(X))
    np.testing.assert_array_equal(net.predict(X), net.predict(X))
    c1, _ = net.loss(X, (X[:1] > 0).astype(int))
    c2, _ = net.loss(X, (X[:1] > 0).astype(int))
    assert c1 != c2  # training passes do draw new masks


def test_deepnet_bn_from_given_params_round_trips():
    net, rng = _bn_net(3)
    copy = dl.DeepNet([3, 5, 4, 1], params=net.params, batchnorm=True)
    assert list(copy.params) == list(net.params)
    for k in net.params:
        np.testing.assert_array_equal(copy.params[k], net.params[k])
        assert copy.params[k] is not net.params[k]
    X = rng.standard_normal((3, 10))
    Y = rng.integers(0, 2, (1, 10))
    c1, _ = net.loss(X, Y)
    c2, _ = copy.loss(X, Y)
    assert c1 == c2
