"""1-D convolution: output length, vectorized vs loop reference, gradient checks, the layer, bad input."""
import numpy as np
import pytest

import dlutils as dl
from dlutils.nn.conv1d import (Conv1D, conv1d_backward, conv1d_backward_loop, conv1d_forward,
                               conv1d_forward_loop, conv1d_output_length)


def _rel(a, b):
    return np.linalg.norm(a - b) / max(1e-12, np.linalg.norm(a) + np.linalg.norm(b))


def _data(rng, n_x=3, m=2, T_x=11, f=4, n_C=5):
    return (rng.standard_normal((n_x, m, T_x)), rng.standard_normal((f, n_x, n_C)),
            rng.standard_normal((n_C, 1, 1)))


HPS = [{"stride": 1, "pad": 0}, {"stride": 2, "pad": 1}, {"stride": 3, "pad": 2}, {"stride": 4, "pad": 0}]


@pytest.mark.parametrize("T_x, f, s, p, expected", [(11, 4, 1, 0, 8), (11, 4, 3, 2, 4), (5511, 15, 4, 0, 1375),
                                                     (298, 15, 4, 0, 71), (7, 7, 1, 0, 1)])
def test_output_length(T_x, f, s, p, expected):
    assert conv1d_output_length(T_x, f, s, p) == expected


def test_golden_forward_by_hand():
    A = np.arange(6, dtype=float).reshape(1, 1, 6)           # 0 1 2 3 4 5
    W = np.array([1.0, -1.0, 2.0]).reshape(3, 1, 1)           # z_t = a_t - a_{t+1} + 2 a_{t+2}
    b = np.full((1, 1, 1), 0.5)
    Z, _ = conv1d_forward(A, W, b, {"stride": 2, "pad": 0})
    np.testing.assert_allclose(Z.ravel(), [3.5, 7.5])         # t=0: 0-1+4+.5, t=1 (start 2): 2-3+8+.5
    Z, _ = conv1d_forward(A, W, b, {"stride": 1, "pad": 1})
    np.testing.assert_allclose(Z.ravel(), [0 - 0 + 2 + .5, 0 - 1 + 4 + .5, 1 - 2 + 6 + .5, 2 - 3 + 8 + .5,
                                           3 - 4 + 10 + .5, 4 - 5 + 0 + .5])


@pytest.mark.parametrize("hp", HPS, ids=str)
def test_fast_matches_loop(hp):
    rng = np.random.default_rng(1)
    A, W, b = _data(rng)
    Z, cache = conv1d_forward(A, W, b, hp)
    Z2, cache2 = conv1d_forward_loop(A, W, b, hp)
    np.testing.assert_allclose(Z, Z2, atol=1e-12)
    dZ = rng.standard_normal(Z.shape)
    for g, g2 in zip(conv1d_backward(dZ, cache), conv1d_backward_loop(dZ, cache2)):
        np.testing.assert_allclose(g, g2, atol=1e-12)


_numeric = dl.numerical_gradient   # the library's centred differences (float64, in place, restored)


@pytest.mark.parametrize("hp", HPS, ids=str)
@pytest.mark.parametrize("impl", ["fast", "loop"])
def test_gradient_check(hp, impl):
    rng = np.random.default_rng(2)
    A, W, b = _data(rng, T_x=10)
    fwd, bwd = (conv1d_forward, conv1d_backward) if impl == "fast" else (conv1d_forward_loop, conv1d_backward_loop)
    Z, cache = fwd(A, W, b, hp)
    dZ = rng.standard_normal(Z.shape)                            # random upstream gradient
    J = lambda: np.sum(fwd(A, W, b, hp)[0] * dZ)  # noqa: E731
    dA, dW, db = bwd(dZ, cache)
    for name, x, g in (("A", A, dA), ("W", W, dW), ("b", b, db)):
        assert _rel(g, _numeric(J, x)) < 1e-6, name


def test_backward_skips_input_gradient():
    rng = np.random.default_rng(3)
    A, W, b = _data(rng)
    Z, cache = conv1d_forward(A, W, b, HPS[1])
    dA, dW, db = conv1d_backward(np.ones_like(Z), cache, need_dA_prev=False)
    assert dA is None and dW.shape == W.shape and db.shape == b.shape


def test_stride_matters():
    """A wrong stride (or ignoring it) changes the output: guards the strided gather."""
    rng = np.random.default_rng(4)
    A, W, b = _data(rng, T_x=13)
    Z1, _ = conv1d_forward(A, W, b, {"stride": 1, "pad": 0})
    Z3, _ = conv1d_forward(A, W, b, {"stride": 3, "pad": 0})
    np.testing.assert_allclose(Z3, Z1[:, :, ::3], atol=1e-12)


# -- the layer -------------------------------------------------------------------------------
def test_layer_build_forward_backward_count():
    rng = np.random.default_rng(5)
    layer = Conv1D(6, 15, stride=4)
    params, out_shape = layer.build((101, 298), 1, rng)
    assert out_shape == (6, 71) and set(params) == {"conv1d1_W", "conv1d1_b"}
    assert params["conv1d1_W"].shape == (15, 101, 6) and np.all(params["conv1d1_b"] == 0)
    assert abs(params["conv1d1_W"].std() - np.sqrt(2 / (15 * 101))) < 0.01     # He
    n_params, shape, madds = layer.count((101, 298))
    assert n_params == 15 * 101 * 6 + 6 and shape == (6, 71) and madds == 15 * 101 * 6 * 71
    assert layer.weight_keys == ["conv1d1_W"] and layer.param_keys == ["conv1d1_W", "conv1d1_b"] and layer.trainable
    X = rng.standard_normal((101, 3, 298))
    Z, cache = layer.forward(X, params, None, True)
    assert Z.shape == (6, 3, 71)
    dA, grads = layer.backward(rng.standard_normal(Z.shape), cache, params, need_dA=True)
    assert dA.shape == X.shape and set(grads) == {"conv1d1_W", "conv1d1_b"}
    layer.trainable = False
    assert layer.backward(np.ones_like(Z), cache, params)[1] == {}
    assert "Conv1D(6, f=15, stride=4)" == layer.describe()
    assert dl.Conv1D is Conv1D and dl.conv1d_forward is conv1d_forward


# -- bad input -------------------------------------------------------------------------------
def test_batch_first_input_gets_a_fix_it_message():
    rng = np.random.default_rng(6)
    W, b = rng.standard_normal((4, 3, 5)), np.zeros((5, 1, 1))
    with pytest.raises(ValueError, match=r"conv1d_forward: A_prev has shape \(2, 11, 3\).*transpose\(2, 0, 1\)"):
        conv1d_forward(rng.standard_normal((2, 11, 3)), W, b, {"stride": 1, "pad": 0})


@pytest.mark.parametrize("args, match", [
    (dict(A=(3, 2), W=(4, 3, 5), b=(5, 1, 1)), "A_prev must be 3-D"),
    (dict(A=(3, 2, 11), W=(4, 2, 5), b=(5, 1, 1)), "the filters' second axis"),
    (dict(A=(3, 2, 11), W=(4, 3, 5), b=(5,)), r"b.reshape\(5, 1, 1\)"),
    (dict(A=(3, 2, 3), W=(4, 3, 5), b=(5, 1, 1)), "longer than the padded sequence"),
])
def test_bad_shapes(args, match):
    with pytest.raises(ValueError, match=match):
        conv1d_forward(np.zeros(args["A"]), np.zeros(args["W"]), np.zeros(args["b"]), {"stride": 1, "pad": 0})


@pytest.mark.parametrize("hp, match", [({"pad": 1}, "hparameters must be a dict"), ({"stride": 0}, "stride must be"),
                                       ({"stride": 1, "pad": -1}, "pad must be")])
def test_bad_hparameters(hp, match):
    with pytest.raises(ValueError, match=match):
        conv1d_forward(np.zeros((3, 2, 11)), np.zeros((4, 3, 5)), np.zeros((5, 1, 1)), hp)


def test_bad_layer_arguments():
    with pytest.raises(ValueError, match="Conv1D: f must be an int >= 1"):
        Conv1D(4, 0)
    with pytest.raises(ValueError, match=r"Conv1D: input shape per example must be \(n_x, T_x\)"):
        Conv1D(4, 3).build((64, 64, 3), 1, np.random.default_rng(0))
    Z, cache = conv1d_forward(np.zeros((3, 2, 11)), np.zeros((4, 3, 5)), np.zeros((5, 1, 1)), {"stride": 1})
    with pytest.raises(ValueError, match="conv1d_backward: dZ has shape"):
        conv1d_backward(np.zeros((5, 2, 7)), cache)


def test_layer_inside_a_block_uses_the_string_prefix():
    layer = Conv1D(4, 3, pad=1)
    params, out_shape = layer.build((5, 10), "res1_conv1d1", np.random.default_rng(0))
    assert set(params) == {"res1_conv1d1_W", "res1_conv1d1_b"} and out_shape == (4, 10)
    assert layer.describe() == "Conv1D(4, f=3, stride=1, pad=1)" and layer.states() == {}


def test_trigger_architecture_gradient_check_in_sequential():
    """Conv1D -> BatchNorm -> ReLU -> Dropout -> GRU -> per-step Dense(1, sigmoid): the whole
    model's gradients (every parameter, the per-step loss) against centred differences."""
    rng = np.random.default_rng(7)
    model = dl.Sequential([Conv1D(3, 4, stride=2), dl.BatchNorm(), dl.Activation("relu"), dl.Dropout(0.8),
                           dl.GRU(4, return_sequences=True), dl.Dense(1, activation="sigmoid")],
                          input_shape=(5, 13), loss="binary_cross_entropy", rng=rng)
    for k in model.params:                      # random non-zero parameters everywhere
        model.params[k] = model.params[k] + 0.3 * rng.standard_normal(model.params[k].shape)
    X = rng.standard_normal((5, 4, 13))
    Y = (rng.random((1, 4, 5)) < 0.4).astype(float)

    def cost_and_grads(p):
        model.params = p
        model.rng = np.random.default_rng(123)  # the same dropout mask every call
        return model.loss(X, Y)

    res = dl.gradient_check(cost_and_grads, dict(model.params), eps=1e-6, threshold=1e-6)
    # batch norm subtracts the per-channel mean, so the conv bias before it has no effect: its true
    # gradient is 0 (a relative error of two ~0 numbers means nothing; check it is ~0 instead)
    _, grads = cost_and_grads(dict(model.params))
    assert np.abs(grads["conv1d1_b"]).max() < 1e-10
    rest = {k: v for k, v in res.items() if k != "conv1d1_b"}
    assert res.passed and max(rest.values()) < 1e-6, res
    assert "conv1d1_W" in rest and len(rest) == len(model.params) - 1
    assert model.loss(X).shape == (1, 4, 5)
