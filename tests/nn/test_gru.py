"""The GRU: shapes, a step by hand, fast vs reference, per-gate gradient checks (cell and BPTT
with T_x >= 3, non-zero a0, random da at every step), bug detection and errors."""
import numpy as np
import pytest

import dlutils as dl
from dlutils.nn import gru as gru_module
from recurrent_helpers import check_all, gru_params, numerical, rel

GATE_KEYS = ["dWu", "dbu", "dWr", "dbr", "dWc", "dbc"]


def test_shapes_and_step_by_hand(rng):
    p = gru_params(rng, n_x=3, n_a=5, n_y=2)
    a, y, _ = dl.gru_forward(rng.standard_normal((3, 10, 7)), rng.standard_normal((5, 10)), p)
    assert a.shape == (5, 10, 7) and y.shape == (2, 10, 7)
    q = {"Wu": np.array([[0.3, -0.2]]), "bu": np.array([[0.1]]), "Wr": np.array([[-0.5, 0.4]]),
         "br": np.array([[0.0]]), "Wc": np.array([[0.8, 0.6]]), "bc": np.array([[-0.1]])}
    a_prev, x = 0.7, -1.2
    s = lambda z: 1 / (1 + np.exp(-z))
    u, r = s(0.3 * a_prev - 0.2 * x + 0.1), s(-0.5 * a_prev + 0.4 * x)
    ct = np.tanh(0.8 * r * a_prev + 0.6 * x - 0.1)
    a_next, _, _ = dl.gru_cell_forward(np.array([[x]]), np.array([[a_prev]]), q)
    np.testing.assert_allclose(a_next[0, 0], u * ct + (1 - u) * a_prev, rtol=1e-12)


def test_fast_matches_reference(rng):
    p = gru_params(rng, n_x=4, n_a=6)
    x, a0 = rng.standard_normal((4, 3, 6)), rng.standard_normal((6, 3))
    a, y, caches = dl.gru_forward(x, a0, p)
    ar, yr, cachesr = dl.gru_forward_reference(x, a0, p)
    np.testing.assert_allclose(a, ar, atol=1e-12)
    np.testing.assert_allclose(y, yr, atol=1e-12)
    da = rng.standard_normal(a.shape)
    g, gr = dl.gru_backward(da, caches), dl.gru_backward(da, cachesr)
    assert set(g) == set(gr) == {"dx", "da0", *GATE_KEYS}
    for k in g:
        np.testing.assert_allclose(g[k], gr[k], atol=1e-12, err_msg=k)


def test_cell_gradient_check_every_gate(rng):
    p = gru_params(rng)
    xt, a_prev = rng.standard_normal((3, 4)), rng.standard_normal((5, 4))
    a_next, _, cache = dl.gru_cell_forward(xt, a_prev, p)
    da = rng.standard_normal(a_next.shape)
    g = dl.gru_cell_backward(da, cache)
    f = lambda: float(np.sum(dl.gru_cell_forward(xt, a_prev, p)[0] * da))
    arrays = {"dxt": xt, "da_prev": a_prev}
    arrays.update({k: p[k[1:]] for k in GATE_KEYS})
    errs = check_all(f, arrays, g)
    assert max(errs.values()) < 1e-7, errs


@pytest.mark.parametrize("forward", [dl.gru_forward, dl.gru_forward_reference])
def test_bptt_gradient_check_every_gate(rng, forward):
    p = gru_params(rng, head=False)
    x, a0 = rng.standard_normal((3, 4, 4)), rng.standard_normal((5, 4))
    a, _, caches = forward(x, a0, p)
    da = rng.standard_normal(a.shape)
    g = dl.gru_backward(da, caches)
    f = lambda: float(np.sum(forward(x, a0, p)[0] * da))
    arrays = {"dx": x, "da0": a0}
    arrays.update({k: p[k[1:]] for k in GATE_KEYS})
    errs = check_all(f, arrays, g)
    assert max(errs.values()) < 1e-6, errs


@pytest.mark.parametrize("bug", ["relevance_path_dropped", "da_prev_not_carried"])
def test_gradient_check_catches_gru_bugs(rng, monkeypatch, bug):
    real = gru_module.gru_cell_backward

    def broken(da_next, cache):
        g = real(da_next, cache)
        if bug == "relevance_path_dropped":
            g["dWr"] = np.zeros_like(g["dWr"])
        else:
            g["da_prev"] = da_next * (1 - cache.Gamma_u)     # only the direct path
        return g
    p = gru_params(rng, head=False)
    x, a0 = rng.standard_normal((3, 4, 4)), rng.standard_normal((5, 4))
    _, _, caches = dl.gru_forward_reference(x, a0, p)
    da = rng.standard_normal((5, 4, 4))
    monkeypatch.setattr(gru_module, "gru_cell_backward", broken)
    g = dl.gru_backward(da, caches)
    num = numerical(lambda: float(np.sum(dl.gru_forward(x, a0, p)[0] * da)), p["Wr"])
    assert rel(g["dWr"], num) > 1e-3


def test_bad_input(rng):
    p = gru_params(rng, n_x=3, n_a=5)
    with pytest.raises(ValueError, match=r"gru_forward: x has shape \(10, 7, 3\).*\(m, T_x, n_x\)"):
        dl.gru_forward(rng.standard_normal((10, 7, 3)), np.zeros((5, 10)), p)
    with pytest.raises(ValueError, match=r"gru_forward: a0 has shape \(6, 10\)"):
        dl.gru_forward(rng.standard_normal((3, 10, 7)), np.zeros((6, 10)), p)
    with pytest.raises(ValueError, match=r"parameters has no 'Wr'"):
        dl.gru_forward(rng.standard_normal((3, 10, 7)), np.zeros((5, 10)), {k: v for k, v in p.items() if k != "Wr"})
