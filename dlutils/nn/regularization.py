"""L2 regularization and inverted dropout.

L2:      J_reg = J + lambd / (2 m) * sum_l ||W[l]||_F^2,    dW[l] += lambd / m * W[l]
Dropout: D = (rand < keep_prob); A = A * D / keep_prob  (inverted: the expectation of A is
         unchanged, so nothing changes at test time); backward uses the same mask D.

Layout: activations ``(n[l], m)``. Taught in: c2/02_regularization.
"""
import numpy as np

from ..validation import check_array, check_probability, check_positive, check_rng

__all__ = ["l2_cost", "l2_grads", "dropout_forward", "dropout_backward", "weight_norm", "Dropout"]


def _weights(parameters):
    return [k for k in parameters if k.startswith("W") and k[1:].isdigit()]


def _check_m(func, m):
    try:
        ok = int(m) == m and int(m) > 0
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ValueError(f"{func}: m must be the positive number of examples (X.shape[1]), got {m!r}.")
    return int(m)


def l2_cost(parameters, lambd, m):
    """``lambd / (2 m) * sum ||W[l]||^2`` over every ``W`` in ``parameters`` (biases excluded)."""
    lambd = check_positive("l2_cost", "lambd", lambd, allow_zero=True)
    m = _check_m("l2_cost", m)
    if lambd == 0:
        return 0.0
    total = sum(float(np.sum(np.square(parameters[k]))) for k in _weights(parameters))
    return lambd / (2 * m) * total


def l2_grads(parameters, grads, lambd, m):
    """Add ``lambd / m * W`` to ``grads[W]`` for every weight, in place; returns grads."""
    lambd = check_positive("l2_grads", "lambd", lambd, allow_zero=True)
    m = _check_m("l2_grads", m)
    missing = [k for k in _weights(parameters) if k not in grads]
    if missing:
        raise ValueError(f"l2_grads: grads has no {missing[0]!r}; grads must be keyed like parameters "
                         f"('W1', not 'dW1').")
    if lambd:
        for k in _weights(parameters):
            grads[k] = grads[k] + (lambd / m) * parameters[k]
    return grads


def weight_norm(parameters):
    """``sqrt(sum ||W[l]||^2)``: what L2 shrinks."""
    return float(np.sqrt(sum(float(np.sum(np.square(parameters[k]))) for k in _weights(parameters))))


def dropout_forward(A, keep_prob, rng=None, mask=None):
    """Inverted dropout. Returns ``(A * D / keep_prob, cache)``.

    Give ``rng`` to draw a new mask, or ``mask`` (0/1, shape of ``A``) to reuse one, as a
    gradient check must. ``keep_prob = 1`` is the identity (no mask drawn).
    """
    func = "dropout_forward"
    keep_prob = check_probability(func, "keep_prob", keep_prob)
    A = check_array(func, "A", A, finite=False)
    if keep_prob == 1.0:
        return A, (None, 1.0)
    if mask is None:
        check_rng(func, rng)
        mask = rng.random(A.shape) < keep_prob
    elif np.shape(mask) != A.shape:
        raise ValueError(f"{func}: mask has shape {np.shape(mask)} but A has shape {A.shape}.")
    return A * mask / keep_prob, (mask, keep_prob)


def dropout_backward(dA, cache):
    """Gradient through the same mask: ``dA * D / keep_prob``."""
    mask, keep_prob = cache
    if mask is None:
        return dA
    return dA * mask / keep_prob

# -- layer for dl.Sequential -------------------------------------------------------------
# Layer protocol (see dlutils/train/sequential.py): build(n_in, index, rng) -> (params, n_out);
# forward(A, params, model, training) -> (out, cache); backward(dout, cache, params, need_dA) -> (dA, grads).
class Dropout:
    """Inverted dropout with ``keep_prob`` (probability of keeping a unit); off at inference."""
    kind = "Dropout"

    def __init__(self, keep_prob):
        self.keep_prob = check_probability("Dropout", "keep_prob", keep_prob)

    def build(self, n_in, index, rng):
        return {}, n_in

    def forward(self, A, params, model, training):
        if not training or self.keep_prob == 1.0:
            return A, (None, 1.0)
        return dropout_forward(A, self.keep_prob, model.rng)

    def backward(self, dout, cache, params, need_dA=True):
        return dropout_backward(dout, cache), {}

    def describe(self):
        return f"Dropout(keep_prob={self.keep_prob:g})"
