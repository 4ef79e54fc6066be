"""Models and the training loop: whole-model gradient checks, learning, determinism,
divergence reports, callbacks, record_every, bad input."""
import warnings

import numpy as np
import pytest

import dlutils as dl

TOL = 1e-7


def _data(rng, n_x=3, m=6, C=None):
    X = rng.standard_normal((n_x, m))
    if C is None:
        Y = (rng.random((1, m)) > 0.5).astype(int)
        Y[0, :2] = [0, 1]
    else:
        Y = dl.one_hot(rng.integers(0, C, m), C)
    return X, Y


def _randomize_biases(net, rng):
    for k in net.params:
        if k.startswith("b"):
            net.params[k] = 0.1 * rng.standard_normal(net.params[k].shape)


def _check_model(net, X, Y, reseed=None):
    def cost_and_grads(p):
        net.params = p
        if reseed is not None:       # the same dropout mask on every evaluation
            net.rng = np.random.default_rng(reseed)
        return net.loss(X, Y)

    return dl.gradient_check(cost_and_grads, net.params)


# ---- whole-model gradient checks ----------------------------------------------------------
def test_logistic_regression_gradient(rng):
    X, Y = _data(rng, 4, 7)
    lr = dl.LogisticRegression(4, params={"w": rng.standard_normal((4, 1)), "b": 0.3})
    res = _check_model(lr, X, Y)
    assert res.difference < TOL, res


def test_logistic_regression_golden():
    lr = dl.LogisticRegression(2, params={"w": np.array([[1.0], [2.0]]), "b": np.array([[-1.0]])})
    X = np.array([[1.0, 0.0], [0.0, 1.0]])    # z = [0, 1]
    np.testing.assert_allclose(lr.loss(X), [[0.5, 0.7310585786300049]], rtol=1e-12)
    cost, grads = lr.loss(X, np.array([[1, 0]]))
    assert cost == pytest.approx((np.log(2) + 1.3132616875182228) / 2, rel=1e-12)
    dz = np.array([[-0.5, 0.7310585786300049]]) / 2
    np.testing.assert_allclose(grads["w"], X @ dz.T)
    np.testing.assert_allclose(grads["b"], [[dz.sum()]])
    np.testing.assert_array_equal(lr.predict(X), [[0, 1]])


@pytest.mark.parametrize("hidden", ["relu", "tanh", "leaky_relu", "sigmoid"])
@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
def test_deepnet_gradient(hidden, output, rng):
    C = None if output == "sigmoid" else 3
    X, Y = _data(rng, 3, 6, C)
    net = dl.DeepNet([3, 5, 4, 1 if C is None else C], hidden_activation=hidden, output=output,
                     initializer="xavier", rng=rng)
    _randomize_biases(net, rng)
    res = _check_model(net, X, Y)
    assert res.difference < TOL, res


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
def test_deepnet_gradient_with_l2(output, rng):
    C = None if output == "sigmoid" else 3
    X, Y = _data(rng, 3, 6, C)
    net = dl.DeepNet([3, 5, 4, 1 if C is None else C], hidden_activation="tanh", output=output,
                     initializer="xavier", rng=rng, lambd=0.7)
    _randomize_biases(net, rng)
    res = _check_model(net, X, Y)
    assert res.difference < TOL, res


@pytest.mark.parametrize("hidden", ["relu", "tanh"])
def test_deepnet_gradient_with_dropout_fixed_mask(hidden, rng):
    X, Y = _data(rng, 3, 8)
    net = dl.DeepNet([3, 6, 5, 1], hidden_activation=hidden, initializer="xavier", rng=rng,
                     keep_prob=[0.6, 0.8], lambd=0.2)
    _randomize_biases(net, rng)
    res = _check_model(net, X, Y, reseed=11)
    assert res.difference < TOL, res
    # and the mask really was active: without re-seeding two passes differ
    net.rng = np.random.default_rng(1)
    assert net.loss(X, Y)[0] != net.loss(X, Y)[0]


def test_deepnet_matches_L_model_functions(rng):
    """DeepNet's fused path and the step-by-step functions give the same numbers."""
    X, Y = _data(rng, 4, 9)
    net = dl.DeepNet([4, 6, 3, 1], rng=rng)
    _randomize_biases(net, rng)
    AL, caches = dl.L_model_forward(X, net.params)
    np.testing.assert_allclose(net.loss(X), AL, rtol=1e-12)
    cost, grads = net.loss(X, Y)
    assert cost == pytest.approx(dl.binary_cross_entropy(AL, Y), rel=1e-10)
    ref = dl.L_model_backward(None, caches, dZL=(AL - Y) / X.shape[1])
    for k in grads:
        np.testing.assert_allclose(grads[k], ref[k], rtol=1e-10, atol=1e-15)


# ---- learning -----------------------------------------------------------------------------
def test_tiny_net_overfits_tiny_batch(rng):
    X = rng.standard_normal((2, 8))
    Y = np.array([[0, 1, 1, 0, 1, 0, 0, 1]])
    net = dl.DeepNet([2, 16, 16, 1], rng=rng)
    h = dl.train(net, X, Y, learning_rate=0.02, num_iterations=600, optimizer="adam", record_every=100)
    assert h.costs[-1] < 0.01, h.costs
    assert h.train_acc[-1] == 100.0
    assert dl.accuracy(net.predict(X), Y) == 100.0


def test_softmax_net_overfits_tiny_batch(rng):
    X = rng.standard_normal((3, 9))
    Y = dl.one_hot(np.arange(9) % 3, 3)
    net = dl.DeepNet([3, 16, 3], output="softmax", rng=rng)
    h = dl.train(net, X, Y, learning_rate=0.02, num_iterations=600, optimizer="adam")
    assert h.costs[-1] < 0.01 and h.train_acc[-1] == 100.0
    np.testing.assert_array_equal(net.predict(X), [np.arange(9) % 3])


def test_logistic_regression_learns_separable_data(rng):
    X = rng.standard_normal((2, 100))
    Y = (X[0] + 0.5 * X[1] > 0).astype(int).reshape(1, -1)
    model = dl.LogisticRegression(2)
    h = dl.train(model, X, Y, learning_rate=0.5, num_iterations=300)
    assert h.costs[-1] < h.costs[0] and h.train_acc[-1] >= 97.0


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "rmsprop", "adam"])
def test_minibatch_training_reduces_cost(optimizer, rng):
    X, Y = dl.make_moons(rng, m=200)
    net = dl.DeepNet([2, 10, 5, 1], rng=rng)
    start = dl.evaluate(net, X, Y)[0]
    lr = {"gd": 0.3, "momentum": 0.3, "rmsprop": 0.005, "adam": 0.01}[optimizer]
    h = dl.train(net, X, Y, learning_rate=lr, mini_batch_size=32, num_epochs=30, rng=rng,
                 optimizer=optimizer, record_every=5)
    assert h.steps == [35, 70, 105, 140, 175, 210]  # 7 batches per epoch
    assert h.epochs == [4, 9, 14, 19, 24, 29]
    assert h.costs[-1] < 0.6 * start, (start, h.costs)
    assert h.train_acc[-1] > 85.0


def test_decay_schedule_is_recorded(rng):
    X, Y = dl.make_moons(rng, m=64)
    net = dl.DeepNet([2, 4, 1], rng=rng)
    h = dl.train(net, X, Y, learning_rate=0.1, mini_batch_size=16, num_epochs=4, rng=rng, record_every=1,
                 decay=lambda lr0, epoch: dl.inverse_time_decay(lr0, epoch, 1.0))
    assert h.learning_rates == pytest.approx([0.1, 0.05, 0.1 / 3, 0.025])


def test_dev_set_is_recorded(rng):
    X, Y = dl.make_moons(rng, m=100)
    Xd, Yd = dl.make_moons(rng, m=40)
    net = dl.DeepNet([2, 4, 1], rng=rng)
    h = dl.train(net, X, Y, learning_rate=0.1, num_iterations=20, record_every=10, X_dev=Xd, Y_dev=Yd)
    assert h.iterations == [0, 10, 20] and len(h.dev_costs) == len(h.dev_acc) == 3
    assert h.dev_acc[-1] == dl.evaluate(net, Xd, Yd)[1]
    assert h.final["dev_acc"] == h.dev_acc[-1] and h.final["steps"] == h.final["iterations"] == 20


# ---- record_every, callbacks --------------------------------------------------------------
def test_record_every_full_batch(rng):
    X, Y = _data(rng, 2, 10)
    h = dl.train(dl.DeepNet([2, 3, 1], rng=rng), X, Y, learning_rate=0.1, num_iterations=10, record_every=3)
    assert h.iterations == [0, 3, 6, 9, 10]     # iteration 0, every 3 steps, and the end
    assert h.steps is h.iterations              # the old name of the same list
    h = dl.train(dl.DeepNet([2, 3, 1], rng=rng), X, Y, learning_rate=0.1, num_iterations=9, record_every=3)
    assert h.iterations == [0, 3, 6, 9]
    assert len(h.costs) == len(h.train_acc) == len(h.learning_rates) == len(h.epochs) == 4
    h = dl.train(dl.DeepNet([2, 3, 1], rng=rng), X, Y, learning_rate=0.1, num_iterations=0)
    assert h.steps == [] and h.final["cost"] is None


def test_full_batch_record_belongs_to_its_iteration(rng):
    """Record j holds the cost AND the accuracy of the parameters after iterations[j] updates."""
    X, Y = _data(rng, 2, 10)
    init = dl.DeepNet([2, 3, 1], rng=rng).params
    seen = []
    net = dl.DeepNet([2, 3, 1], params=init)
    h = dl.train(net, X, Y, learning_rate=0.5, num_iterations=6, record_every=2,
                 callback=lambda hist, model: seen.append({k: v.copy() for k, v in model.params.items()}))
    assert h.iterations == [0, 2, 4, 6] and len(seen) == 4
    for j, it in enumerate(h.iterations):
        ref = dl.DeepNet([2, 3, 1], params=init)
        if it:
            dl.train(ref, X, Y, learning_rate=0.5, num_iterations=it)
        for k in ref.params:                      # the callback sees the record's parameters
            np.testing.assert_allclose(seen[j][k], ref.params[k], rtol=1e-12)
        assert h.costs[j] == pytest.approx(ref.loss(X, Y)[0], rel=1e-12), j
        assert h.train_acc[j] == dl.evaluate(ref, X, Y)[1]
    assert h.costs[0] == pytest.approx(dl.DeepNet([2, 3, 1], params=init).loss(X, Y)[0], rel=1e-12)


def test_callback_false_stops_early(rng):
    X, Y = _data(rng, 2, 10)
    calls = []

    def cb(history, model):
        calls.append(history.steps[-1])
        return len(calls) < 2

    h = dl.train(dl.DeepNet([2, 3, 1], rng=rng), X, Y, learning_rate=0.1, num_iterations=100,
                 record_every=5, callback=cb)
    assert calls == [0, 5] and h.iterations == [0, 5] and h.stopped_early
    h = dl.train(dl.DeepNet([2, 3, 1], rng=rng), X, Y, learning_rate=0.1, mini_batch_size=4,
                 num_epochs=50, rng=rng, record_every=1, callback=lambda hist, model: False)
    assert h.epochs == [0] and h.stopped_early


def test_callback_none_return_keeps_going(rng):
    X, Y = _data(rng, 2, 10)
    h = dl.train(dl.DeepNet([2, 3, 1], rng=rng), X, Y, learning_rate=0.1, num_iterations=20,
                 record_every=5, callback=lambda hist, model: None)
    assert h.iterations == [0, 5, 10, 15, 20] and not h.stopped_early


# ---- divergence ---------------------------------------------------------------------------
def _diverging(rng):
    """Leaky ReLU never dies, so a too-large step makes the weights grow geometrically until
    the cost overflows. (A ReLU or tanh net with the stable logits loss mostly stays finite:
    its units die or saturate, and the cost oscillates at a huge but finite value.)"""
    X, Y = dl.make_moons(rng, m=100)
    return dl.DeepNet([2, 20, 20, 1], hidden_activation="leaky_relu", rng=rng), X, Y


def test_divergence_raises_with_step_and_learning_rate(rng):
    net, X, Y = _diverging(rng)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # train reports it, numpy stays quiet
        with pytest.raises(dl.DivergenceError, match=r"train: training diverged at step \d+ .*"
                                                     r"learning_rate=10, optimizer=gd.*learning rate too large"):
            dl.train(net, X, Y, learning_rate=10, num_iterations=200)


def test_divergence_stop_records_no_nan(rng):
    net, X, Y = _diverging(rng)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # train reports it, numpy stays quiet
        h = dl.train(net, X, Y, learning_rate=10, num_iterations=200, record_every=1, on_divergence="stop")
    assert h.diverged and "learning rate too large" in h.message and "step" in h.message
    assert h.final["diverged"]
    assert all(np.isfinite(h.costs)) and all(np.isfinite(h.train_acc))
    assert all(0 <= a <= 100 for a in h.train_acc)
    assert len(h.steps) < 200


def test_finite_but_exploding_cost_counts_as_divergence(rng):
    # a tanh net with the stable loss never overflows: a huge step just makes the cost huge
    X, Y = dl.make_moons(rng, m=60)
    net = dl.DeepNet([2, 8, 1], hidden_activation="tanh", rng=rng)
    h = dl.train(net, X, Y, learning_rate=500, num_iterations=50, on_divergence="stop")
    assert h.diverged and "cost exploded from" in h.message and "learning_rate=500" in h.message
    calm = dl.DeepNet([2, 8, 1], hidden_activation="tanh", rng=np.random.default_rng(0))
    assert not dl.train(calm, X, Y, learning_rate=0.5, num_iterations=50).diverged


def test_divergence_error_is_a_floating_point_error():
    assert issubclass(dl.DivergenceError, FloatingPointError)


# ---- determinism --------------------------------------------------------------------------
def _run(seed):
    rng = np.random.default_rng(seed)
    X, Y = dl.make_moons(rng, m=90)
    net = dl.DeepNet([2, 8, 8, 1], rng=rng, keep_prob=0.8, lambd=0.1)
    h = dl.train(net, X, Y, learning_rate=0.01, mini_batch_size=16, num_epochs=6, rng=rng,
                 optimizer="adam", record_every=2)
    return net, h


def test_same_seed_same_parameters_and_history():
    (n1, h1), (n2, h2), (n3, h3) = _run(5), _run(5), _run(6)
    assert all(np.array_equal(n1.params[k], n2.params[k]) for k in n1.params)
    assert h1.costs == h2.costs and h1.train_acc == h2.train_acc and h1.steps == h2.steps
    assert h1.costs != h3.costs


# ---- evaluate / predict -------------------------------------------------------------------
def test_evaluate_and_predict(rng):
    X, Y = _data(rng, 3, 12)
    net = dl.DeepNet([3, 4, 1], rng=rng)
    cost, acc = dl.evaluate(net, X, Y)
    assert cost == pytest.approx(net.loss(X, Y)[0]) and acc == dl.accuracy(dl.predict(net, X), Y)
    net3 = dl.DeepNet([3, 4, 3], output="softmax", rng=rng)
    Y3 = dl.one_hot(rng.integers(0, 3, 12), 3)
    cost3, acc3 = dl.evaluate(net3, X, Y3)
    assert cost3 == pytest.approx(net3.loss(X, Y3)[0])
    assert acc3 == dl.accuracy(net3.predict(X), dl.from_one_hot(Y3))


# ---- bad input: models --------------------------------------------------------------------
def test_deepnet_bad_construction(rng):
    with pytest.raises(ValueError, match=r"DeepNet: unknown activation 'relux'; choose one of"):
        dl.DeepNet([2, 3, 1], hidden_activation="relux", rng=rng)
    with pytest.raises(ValueError, match=r"DeepNet: output must be 'sigmoid' \(binary\) or 'softmax'"):
        dl.DeepNet([2, 3, 1], output="linear", rng=rng)
    with pytest.raises(ValueError, match=r"DeepNet: a sigmoid output has 1 unit but layer_dims ends in 3.*softmax"):
        dl.DeepNet([2, 3, 3], rng=rng)
    with pytest.raises(ValueError, match=r"DeepNet: keep_prob has 1 values but there are 2 hidden layers"):
        dl.DeepNet([2, 3, 3, 1], keep_prob=[0.5], rng=rng)
    for kp in (0, 1.5):
        with pytest.raises(ValueError, match=r"DeepNet: keep_prob must lie in \(0, 1\]"):
            dl.DeepNet([2, 3, 1], keep_prob=kp, rng=rng)
    with pytest.raises(ValueError, match=r"DeepNet: lambd must be finite and >= 0, got -1"):
        dl.DeepNet([2, 3, 1], lambd=-1, rng=rng)
    with pytest.raises(ValueError, match=r"DeepNet: rng must be a numpy Generator"):
        dl.DeepNet([2, 3, 1], keep_prob=0.5, params=dl.initialize_parameters([2, 3, 1], "he", rng))
    with pytest.raises(ValueError, match=r"initialize_parameters: rng must be a numpy Generator"):
        dl.DeepNet([2, 3, 1], rng=42)
    with pytest.raises(ValueError, match=r"initialize_parameters: unknown method 'lecun'"):
        dl.DeepNet([2, 3, 1], initializer="lecun", rng=rng)
    with pytest.raises(ValueError, match=r"DeepNet: params have layer sizes \[2, 4, 1\] but layer_dims is \[2, 3, 1\]"):
        dl.DeepNet([2, 3, 1], params=dl.initialize_parameters([2, 4, 1], "he", rng))
    for dims in ([2, "x", 1], [2], "21", None, [2, 0, 1]):
        with pytest.raises(ValueError, match=r"DeepNet: layer_dims must"):
            dl.DeepNet(dims, rng=rng)


def test_deepnet_bad_data(rng):
    net = dl.DeepNet([3, 4, 1], rng=rng)
    X, Y = _data(rng, 3, 5)
    with pytest.raises(ValueError, match=r"DeepNet.loss: X has shape \(5, 3\) but the model expects n_x = 3 rows"
                                         r" - one example per column: did you mean X\.T\?"):
        net.loss(X.T)
    with pytest.raises(ValueError, match=r"DeepNet.loss: Y has shape \(5, 1\), expected \(1, 5\).*did you pass Y\.T"):
        net.loss(X, Y.T)
    with pytest.raises(ValueError, match=r"DeepNet.loss: Y must hold only \(0, 1\)"):
        net.loss(X, Y * 3)
    with pytest.raises(ValueError, match=r"DeepNet.loss: Y must be 2-D.*reshape"):
        net.loss(X, Y[0])
    Xn = X.copy()
    Xn[0, 0] = np.nan
    with pytest.raises(ValueError, match=r"DeepNet.loss: X contains 1 NaN or inf"):
        net.loss(Xn)
    with pytest.raises(ValueError, match=r"DeepNet.loss: X has dtype <U"):
        net.loss(np.array([["a"] * 5] * 3))
    with pytest.raises(ValueError, match=r"DeepNet.loss: X has dtype object"):
        net.predict(np.array([[None] * 5] * 3))
    soft = dl.DeepNet([3, 4, 3], output="softmax", rng=rng)
    with pytest.raises(ValueError, match=r"DeepNet.loss: Y has shape \(1, 5\).*dl\.one_hot\(Y, C\)"):
        soft.loss(X, np.array([[0, 1, 2, 1, 0]]))


def test_logistic_regression_bad_input(rng):
    for n_x in (0, -1, 2.5, "3"):
        with pytest.raises(ValueError, match=r"LogisticRegression: n_x must be a positive int"):
            dl.LogisticRegression(n_x)
    with pytest.raises(ValueError, match=r"LogisticRegression: params\['w'\] has shape \(1, 3\), expected \(3, 1\)"):
        dl.LogisticRegression(3, params={"w": np.zeros((1, 3)), "b": 0.0})
    model = dl.LogisticRegression(4)
    with pytest.raises(ValueError, match=r"LogisticRegression.loss: X has shape \(7, 4\).*did you mean X\.T"):
        model.loss(np.ones((7, 4)))
    with pytest.raises(ValueError, match=r"LogisticRegression.loss: Y must hold only \(0, 1\)"):
        model.loss(np.ones((4, 2)), np.array([[0, 5]]))


# ---- bad input: train / evaluate ----------------------------------------------------------
def test_train_bad_arguments(rng):
    X, Y = _data(rng, 2, 10)
    net = dl.DeepNet([2, 3, 1], rng=rng)
    cases = [
        (dict(learning_rate=-0.1, num_iterations=5), r"train: learning_rate must be finite and > 0, got -0.1"),
        (dict(learning_rate=0, num_iterations=5), r"train: learning_rate must be finite and > 0"),
        (dict(learning_rate="fast", num_iterations=5), r"train: learning_rate must be a number"),
        (dict(learning_rate=0.1, num_iterations=5, optimizer="sgd"), r"train: unknown optimizer 'sgd'"),
        (dict(learning_rate=0.1, num_iterations=5, on_divergence="ignore"), r"on_divergence must be 'raise' or 'stop'"),
        (dict(learning_rate=0.1), r"train: give num_iterations"),
        (dict(learning_rate=0.1, num_iterations=5, num_epochs=3), r"train: num_epochs needs mini_batch_size"),
        (dict(learning_rate=0.1, mini_batch_size=4, num_iterations=5), r"train: with mini_batch_size give num_epochs"),
        (dict(learning_rate=0.1, mini_batch_size=4, num_epochs=2), r"train: rng must be a numpy Generator"),
        (dict(learning_rate=0.1, num_iterations=-2), r"train: num_iterations must be an int >= 0, got -2"),
        (dict(learning_rate=0.1, num_iterations=5, X_dev=X), r"train: X_dev was given without Y_dev"),
        (dict(learning_rate=0.1, num_iterations=5, optimizer="adam", optimizer_options={"beta": 0.9}),
         r"make_optimizer_configs: adam takes \['beta1', 'beta2', 'epsilon'\]"),
        (dict(learning_rate=0.1, num_iterations=5, record_every=0), r"train: record_every must be a positive int"),
        (dict(learning_rate=0.1, num_iterations=2.5), r"train: num_iterations must be"),
    ]
    for kwargs, msg in cases:
        with pytest.raises(ValueError, match=msg):
            dl.train(net, X, Y, **kwargs)
    with pytest.raises(ValueError, match=r"train: Y is None"):
        dl.train(net, X, None, learning_rate=0.1, num_iterations=5)
    with pytest.raises(ValueError, match=r"DeepNet.loss: X has shape \(10, 2\).*did you mean X\.T"):
        dl.train(net, X.T, Y, learning_rate=0.1, num_iterations=5)
    with pytest.raises(ValueError, match=r"DeepNet.loss: Y has shape \(1, 3\), expected \(1, 4\)"):
        dl.train(net, X, Y, learning_rate=0.1, num_iterations=5, X_dev=X[:, :4], Y_dev=Y[:, :3])


def test_evaluate_bad_input(rng):
    net = dl.DeepNet([2, 3, 1], rng=rng)
    with pytest.raises(ValueError, match=r"evaluate: X has shape \(4, 2\).*did you mean X\.T"):
        dl.evaluate(net, np.ones((4, 2)), np.ones((1, 4)))
    with pytest.raises(ValueError, match=r"evaluate: Y has shape \(4, 1\), expected \(1, 4\)"):
        dl.evaluate(net, np.ones((2, 4)), np.ones((4, 1)))


def test_softmax_model_checks_one_hot_once(rng):
    net = dl.DeepNet([3, 4, 3], output="softmax", rng=rng)
    with pytest.raises(ValueError, match=r"DeepNet.loss: Y must be one-hot \(C, m\).*dl\.one_hot"):
        net.loss(np.ones((3, 2)), np.array([[1, 1], [1, 0], [0, 0]]))
    with pytest.raises(ValueError, match=r"DeepNet.loss: Y must be one-hot"):
        dl.train(net, np.ones((3, 2)), np.full((3, 2), 1 / 3), learning_rate=0.1, num_iterations=1)
