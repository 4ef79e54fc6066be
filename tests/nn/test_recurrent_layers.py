"""Recurrent layers for dl.Sequential and the bidirectional wrapper: shapes, keys, counts,
gradient checks (layer by layer and a whole small Sequential), fix-it errors."""
import numpy as np
import pytest

import dlutils as dl
from recurrent_helpers import check_all, lstm_params, numerical, rel

LAYERS = [lambda: dl.SimpleRNN(4), lambda: dl.GRU(4, return_sequences=True), lambda: dl.LSTM(4),
          lambda: dl.LSTM(3, return_sequences=True), lambda: dl.Bidirectional(dl.LSTM(3, return_sequences=True)),
          lambda: dl.Bidirectional(dl.GRU(3)), lambda: dl.Bidirectional(dl.SimpleRNN(2))]


@pytest.mark.parametrize("make", LAYERS)
def test_layer_gradient_check(rng, make):
    layer = make()
    params, out_shape = layer.build((3, 5), 1, rng)
    for k in params:
        if not k.endswith("Waa"):
            params[k] = params[k] + 0.3 * rng.standard_normal(params[k].shape)   # biases non-zero too
    x = rng.standard_normal((3, 2, 5))
    out, cache = layer.forward(x, params, None, True)
    assert out.shape == (out_shape[0], 2) + tuple(out_shape[1:])
    dout = rng.standard_normal(out.shape)
    dx, grads = layer.backward(dout, cache, params, True)
    assert set(grads) == set(params) == set(layer.param_keys)
    f = lambda: float(np.sum(layer.forward(x, params, None, True)[0] * dout))
    errs = check_all(f, dict(params, x=x), dict(grads, x=dx))
    assert max(errs.values()) < 1e-6, errs


def test_keys_counts_and_shapes(rng):
    lstm = dl.LSTM(64, return_sequences=True)
    p, out = lstm.build((50, 30), 2, rng)
    assert sorted(p) == sorted(f"lstm2_{k}" for k in ("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo"))
    assert out == (64, 30) and lstm.weight_keys == ["lstm2_Wf", "lstm2_Wi", "lstm2_Wc", "lstm2_Wo"]
    n, shape, madds = lstm.count((50, 30))
    assert n == sum(v.size for v in p.values()) == 4 * (64 * 114 + 64)
    assert shape == (64, 30) and madds == 30 * 4 * 64 * 114
    np.testing.assert_array_equal(p["lstm2_bf"], 1.0)          # remember by default
    g = dl.GRU(8)
    q, out = g.build((5, 7), 1, rng)
    assert out == (8,) and "gru1_Wr" in q and g.count((5, 7))[0] == 3 * (8 * 13 + 8)
    r = dl.SimpleRNN(6)
    q, _ = r.build((5, 7), "enc", rng)
    assert sorted(q) == ["enc_Waa", "enc_Wax", "enc_ba"]
    np.testing.assert_allclose(q["enc_Waa"] @ q["enc_Waa"].T, np.eye(6), atol=1e-12)   # orthogonal
    b = dl.Bidirectional(dl.LSTM(4))
    q, out = b.build((5, 7), 1, rng)
    assert out == (8,) and "bilstm1_fwd_Wf" in q and "bilstm1_bwd_Wo" in q and len(q) == 16
    assert b.describe() == "Bidirectional(LSTM(4))"


def test_layer_matches_the_functions(rng):
    layer = dl.LSTM(4, return_sequences=True)
    params, _ = layer.build((3, 6), 1, rng)
    x = rng.standard_normal((3, 2, 6))
    out, _ = layer.forward(x, params, None, False)
    a, _, _, _ = dl.lstm_forward(x, np.zeros((4, 2)), layer.course_parameters(params))
    np.testing.assert_allclose(out, a)
    last = dl.LSTM(4)
    last.build((3, 6), 1, np.random.default_rng(0))
    np.testing.assert_allclose(last.forward(x, params, None, False)[0], a[:, :, -1])


def test_bidirectional_reads_both_directions(rng):
    p_f, p_b = lstm_params(rng, head=False), lstm_params(rng, head=False)
    x = rng.standard_normal((3, 2, 5))
    a, caches = dl.bidirectional_forward(x, None, None, p_f, p_b, cell="lstm")
    assert a.shape == (10, 2, 5)
    fwd = dl.lstm_forward(x, np.zeros((5, 2)), p_f)[0]
    bwd = dl.lstm_forward(x[:, :, ::-1], np.zeros((5, 2)), p_b)[0][:, :, ::-1]
    np.testing.assert_allclose(a[:5], fwd)
    np.testing.assert_allclose(a[5:], bwd)
    # the backward half at t = 0 depends on the last input, the forward half does not
    x2 = x.copy()
    x2[:, :, -1] += 1.0
    a2, _ = dl.bidirectional_forward(x2, None, None, p_f, p_b, cell="lstm")
    assert np.allclose(a2[:5, :, 0], a[:5, :, 0]) and not np.allclose(a2[5:, :, 0], a[5:, :, 0])
    da = rng.standard_normal(a.shape)
    g = dl.bidirectional_backward(da, caches)
    f = lambda: float(np.sum(dl.bidirectional_forward(x, None, None, p_f, p_b, cell="lstm")[0] * da))
    assert rel(g["dx"], numerical(f, x)) < 1e-6
    assert rel(g["bwd"]["dWf"], numerical(f, p_b["Wf"])) < 1e-6


def _sequential(layers, input_shape, loss, rng):
    try:
        return dl.Sequential(layers, input_shape=input_shape, loss=loss, rng=rng)
    except TypeError:
        pytest.skip("dl.Sequential does not take input_shape yet (the Course 4 layers helper adds it)")


@pytest.mark.parametrize("return_sequences", [False, True])
def test_sequential_with_a_recurrent_layer_gradient_check(rng, return_sequences):
    T = 4
    layers = [dl.LSTM(3, return_sequences=True), dl.GRU(3, return_sequences=return_sequences),
              dl.Dense(2, activation="softmax")]
    model = _sequential(layers, (2, T), "softmax_cross_entropy", rng)
    for k in model.params:
        model.params[k] = model.params[k] + 0.2 * rng.standard_normal(model.params[k].shape)
    X = rng.standard_normal((2, 5, T))
    labels = rng.integers(0, 2, size=(5, T) if return_sequences else 5)
    Y = np.zeros((2,) + labels.shape)
    np.put_along_axis(Y, labels[None], 1.0, axis=0)

    def cost_and_grads(params):
        model.params = params
        return model.loss(X, Y)
    res = dl.gradient_check(cost_and_grads, model.params, eps=1e-6, threshold=1e-6)
    assert res.passed, res


def test_layer_errors(rng):
    with pytest.raises(ValueError, match=r"LSTM: n_a must be a positive int"):
        dl.LSTM(0)
    with pytest.raises(ValueError, match=r"return_sequences must be True"):
        dl.GRU(3, return_sequences="yes")
    with pytest.raises(ValueError, match=r"LSTM: a recurrent layer takes sequences.*input_shape=\(n_x, T_x\)"):
        dl.LSTM(3).build((12,), 1, rng)
    with pytest.raises(ValueError, match=r"Bidirectional: wraps a recurrent layer"):
        dl.Bidirectional(dl.Dense(3))
    layer = dl.LSTM(3)
    params, _ = layer.build((4, 6), 1, rng)
    with pytest.raises(ValueError, match=r"LSTM.forward: x has shape \(8, 6, 4\).*transpose\(2, 0, 1\)"):
        layer.forward(rng.standard_normal((8, 6, 4)), params, None, True)
    with pytest.raises(ValueError, match=r"bidirectional_forward: cell must be one of"):
        dl.bidirectional_forward(np.zeros((3, 2, 4)), None, None, {}, {}, cell="transformer")
    with pytest.raises(ValueError, match=r"bidirectional_forward: a0_bwd has shape \(4, 2\)"):
        p = lstm_params(rng, head=False)
        dl.bidirectional_forward(np.zeros((3, 2, 4)), None, np.zeros((4, 2)), p, p)


@pytest.mark.parametrize("cell", ["rnn", "gru", "lstm"])
def test_need_dx_false_skips_only_dx(rng, cell):
    """A first layer needs no input gradient: the fast path skips that product, nothing else changes."""
    layer = {"rnn": dl.SimpleRNN, "gru": dl.GRU, "lstm": dl.LSTM}[cell](4, return_sequences=True)
    params, _ = layer.build((3, 5), 1, rng)
    x = rng.standard_normal((3, 2, 5))
    out, cache = layer.forward(x, params, None, True)
    dout = rng.standard_normal(out.shape)
    dx, g = layer.backward(dout, cache, params, True)
    dx_none, g_none = layer.backward(dout, cache, params, False)
    assert dx is not None and dx_none is None
    for k in g:
        np.testing.assert_array_equal(g[k], g_none[k])
    b = dl.Bidirectional(type(layer)(3, return_sequences=True))
    p, _ = b.build((3, 5), 1, rng)
    o, c = b.forward(x, p, None, True)
    assert b.backward(rng.standard_normal(o.shape), c, p, False)[0] is None
