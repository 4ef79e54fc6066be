"""Gradient clipping: by value (the course's, in place) and by global norm (direction kept)."""
import numpy as np
import pytest

import dlutils as dl


def _grads(rng):
    return {"dWaa": rng.standard_normal((5, 5)) * 10, "dWax": rng.standard_normal((5, 3)) * 10,
            "dba": rng.standard_normal((5, 1))}


def test_clip_by_value_in_place(rng):
    g = _grads(rng)
    before = {k: v.copy() for k, v in g.items()}
    ids = {k: id(v) for k, v in g.items()}
    out = dl.clip(g, 5)
    assert out is g and all(id(g[k]) == ids[k] for k in g), "in place, same arrays"
    for k in g:
        np.testing.assert_array_equal(g[k], np.clip(before[k], -5, 5))
    assert max(np.abs(v).max() for v in g.values()) == 5.0
    assert any(np.abs(before[k]).max() > 5 for k in g), "the test data must need clipping"
    small = {"a": np.array([0.5, -1.0])}
    np.testing.assert_array_equal(dl.clip(small, 5)["a"], [0.5, -1.0])


def test_clip_by_global_norm_keeps_direction(rng):
    g = _grads(rng)
    before = {k: v.copy() for k, v in g.items()}
    norm0 = np.sqrt(sum(np.sum(v ** 2) for v in before.values()))
    out, norm = dl.clip_by_global_norm(g, 1.0)
    assert out is g and norm == pytest.approx(norm0)
    assert dl.global_norm(g) == pytest.approx(1.0)
    for k in g:
        np.testing.assert_allclose(g[k], before[k] / norm0)
    g2 = {"a": np.array([0.3, 0.4])}
    _, n2 = dl.clip_by_global_norm(g2, 1.0)
    assert n2 == pytest.approx(0.5)
    np.testing.assert_array_equal(g2["a"], [0.3, 0.4])


def test_clipping_stops_an_explosion(rng):
    """A recurrent weight with spectral radius > 1: BPTT gradients blow up; clipping bounds them."""
    n_a, T = 4, 40
    p = {"Wax": rng.standard_normal((n_a, 1)), "Waa": 3.0 * np.eye(n_a), "ba": np.zeros((n_a, 1))}
    x = np.zeros((1, 2, T))            # states stay at 0, where tanh' = 1: the gradient grows as 3^t
    a, _, caches = dl.rnn_forward(x, np.zeros((n_a, 2)), p)
    da = np.zeros_like(a)
    da[:, :, -1] = rng.standard_normal((n_a, 2))
    g = dl.rnn_backward(da, caches)
    grads = {k: g[k] for k in ("dWax", "dWaa", "dba")}
    assert dl.global_norm(grads) > 1e3
    dl.clip_by_global_norm(grads, 5.0)
    assert dl.global_norm(grads) == pytest.approx(5.0)


def test_clipping_errors(rng):
    with pytest.raises(ValueError, match=r"clip: max_value must be a positive number"):
        dl.clip(_grads(rng), -1)
    with pytest.raises(ValueError, match=r"clip_by_global_norm: gradients must be a non-empty dict"):
        dl.clip_by_global_norm([], 5)
    with pytest.raises(ValueError, match=r"clip: gradients\['a'\] must be a float numpy array"):
        dl.clip({"a": [1, 2]}, 5)
