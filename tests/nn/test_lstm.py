"""The LSTM: course shapes, fast vs reference, per-gate gradient checks for the cell and for
BPTT (T_x >= 3, non-zero a0 and c0, random da and dc at every step), bug detection, errors."""
import numpy as np
import pytest

import dlutils as dl
from dlutils.nn import lstm as lstm_module
from recurrent_helpers import check_all, lstm_params, numerical, rel

GATE_KEYS = ["dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo"]


def test_course_shapes(rng):
    p = lstm_params(rng, n_x=3, n_a=5, n_y=2)
    x, a0 = rng.standard_normal((3, 10, 7)), rng.standard_normal((5, 10))
    a, y, c, caches = dl.lstm_forward(x, a0, p)
    assert a.shape == (5, 10, 7) and y.shape == (2, 10, 7) and c.shape == (5, 10, 7)
    a_next, c_next, yt, cache = dl.lstm_cell_forward(x[:, :, 0], a0, np.zeros((5, 10)), p)
    assert a_next.shape == c_next.shape == (5, 10) and yt.shape == (2, 10)
    assert cache.Gamma_f.shape == cache.Gamma_u.shape == cache.c_tilde.shape == cache.Gamma_o.shape == (5, 10)


def test_one_step_by_hand():
    """n_a = n_x = m = 1 with every gate written out."""
    p = {"Wf": np.array([[0.2, -0.4]]), "bf": np.array([[0.1]]), "Wi": np.array([[0.5, 0.3]]),
         "bi": np.array([[-0.2]]), "Wc": np.array([[-0.7, 0.9]]), "bc": np.array([[0.05]]),
         "Wo": np.array([[0.3, 0.6]]), "bo": np.array([[0.0]])}
    a_prev, c_prev, x = 0.4, -0.5, 1.5
    s = lambda z: 1 / (1 + np.exp(-z))
    f, i = s(0.2 * a_prev - 0.4 * x + 0.1), s(0.5 * a_prev + 0.3 * x - 0.2)
    ct, o = np.tanh(-0.7 * a_prev + 0.9 * x + 0.05), s(0.3 * a_prev + 0.6 * x)
    c = f * c_prev + i * ct
    a_next, c_next, _, _ = dl.lstm_cell_forward(np.array([[x]]), np.array([[a_prev]]), np.array([[c_prev]]), p)
    np.testing.assert_allclose([a_next[0, 0], c_next[0, 0]], [o * np.tanh(c), c], rtol=1e-12)


def test_fast_matches_reference(rng):
    p = lstm_params(rng, n_x=4, n_a=6)
    x, a0, c0 = rng.standard_normal((4, 3, 6)), rng.standard_normal((6, 3)), rng.standard_normal((6, 3))
    a, y, c, caches = dl.lstm_forward(x, a0, p, c0=c0)
    ar, yr, cr, cachesr = dl.lstm_forward_reference(x, a0, p, c0=c0)
    for u, v in ((a, ar), (y, yr), (c, cr)):
        np.testing.assert_allclose(u, v, atol=1e-12)
    da, dc = rng.standard_normal(a.shape), rng.standard_normal(a.shape)
    g, gr = dl.lstm_backward(da, caches, dc), dl.lstm_backward(da, cachesr, dc)
    assert set(g) == set(gr) == {"dx", "da0", "dc0", *GATE_KEYS}
    for k in g:
        np.testing.assert_allclose(g[k], gr[k], atol=1e-12, err_msg=k)


def test_cell_gradient_check_every_gate(rng):
    p = lstm_params(rng)
    xt, a_prev, c_prev = rng.standard_normal((3, 4)), rng.standard_normal((5, 4)), rng.standard_normal((5, 4))
    a_next, c_next, _, cache = dl.lstm_cell_forward(xt, a_prev, c_prev, p)
    da, dc = rng.standard_normal(a_next.shape), rng.standard_normal(c_next.shape)
    g = dl.lstm_cell_backward(da, dc, cache)

    def f():
        a_, c_, _, _ = dl.lstm_cell_forward(xt, a_prev, c_prev, p)
        return float(np.sum(a_ * da) + np.sum(c_ * dc))
    arrays = {"dxt": xt, "da_prev": a_prev, "dc_prev": c_prev}
    arrays.update({k: p[k[1:]] for k in GATE_KEYS})
    errs = check_all(f, arrays, g)
    assert max(errs.values()) < 1e-7, errs


@pytest.mark.parametrize("forward", [dl.lstm_forward, dl.lstm_forward_reference])
def test_bptt_gradient_check_every_gate(rng, forward):
    p = lstm_params(rng, head=False)
    x, a0, c0 = rng.standard_normal((3, 4, 4)), rng.standard_normal((5, 4)), rng.standard_normal((5, 4))
    a, _, c, caches = forward(x, a0, p, c0=c0)
    da, dc = rng.standard_normal(a.shape), rng.standard_normal(c.shape)
    g = dl.lstm_backward(da, caches, dc=dc)

    def f():
        a_, _, c_, _ = forward(x, a0, p, c0=c0)
        return float(np.sum(a_ * da) + np.sum(c_ * dc))
    arrays = {"dx": x, "da0": a0, "dc0": c0}
    arrays.update({k: p[k[1:]] for k in GATE_KEYS})
    errs = check_all(f, arrays, g)
    assert max(errs.values()) < 1e-6, errs


def test_backward_without_dc_means_zero_dc(rng):
    p = lstm_params(rng, head=False)
    x, a0 = rng.standard_normal((3, 2, 3)), rng.standard_normal((5, 2))
    a, _, c, caches = dl.lstm_forward(x, a0, p)
    da = rng.standard_normal(a.shape)
    g0, g1 = dl.lstm_backward(da, caches), dl.lstm_backward(da, caches, dc=np.zeros_like(da))
    for k in g0:
        np.testing.assert_allclose(g0[k], g1[k])


@pytest.mark.parametrize("bug", ["missing_forget_derivative", "da_prev_not_carried", "dc_prev_not_carried"])
def test_gradient_check_catches_lstm_bugs(rng, monkeypatch, bug):
    """The per-gate check locates the bugs people file against hand-written LSTMs."""
    real = lstm_module.lstm_cell_backward

    def broken(da_next, dc_next, cache):
        g = real(da_next, dc_next, cache)
        if bug == "missing_forget_derivative":
            g["dWf"] = g["dWf"] / (cache.Gamma_f * (1 - cache.Gamma_f)).mean()   # sigma' dropped (approx.)
        elif bug == "da_prev_not_carried":
            g["da_prev"] = np.zeros_like(g["da_prev"])
        else:
            g["dc_prev"] = np.zeros_like(g["dc_prev"])
        return g
    p = lstm_params(rng, head=False)
    x, a0, c0 = rng.standard_normal((3, 4, 4)), rng.standard_normal((5, 4)), rng.standard_normal((5, 4))
    _, _, _, caches = dl.lstm_forward_reference(x, a0, p, c0=c0)
    da = rng.standard_normal((5, 4, 4))
    monkeypatch.setattr(lstm_module, "lstm_cell_backward", broken)
    g = dl.lstm_backward(da, caches)
    num = numerical(lambda: float(np.sum(dl.lstm_forward(x, a0, p, c0=c0)[0] * da)), p["Wf"])
    assert rel(g["dWf"], num) > 1e-3


def test_bad_input(rng):
    p = lstm_params(rng, n_x=3, n_a=5)
    with pytest.raises(ValueError, match=r"lstm_forward: x has shape \(10, 7, 3\).*transpose\(2, 0, 1\)"):
        dl.lstm_forward(rng.standard_normal((10, 7, 3)), np.zeros((5, 10)), p)
    with pytest.raises(ValueError, match=r"lstm_forward: c0 has shape \(5, 3\), expected \(n_a, m\) = \(5, 10\)"):
        dl.lstm_forward(rng.standard_normal((3, 10, 7)), np.zeros((5, 10)), p, c0=np.zeros((5, 3)))
    with pytest.raises(ValueError, match=r"lstm_cell_forward: c_prev has shape \(4, 10\)"):
        dl.lstm_cell_forward(np.zeros((3, 10)), np.zeros((5, 10)), np.zeros((4, 10)), p)
    with pytest.raises(ValueError, match=r"parameters\['Wo'\] has shape \(5, 5\), expected \(5, 8\).*concat"):
        dl.lstm_forward(rng.standard_normal((3, 2, 2)), np.zeros((5, 2)), dict(p, Wo=np.zeros((5, 5))))
    with pytest.raises(ValueError, match=r"parameters\['Wf'\] has shape \(5, 3\); LSTM gate weights"):
        dl.lstm_forward(rng.standard_normal((3, 2, 2)), np.zeros((5, 2)), dict(p, Wf=np.zeros((5, 3))))
    _, _, _, caches = dl.lstm_forward(rng.standard_normal((3, 2, 4)), np.zeros((5, 2)), p)
    with pytest.raises(ValueError, match=r"lstm_backward: dc has shape"):
        dl.lstm_backward(np.zeros((5, 2, 4)), caches, dc=np.zeros((5, 2, 3)))
