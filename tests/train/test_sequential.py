"""The compact model API: layers, fit/evaluate/predict/summary, callbacks, gradient checks."""
import numpy as np
import pytest

import dlutils as dl


def _multi(rng, m=60, C=3, n_x=4):
    X = rng.standard_normal((n_x, m))
    y = np.argmax(rng.standard_normal((C, n_x)) @ X, axis=0).reshape(1, -1)
    return X, y


def _randomize(model, rng):
    for k in model.params:
        if k.startswith(("gamma", "beta", "b")):
            model.params[k] = model.params[k] + 0.3 * rng.standard_normal(model.params[k].shape)


@pytest.mark.parametrize("loss", ["softmax_cross_entropy", "binary_cross_entropy"])
def test_whole_sequential_gradient_check(loss):
    rng = np.random.default_rng(0)
    n_out, act = (3, "softmax") if loss.startswith("softmax") else (1, "sigmoid")
    model = dl.Sequential([dl.Dense(5, activation="tanh"), dl.BatchNorm(),
                           dl.Dense(4), dl.Activation("relu"), dl.Dropout(0.7),
                           dl.Dense(n_out, activation=act)],
                          input_dim=3, loss=loss, rng=rng, lambd=0.2)
    _randomize(model, rng)
    X = rng.standard_normal((3, 7))
    Y = rng.integers(0, n_out if n_out > 1 else 2, size=(1, 7))

    def cost_and_grads(p):
        # the same dropout mask for every call: reseed the model's rng
        model.params = p
        model.rng = np.random.default_rng(123)
        return model.loss(X, Y)

    res = dl.gradient_check(cost_and_grads, dict(model.params), eps=1e-6, threshold=1e-6)
    assert res.passed and max(res.values()) < 1e-6, res
    assert set(res) == {"W1", "b1", "gamma1", "beta1", "W2", "b2", "W3", "b3"}


def test_matches_deepnet_on_same_params():
    rng = np.random.default_rng(1)
    model = dl.Sequential([dl.Dense(6, activation="relu"), dl.Dense(4, activation="relu"),
                           dl.Dense(1, activation="sigmoid")], input_dim=3,
                          loss="binary_cross_entropy", rng=rng, lambd=0.1)
    net = dl.DeepNet([3, 6, 4, 1], params=model.params, lambd=0.1)
    X = rng.standard_normal((3, 9))
    Y = rng.integers(0, 2, (1, 9))
    c1, g1 = model.loss(X, Y)
    c2, g2 = net.loss(X, Y)
    assert c1 == pytest.approx(c2)
    for k in g2:
        np.testing.assert_allclose(g1[k], g2[k])
    np.testing.assert_allclose(model.loss(X), net.loss(X))


def test_fit_evaluate_predict_softmax_labels_or_one_hot():
    rng = np.random.default_rng(2)
    X, y = _multi(rng, 300)
    model = dl.Sequential([dl.Dense(16, activation="relu"), dl.Dense(3, activation="softmax")],
                          input_dim=4, rng=rng)
    h = model.fit(X, y, learning_rate=0.01, mini_batch_size=32, num_epochs=40, verbose=False)
    assert model.history is h and len(h.costs) == 40 and h.costs[-1] < h.costs[0] / 3
    ev = model.evaluate(X, dl.one_hot(y, 3))
    assert set(ev) == {"cost", "accuracy"} and ev["accuracy"] > 90
    assert model.evaluate(X, y) == ev
    pred = model.predict(X)
    assert pred.shape == (1, 300) and dl.accuracy(pred, y) == pytest.approx(ev["accuracy"])
    np.testing.assert_allclose(model.loss(X).sum(axis=0), 1)


def test_tiny_model_overfits_tiny_batch():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((5, 8))
    y = np.arange(8).reshape(1, -1) % 4
    model = dl.Sequential([dl.Dense(32, activation="relu"), dl.BatchNorm(),
                           dl.Dense(4, activation="softmax")], input_dim=5, rng=rng)
    h = model.fit(X, y, learning_rate=0.01, mini_batch_size=None, num_epochs=300, verbose=False)
    assert h.costs[-1] < 0.05


def test_dl_train_works_on_sequential():
    rng = np.random.default_rng(4)
    X, Y = dl.make_moons(rng, m=200)
    model = dl.Sequential([dl.Dense(20, activation="relu"), dl.Dense(1, activation="sigmoid")],
                          input_dim=2, loss="binary_cross_entropy", rng=rng)
    h = dl.train(model, X, Y, learning_rate=0.02, num_iterations=400, optimizer="adam")
    assert h.train_acc[-1] > 95


def test_early_stopping_stops_and_restores_best():
    rng = np.random.default_rng(5)
    X, y = _multi(rng, 40, n_x=10)
    Xd, yd = _multi(np.random.default_rng(99), 40, n_x=10)  # unrelated labels: dev cost rises
    model = dl.Sequential([dl.Dense(64, activation="relu"), dl.Dense(3, activation="softmax")],
                          input_dim=10, rng=rng)
    stop = dl.EarlyStopping(monitor="dev_cost", patience=3)
    h = model.fit(X, y, learning_rate=0.01, mini_batch_size=20, num_epochs=200, X_dev=Xd, Y_dev=yd,
                  callbacks=[stop], verbose=False)
    assert h.stopped_early and len(h.costs) < 200
    assert stop.best == min(h.dev_costs)
    assert stop.best_step == h.iterations[int(np.argmin(h.dev_costs))] and stop.stopped_step == h.iterations[-1]
    assert model.evaluate(Xd, yd)["cost"] == pytest.approx(stop.best)


def test_divergence_reported_not_raised(capsys):
    rng = np.random.default_rng(6)
    X, Y = dl.make_moons(rng, m=100)
    model = dl.Sequential([dl.Dense(20, activation="relu"), dl.Dense(1, activation="sigmoid")],
                          input_dim=2, loss="binary_cross_entropy", rng=rng)
    model.params["W1"] *= 1e6
    h = model.fit(X, Y, optimizer="gd", learning_rate=1e6, mini_batch_size=None, num_epochs=50,
                  verbose=True)
    assert h.diverged and "learning rate too large" in h.message
    assert "diverged" in capsys.readouterr().out


def test_progress_line_when_verbose(capsys):
    rng = np.random.default_rng(7)
    X, y = _multi(rng, 50)
    model = dl.Sequential([dl.Dense(3, activation="softmax")], input_dim=4, rng=rng)
    model.fit(X, y, num_epochs=3, mini_batch_size=25, verbose=True)
    out = capsys.readouterr().out
    assert "epoch 3/3" in out and "train acc" in out
    model.fit(X, y, num_epochs=3, mini_batch_size=25, verbose="auto")  # short fit: silent
    assert capsys.readouterr().out == ""


def test_summary_table():
    rng = np.random.default_rng(8)
    model = dl.Sequential([dl.Dense(25, activation="relu"), dl.Dropout(0.8), dl.BatchNorm(),
                           dl.Dense(6, activation="softmax")], input_dim=12288, rng=rng)
    text = model.summary(print_it=False)
    assert "Dense(25, relu)" in text and "(25, m)" in text and "307,225" in text
    assert "BatchNorm()" in text and "gamma1, beta1" in text
    assert model.count_params() == 12288 * 25 + 25 + 50 + 25 * 6 + 6
    assert f"{model.count_params():,}" in text


def test_bad_input_messages():
    rng = np.random.default_rng(9)
    with pytest.raises(ValueError, match="Sequential: loss must be one of"):
        dl.Sequential([dl.Dense(1)], input_dim=2, loss="mse", rng=rng)
    with pytest.raises(ValueError, match="last layer must be dl.Dense\\(n, activation='softmax'\\)"):
        dl.Sequential([dl.Dense(3, activation="relu")], input_dim=2, rng=rng)
    with pytest.raises(ValueError, match="binary_cross_entropy needs 1 output unit"):
        dl.Sequential([dl.Dense(2)], input_dim=2, loss="binary_cross_entropy", rng=rng)
    with pytest.raises(ValueError, match="Sequential: rng must be a numpy Generator"):
        dl.Sequential([dl.Dense(3)], input_dim=2)
    with pytest.raises(ValueError, match="Dense: n_out must be a positive int"):
        dl.Dense(0)
    with pytest.raises(ValueError, match="Dense: unknown activation 'rellu'"):
        dl.Dense(3, activation="rellu")
    with pytest.raises(ValueError, match="Dropout: keep_prob must lie in \\(0, 1\\]"):
        dl.Dropout(1.5)
    model = dl.Sequential([dl.Dense(3)], input_dim=2, rng=rng)
    with pytest.raises(ValueError, match="X has shape \\(5, 2\\) but the model expects input_dim = 2 rows - "
                                         "one example per column: did you mean X.T"):
        model.predict(np.ones((5, 2)))
    with pytest.raises(ValueError, match="labels must lie in 0..2"):
        model.evaluate(np.ones((2, 4)), np.array([[0, 1, 3, 1]]))
    with pytest.raises(ValueError, match="EarlyStopping: nothing recorded for 'dev_cost'"):
        model.fit(np.ones((2, 4)), np.array([[0, 1, 2, 1]]), num_epochs=2, verbose=False,
                  callbacks=[dl.EarlyStopping()])
    with pytest.raises(ValueError, match="EarlyStopping: monitor must be"):
        dl.EarlyStopping(monitor="loss")
