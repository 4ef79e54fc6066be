"""The basic RNN: course shapes, a hand-computed value, fast vs reference, gradient checks
(cells and BPTT with T_x >= 3, non-zero a0, random da at every step), and fix-it errors."""
import math

import numpy as np
import pytest

import dlutils as dl
from dlutils.nn import rnn as rnn_module
from recurrent_helpers import check_all, numerical, rel, rnn_params


def test_course_shapes(rng):
    p = rnn_params(rng, n_x=3, n_a=5, n_y=2)
    a_next, yt, cache = dl.rnn_cell_forward(rng.standard_normal((3, 10)), rng.standard_normal((5, 10)), p)
    assert a_next.shape == (5, 10) and yt.shape == (2, 10)
    np.testing.assert_allclose(yt.sum(axis=0), 1.0)
    a, y, caches = dl.rnn_forward(rng.standard_normal((3, 10, 4)), rng.standard_normal((5, 10)), p)
    assert a.shape == (5, 10, 4) and y.shape == (2, 10, 4)


def test_scalar_case_by_hand():
    p = {"Wax": np.array([[0.5]]), "Waa": np.array([[-1.2]]), "ba": np.array([[0.1]])}
    x = np.array([[[1.0, -2.0, 0.5]]])
    a, y, _ = dl.rnn_forward(x, np.array([[0.3]]), p)
    assert y is None
    prev, want = 0.3, []
    for xt in (1.0, -2.0, 0.5):
        prev = math.tanh(-1.2 * prev + 0.5 * xt + 0.1)
        want.append(prev)
    np.testing.assert_allclose(a[0, 0], want, rtol=1e-12)


def test_fast_matches_reference(rng):
    p = rnn_params(rng, n_x=4, n_a=6)
    x, a0 = rng.standard_normal((4, 3, 7)), rng.standard_normal((6, 3))
    a, y, c = dl.rnn_forward(x, a0, p)
    ar, yr, cr = dl.rnn_forward_reference(x, a0, p)
    np.testing.assert_allclose(a, ar, atol=1e-12)
    np.testing.assert_allclose(y, yr, atol=1e-12)
    da = rng.standard_normal(a.shape)
    g, gr = dl.rnn_backward(da, c), dl.rnn_backward(da, cr)
    assert set(g) == set(gr) == {"dx", "da0", "dWax", "dWaa", "dba"}
    for k in g:
        np.testing.assert_allclose(g[k], gr[k], atol=1e-12, err_msg=k)


def test_cell_gradient_check(rng):
    p = rnn_params(rng)
    xt, a_prev = rng.standard_normal((3, 4)), rng.standard_normal((5, 4))
    a_next, _, cache = dl.rnn_cell_forward(xt, a_prev, p)
    da = rng.standard_normal(a_next.shape)
    g = dl.rnn_cell_backward(da, cache)
    f = lambda: float(np.sum(dl.rnn_cell_forward(xt, a_prev, p)[0] * da))
    errs = check_all(f, {"dxt": xt, "da_prev": a_prev, "dWax": p["Wax"], "dWaa": p["Waa"], "dba": p["ba"]}, g)
    assert max(errs.values()) < 1e-7, errs


@pytest.mark.parametrize("forward", [dl.rnn_forward, dl.rnn_forward_reference])
def test_bptt_gradient_check(rng, forward):
    p = rnn_params(rng, head=False)
    x, a0 = rng.standard_normal((3, 4, 5)), rng.standard_normal((5, 4))
    a, _, caches = forward(x, a0, p)
    da = rng.standard_normal(a.shape)            # a loss on every step
    g = dl.rnn_backward(da, caches)
    f = lambda: float(np.sum(forward(x, a0, p)[0] * da))
    errs = check_all(f, {"dx": x, "da0": a0, "dWax": p["Wax"], "dWaa": p["Waa"], "dba": p["ba"]}, g)
    assert max(errs.values()) < 1e-7, errs


def _bptt_broken(da, caches, kind):
    """Plausibly wrong BPTT loops; the gradient check must catch each."""
    cells, x = caches
    n_a, m, T = da.shape
    p = cells[0].parameters
    g = {"dWaa": np.zeros_like(p["Waa"])}
    da_prev = np.zeros((n_a, m))
    for t in reversed(range(T)):
        upstream = da[:, :, t] if kind == "not_carried" else da[:, :, t] + da_prev
        step = dl.rnn_cell_backward(upstream, cells[t])
        if kind == "assign":
            g["dWaa"] = step["dWaa"]
        else:
            g["dWaa"] += step["dWaa"]
        da_prev = step["da_prev"]
    return g


@pytest.mark.parametrize("kind", ["assign", "not_carried"])
def test_gradient_check_catches_bptt_bugs(rng, kind):
    p = rnn_params(rng, head=False)
    x, a0 = rng.standard_normal((3, 4, 5)), rng.standard_normal((5, 4))
    a, _, caches = dl.rnn_forward_reference(x, a0, p)
    da = rng.standard_normal(a.shape)
    g = _bptt_broken(da, caches, kind)
    num = numerical(lambda: float(np.sum(dl.rnn_forward(x, a0, p)[0] * da)), p["Waa"])
    assert rel(g["dWaa"], num) > 1e-3


def test_gradient_check_catches_missing_tanh_derivative(rng, monkeypatch):
    p = rnn_params(rng, head=False)
    xt, a_prev = rng.standard_normal((3, 4)), rng.standard_normal((5, 4))
    _, _, cache = dl.rnn_cell_forward(xt, a_prev, p)
    da = rng.standard_normal((5, 4))
    wrong = da @ a_prev.T                          # dz = da, no (1 - a^2)
    num = numerical(lambda: float(np.sum(dl.rnn_cell_forward(xt, a_prev, p)[0] * da)), p["Waa"])
    assert rel(wrong, num) > 1e-3 and rel(dl.rnn_cell_backward(da, cache)["dWaa"], num) < 1e-7


# -- bad input ---------------------------------------------------------------------------------
def test_batch_first_layout_is_explained(rng):
    p = rnn_params(rng, n_x=3, n_a=5)
    x = rng.standard_normal((10, 7, 3))            # (m, T_x, n_x)
    with pytest.raises(ValueError, match=r"rnn_forward: x has shape \(10, 7, 3\).*\(m, T_x, n_x\).*transpose\(2, 0, 1\)"):
        dl.rnn_forward(x, np.zeros((5, 10)), p)
    with pytest.raises(ValueError, match=r"3-D \(n_x, m, T_x\)"):
        dl.rnn_forward(rng.standard_normal((3, 7)), np.zeros((5, 1)), p)


def test_state_of_wrong_size(rng):
    p = rnn_params(rng, n_x=3, n_a=5)
    x = rng.standard_normal((3, 10, 4))
    with pytest.raises(ValueError, match=r"rnn_forward: a0 has shape \(4, 10\), expected \(n_a, m\).*rows must equal n_a"):
        dl.rnn_forward(x, np.zeros((4, 10)), p)
    with pytest.raises(ValueError, match=r"a0 has shape \(10, 5\).*did you mean a0.T"):
        dl.rnn_forward(x, np.zeros((10, 5)), p)
    with pytest.raises(ValueError, match=r"initial state has m = 8 columns"):
        dl.rnn_forward(x, np.zeros((5, 8)), p)
    with pytest.raises(ValueError, match=r"rnn_cell_forward: xt has shape \(3, 10, 4\).*whole sequence"):
        dl.rnn_cell_forward(x, np.zeros((5, 10)), p)


def test_bad_parameters_and_gradients(rng):
    p = rnn_params(rng, n_x=3, n_a=5)
    bad = dict(p, Wax=np.zeros((3, 5)))
    with pytest.raises(ValueError, match=r"parameters\['Wax'\] has shape \(3, 5\), expected \(5, \?\)"):
        dl.rnn_forward(rng.standard_normal((3, 2, 4)), np.zeros((5, 2)), bad)
    with pytest.raises(ValueError, match=r"parameters has no 'Waa'"):
        dl.rnn_cell_forward(np.zeros((3, 2)), np.zeros((5, 2)), {"Wax": p["Wax"]})
    a, _, caches = dl.rnn_forward(rng.standard_normal((3, 2, 4)), np.zeros((5, 2)), p)
    with pytest.raises(ValueError, match=r"rnn_backward: da has shape \(5, 2\).*every hidden state"):
        dl.rnn_backward(np.zeros((5, 2)), caches)


def test_sigmoid_helper_is_stable():
    z = np.array([-1000.0, 0.0, 1000.0])
    np.testing.assert_allclose(rnn_module._sigmoid(z), [0.0, 0.5, 1.0])
