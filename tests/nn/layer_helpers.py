"""Gradient checks for layer OBJECTS (the dl.Sequential protocol): build, randomize, compare
backward with centred differences of sum(forward * dout) for the input and every parameter."""
from types import SimpleNamespace

import numpy as np

import dlutils as dl


def fake_model(layer):
    """What forward needs from a model: bn_state (running averages) and rng (dropout)."""
    return SimpleNamespace(bn_state=dict(layer.states()) if hasattr(layer, "states") else {},
                           rng=np.random.default_rng(0))


def batch(rng, in_shape, m):
    shape = tuple(in_shape)
    if len(shape) == 3:
        return rng.standard_normal((m,) + shape)
    if len(shape) == 2:
        return rng.standard_normal((shape[0], m, shape[1]))
    return rng.standard_normal((shape[0], m))


def layer_errors(layer, in_shape, rng, m=3, training=True, X=None, noise=0.3, eps=1e-6):
    """Relative errors ``{"X": e, key: e, ...}`` of ``layer.backward`` against centred differences."""
    params, out_shape = layer.build(in_shape, 1, rng)
    params = {k: v + noise * rng.standard_normal(v.shape) for k, v in params.items()}
    model = fake_model(layer)
    X = batch(rng, in_shape, m) if X is None else X
    out, cache = layer.forward(X, params, model, training)
    dout = rng.standard_normal(out.shape)           # random upstream gradient, never all ones
    dX, grads = layer.backward(dout, cache, params, need_dA=True)
    assert set(grads) == set(params), (sorted(grads), sorted(params))

    def f():
        return float(np.sum(layer.forward(X, params, model, training)[0] * dout))

    errors = {"X": dl.relative_error(dX, dl.numerical_gradient(f, X, eps))}
    for k in params:
        errors[k] = dl.relative_error(grads[k], dl.numerical_gradient(f, params[k], eps))
    return errors, out_shape, out
