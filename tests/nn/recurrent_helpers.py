"""Shared fixtures of the recurrent tests: random parameters in the course's names and a
numerical gradient of ``sum(out * dout)`` over several outputs (random upstream gradients)."""
import numpy as np

import dlutils as dl


def rnn_params(rng, n_x=3, n_a=5, n_y=2, head=True):
    p = {"Wax": rng.standard_normal((n_a, n_x)), "Waa": rng.standard_normal((n_a, n_a)) * 0.6,
         "ba": rng.standard_normal((n_a, 1))}
    if head:
        p.update(Wya=rng.standard_normal((n_y, n_a)), by=rng.standard_normal((n_y, 1)))
    return p


def gate_params(rng, gates, n_x=3, n_a=5, n_y=2, head=True):
    p = {}
    for g in gates:
        p["W" + g] = rng.standard_normal((n_a, n_a + n_x)) * 0.8
        p["b" + g] = rng.standard_normal((n_a, 1))
    if head:
        p.update(Wy=rng.standard_normal((n_y, n_a)), by=rng.standard_normal((n_y, 1)))
    return p


def lstm_params(rng, **kw):
    return gate_params(rng, "fico", **kw)


def gru_params(rng, **kw):
    return gate_params(rng, "urc", **kw)


numerical = dl.numerical_gradient   # the library's centred differences (float64, in place, restored)


def rel(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    assert a.shape == b.shape, (a.shape, b.shape)
    den = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / den) if den else 0.0


def check_all(f, arrays, grads):
    """Relative error per named array: ``arrays[name]`` is perturbed, ``grads[name]`` is analytic."""
    return {name: rel(grads[name], numerical(f, arrays[name])) for name in arrays}
