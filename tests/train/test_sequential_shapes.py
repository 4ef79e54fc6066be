"""Sequential beyond dense nets: input_shape for images and sequences, whole-model gradient
checks of conv nets, per-step losses, L2 on every layer's weights, freezing, summaries."""
import numpy as np
import pytest

import dlutils as dl


def _conv_model(rng, lambd=0.0):
    return dl.Sequential([dl.Conv2D(3, 3, use_bias=False), dl.BatchNorm(), dl.Activation("relu"),
                          dl.MaxPool2D(2),
                          dl.Residual([dl.Conv2D(3, 3, activation="tanh"), dl.Conv2D(3, 3)]),
                          dl.DepthwiseConv2D(3, activation="tanh"), dl.Conv2D(2, 1, activation="relu"),
                          dl.Inception([[dl.Conv2D(2, 1)], [dl.AvgPool2D(3, 1, pad="same")]]),
                          dl.Flatten(), dl.Dense(4, activation="tanh"), dl.Dense(3, activation="softmax")],
                         input_shape=(6, 6, 2), rng=rng, lambd=lambd)


def _randomize(model, rng):
    for k, v in model.params.items():
        model.params[k] = v + 0.2 * rng.standard_normal(v.shape)


def test_whole_conv_sequential_gradient_check():
    rng = np.random.default_rng(0)
    model = _conv_model(rng, lambd=0.3)
    _randomize(model, rng)
    assert model.batch_axis == 0 and model.input_dim is None
    X = rng.standard_normal((5, 6, 6, 2))
    Y = rng.integers(0, 3, (1, 5))

    def cost_and_grads(p):
        model.params = p
        return model.loss(X, Y)

    res = dl.gradient_check(cost_and_grads, dict(model.params), eps=1e-6, threshold=1e-6)
    assert res.passed and max(res.values()) < 1e-6, res


def test_l2_applies_to_every_layers_weights():
    rng = np.random.default_rng(1)
    model = _conv_model(rng, lambd=0.0)
    X, Y = rng.standard_normal((4, 6, 6, 2)), rng.integers(0, 3, (1, 4))
    c0, g0 = model.loss(X, Y)
    model.lambd = 0.5
    c1, g1 = model.loss(X, Y)
    weights = [k for l in model.layers for k in getattr(l, "weight_keys", [])]
    assert {"conv1_W", "res1_conv1_W", "dwconv1_W", "conv2_W", "inc1_b1_conv1_W", "W1", "W2"} <= set(weights)
    assert not any("gamma" in k or k.endswith("_b") or k.startswith("b") for k in weights)
    assert c1 - c0 == pytest.approx(0.5 / (2 * 4) * sum(np.sum(model.params[k] ** 2) for k in weights))
    for k in model.params:
        extra = 0.5 / 4 * model.params[k] if k in weights else 0.0
        np.testing.assert_allclose(g1[k], g0[k] + extra, atol=1e-12)


def test_per_step_outputs_average_over_m_and_T():
    rng = np.random.default_rng(2)
    model = dl.Sequential([dl.Dense(5, activation="tanh"), dl.BatchNorm(), dl.Dense(3)],
                          input_shape=(4, 6), rng=rng, lambd=0.1)
    _randomize(model, rng)
    assert model.batch_axis == 1 and model.shapes[-1] == (3, 6)
    X = rng.standard_normal((4, 7, 6))
    labels = rng.integers(0, 3, (1, 7, 6))
    Y = np.eye(3)[labels[0]].transpose(2, 0, 1)             # one-hot (C, m, T)
    cost, _ = model.loss(X, labels)
    assert model.loss(X, Y)[0] == pytest.approx(cost)
    P = model.loss(X)
    assert P.shape == (3, 7, 6)
    np.testing.assert_allclose(P.sum(axis=0), 1)

    def cost_and_grads(p):
        model.params = p
        return model.loss(X, labels)

    res = dl.gradient_check(cost_and_grads, dict(model.params), eps=1e-6, threshold=1e-7)
    assert res.passed, res


def test_per_step_cost_is_the_mean_cross_entropy():
    rng = np.random.default_rng(3)
    model = dl.Sequential([dl.Dense(3)], input_shape=(2, 4), rng=rng)
    X = rng.standard_normal((2, 5, 4))
    labels = rng.integers(0, 3, (1, 5, 4))
    P = model.loss(X)
    expected = -np.mean(np.log(np.take_along_axis(P, labels, axis=0)))
    assert model.loss(X, labels)[0] == pytest.approx(expected)
    sig = dl.Sequential([dl.Dense(1)], input_shape=(2, 4), loss="binary_cross_entropy", rng=rng)
    Yb = rng.integers(0, 2, (1, 5, 4))
    p = sig.loss(X)
    assert sig.loss(X, Yb)[0] == pytest.approx(-np.mean(Yb * np.log(p) + (1 - Yb) * np.log(1 - p)))


def test_per_step_fit_evaluate_predict():
    rng = np.random.default_rng(9)
    X = rng.standard_normal((3, 40, 5))
    y = (X[0] > 0).astype(int)[None]                       # label of each step: sign of feature 0
    model = dl.Sequential([dl.Dense(8, activation="tanh"), dl.Dense(2)], input_shape=(3, 5), rng=rng)
    model.fit(X, y, learning_rate=0.05, mini_batch_size=10, num_epochs=10, verbose=False)
    pred = model.predict(X)
    assert pred.shape == (1, 40, 5) and (pred == y).mean() > 0.95
    assert model.evaluate(X, y)["accuracy"] > 95


def test_input_dim_and_input_shape_agree():
    a = dl.Sequential([dl.Dense(3)], input_dim=4, rng=np.random.default_rng(4))
    b = dl.Sequential([dl.Dense(3)], input_shape=(4,), rng=np.random.default_rng(4))
    c = dl.Sequential([dl.Dense(3)], 4, rng=np.random.default_rng(4))
    for m in (a, b, c):
        assert m.input_shape == (4,) and m.input_dim == 4 and m.batch_axis == 1
        np.testing.assert_array_equal(m.params["W1"], a.params["W1"])


def test_frozen_layers_get_no_grads_and_fit_leaves_them_unchanged():
    rng = np.random.default_rng(5)
    X, y = dl.make_bars(rng, 64)
    model = dl.Sequential([dl.Conv2D(4, 3, activation="relu", trainable=False), dl.BatchNorm(trainable=False),
                           dl.Conv2D(4, 3, activation="relu"), dl.Flatten(), dl.Dense(4)],
                          input_shape=(8, 8, 1), rng=rng)
    frozen = {k: model.params[k].copy() for k in ("conv1_W", "conv1_b", "gamma1", "beta1")}
    _, grads = model.loss(X, y)
    assert set(grads) == set(model.trainable_keys()) == {"conv2_W", "conv2_b", "W1", "b1"}
    state = {k: v.copy() for k, v in model.bn_state[1].items() if k.startswith("running")}
    trained = model.params["conv2_W"].copy()
    h = model.fit(X, y, learning_rate=0.01, mini_batch_size=16, num_epochs=3, verbose=False)
    assert h.costs[-1] < h.costs[0]
    for k, v in frozen.items():
        np.testing.assert_array_equal(model.params[k], v)
    for k, v in state.items():                    # a frozen BatchNorm keeps its running averages
        np.testing.assert_array_equal(model.bn_state[1][k], v)
    assert not np.array_equal(model.params["conv2_W"], trained)
    dl.unfreeze(model)
    assert set(model.loss(X, y)[1]) == set(model.params)
    dl.freeze(model, upto=3)
    assert set(model.loss(X, y)[1]) == {"W1", "b1"}
    assert "[frozen]" in model.summary(print_it=False)


def test_freezing_a_block_freezes_its_sublayers():
    rng = np.random.default_rng(6)
    block = dl.IdentityBlock((2, 2, 3))
    model = dl.Sequential([dl.Conv2D(3, 3), block, dl.Flatten(), dl.Dense(2)], input_shape=(4, 4, 2), rng=rng)
    block.trainable = False
    assert all(not l.trainable for l in block.sublayers())
    X, y = rng.standard_normal((3, 4, 4, 2)), rng.integers(0, 2, (1, 3))
    _, grads = model.loss(X, y)
    assert not any(k.startswith("res1") for k in grads) and "conv1_W" in grads


def test_summary_of_a_conv_model_and_of_a_specification():
    rng = np.random.default_rng(7)
    model = dl.Sequential([dl.Conv2D(8, 3, activation="relu"), dl.MaxPool2D(2), dl.Flatten(),
                           dl.Dense(6, activation="softmax")], input_shape=(16, 16, 3), rng=rng)
    text = model.summary(print_it=False)
    assert "(m, 16, 16, 3)" in text and "(m, 16, 16, 8)" in text and "(m, 8, 8, 8)" in text and "(512, m)" in text
    assert "224" in text and "3,078" in text and "conv1_W, conv1_b" in text
    assert f"{16 * 16 * 8 * 27:,}" in text                     # multiply-adds of the conv
    assert f"total parameters: {model.count_params():,}" in text
    counted = dl.count_network(model.layers, (16, 16, 3))
    assert counted.total_params == model.count_params() == model.count().total_params
    assert counted.total_multiply_adds == 16 * 16 * 8 * 27 + 512 * 6


@pytest.mark.parametrize("name, fn, shape", [("lenet5", dl.lenet5, (32, 32, 1)), ("alexnet", dl.alexnet, (224, 224, 3)),
                                             ("vgg16", dl.vgg16, (224, 224, 3)), ("resnet50", dl.resnet50, (224, 224, 3))])
def test_classic_networks_counted_to_the_parameter_without_weights(name, fn, shape):
    layers = fn()
    counted = dl.count_network(layers, shape)
    assert counted.total_params == dl.PUBLISHED_COUNTS[name]
    assert counted.output_shape == ((10,) if name == "lenet5" else (1000,))
    assert not any(hasattr(l, "W") for l in layers), "counting must not build (allocate) any layer"


def test_published_counts_and_the_course_resnet():
    assert dl.PUBLISHED_COUNTS == {"lenet5": 61_706, "alexnet": 61_100_840, "vgg16": 138_357_544,
                                   "resnet50": 25_557_032}
    c = dl.count_network(dl.resnet50(), (224, 224, 3))
    assert 3.8e9 < c.total_multiply_adds < 3.9e9              # the paper's 3.8 x 10^9
    assert 15.4e9 < dl.count_network(dl.vgg16(), (224, 224, 3)).total_multiply_adds < 15.6e9
    # the course's Keras ResNet-50 (64x64x3, 6 classes, conv biases): 23,600,006 = trainable + BN averages
    course = dl.resnet50(classes=6, use_bias=True)
    assert dl.count_network(course, (64, 64, 3)).total_params + 2 * _bn_channels(course) == 23_600_006


def _bn_channels(layers):
    total, last = 0, None
    for layer in layers:
        for sub in (layer.sublayers() if hasattr(layer, "sublayers") else [layer]):
            if isinstance(sub, dl.Conv2D):
                last = sub.n_C
            elif isinstance(sub, dl.BatchNorm):
                total += last
    return total


def test_bad_input_messages():
    rng = np.random.default_rng(8)
    model = dl.Sequential([dl.Conv2D(4, 3), dl.Flatten(), dl.Dense(2)], input_shape=(8, 8, 3), rng=rng)
    with pytest.raises(ValueError, match=r"Sequential.loss: X has shape \(192, 5\), a dense \(n_x, m\) array, but this "
                                         r"conv model takes images \(m, 8, 8, 3\); reshape with X.T.reshape"):
        model.loss(np.zeros((192, 5)))
    with pytest.raises(ValueError, match=r"X has shape \(5, 3, 8, 8\) .* did you pass \(m, n_C, n_H, n_W\)\? "
                                         r"try X.transpose\(0, 2, 3, 1\)"):
        model.loss(np.zeros((5, 3, 8, 8)))
    with pytest.raises(ValueError, match=r"X has shape \(5, 8, 8, 1\) but the model was built for input_shape=\(8, 8, 3\)"):
        model.loss(np.zeros((5, 8, 8, 1)))
    with pytest.raises(ValueError, match=r"Y has shape \(2, 4\), expected \(2, 5\) for X of shape \(5, 8, 8, 3\)"):
        model.loss(np.zeros((5, 8, 8, 3)), np.zeros((2, 4)))
    with pytest.raises(ValueError, match=r"Sequential: the last layer gives per-example shape \(6, 6, 2\), but the loss "
                                         r"needs \(n_y,\)"):
        dl.Sequential([dl.Conv2D(2, 3, pad="valid"), _Logits()], input_shape=(8, 8, 3), rng=rng)
    with pytest.raises(ValueError, match=r"Sequential: give input_shape, the shape of ONE example"):
        dl.Sequential([dl.Dense(2)], rng=rng)
    with pytest.raises(ValueError, match=r"Sequential: give input_shape or input_dim, not both"):
        dl.Sequential([dl.Dense(2)], input_shape=(3,), input_dim=3, rng=rng)
    with pytest.raises(ValueError, match=r"Sequential: input_shape must be the shape of one example"):
        dl.Sequential([dl.Dense(2)], input_shape=(3, 0), rng=rng)
    with pytest.raises(ValueError, match=r"Conv2D: a 5x5 filter with stride 2 and pad 'valid' does not fit into a 4x4 input"):
        dl.Sequential([dl.Conv2D(2, 5, stride=2, pad="valid"), dl.Flatten(), dl.Dense(2)], input_shape=(4, 4, 1), rng=rng)
    seq = dl.Sequential([dl.Dense(2)], input_shape=(3, 5), rng=rng)
    with pytest.raises(ValueError, match=r"X has shape \(4, 3, 5\) but this sequence model takes \(n_x, m, T_x\) = "
                                         r"\(3, m, 5\) - did you pass \(m, n_x, T_x\)\? try X.transpose\(1, 0, 2\)"):
        seq.loss(np.zeros((4, 3, 5)))
    with pytest.raises(ValueError, match=r"Sequential: parameter keys \['conv1_W'\] of Clash are already used"):
        dl.Sequential([dl.Conv2D(2, 1), dl.Flatten(), _Clash(), dl.Dense(2)], input_shape=(2, 2, 1), rng=rng)


class _Logits(dl.Layer):
    """A parameter-free last layer that accepts logits=True (to reach the output-shape check)."""
    kind, activation, supports_logits = "Logits", None, True

    def forward(self, A, params, model, training, logits=False):
        return A, None


class _Clash(dl.Layer):
    """A layer that reuses the first conv's key (to reach the duplicate-key check)."""
    kind = "Clash"

    def build(self, in_shape, index, rng):
        return {"conv1_W": np.zeros(1)}, tuple(in_shape)

    def forward(self, A, params, model, training):
        return A, None
