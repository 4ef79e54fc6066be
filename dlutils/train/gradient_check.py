"""Numerical gradient checking by centred differences.

    dJ/dtheta_i ~ (J(theta + eps e_i) - J(theta - eps e_i)) / (2 eps)
    difference  = ||g - g_approx|| / (||g|| + ||g_approx||)

Below 1e-7 the analytic gradient is right; above 1e-3 there is almost surely a bug.
Always check in float64 on tiny tensors. ``check_layer`` tests any layer that follows the
contract ``forward(*inputs) -> (out, cache)``, ``backward(dout, cache) -> dinputs`` using a
random upstream gradient ``dout`` (never all ones, which hides transposes and sums).
Taught in: c2/03_gradient_checking; used by tests/ for every differentiable function.
"""
import numpy as np

from ..validation import check_positive

__all__ = [
    "relative_error", "numerical_gradient", "numerical_gradient_of_output",
    "dictionary_to_vector", "vector_to_dictionary", "gradient_check", "check_layer",
    "GradientCheckResult",
]


def relative_error(a, b):
    """``||a - b|| / (||a|| + ||b||)``; 0 when both are zero."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"relative_error: shapes differ, {a.shape} vs {b.shape}; compare the "
                         f"gradient of one parameter with its own numerical estimate.")
    num = np.linalg.norm(a - b)
    den = np.linalg.norm(a) + np.linalg.norm(b)
    return float(num / den) if den > 0 else 0.0


def numerical_gradient(f, x, eps=1e-6):
    """Centred-difference gradient of the scalar ``f()`` w.r.t. array ``x`` (changed in place, restored)."""
    check_positive("numerical_gradient", "eps", eps)
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise ValueError("numerical_gradient: x must be a float64 numpy array (checks in float32 "
                         "are too coarse); convert it with x.astype(np.float64).")
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + eps
        fp = f()
        x[i] = old - eps
        fm = f()
        x[i] = old
        grad[i] = (fp - fm) / (2 * eps)
    return grad


def numerical_gradient_of_output(f, x, dout, eps=1e-6):
    """Gradient of ``sum(f() * dout)`` w.r.t. ``x``: the numerical counterpart of ``backward(dout)``."""
    return numerical_gradient(lambda: float(np.sum(f() * dout)), x, eps)


def check_layer(forward, backward, inputs, rng, eps=1e-6, forward_kwargs=None):
    """Relative error of ``backward`` against centred differences, for each array input.

    ``inputs`` is a list of arrays passed positionally to ``forward``; ``backward`` must
    return their gradients in the same order (a single array if there is one input).
    Returns a list of relative errors (``None`` for inputs backward returns as ``None``).
    """
    kw = forward_kwargs or {}
    inputs = [np.array(a, dtype=np.float64) for a in inputs]
    out, cache = forward(*inputs, **kw)
    dout = rng.standard_normal(np.shape(out))
    grads = backward(dout, cache)
    if not isinstance(grads, tuple):
        grads = (grads,)
    errors = []
    for x, g in zip(inputs, grads):
        if g is None:
            errors.append(None)
            continue
        num = numerical_gradient_of_output(lambda: forward(*inputs, **kw)[0], x, dout, eps)
        errors.append(relative_error(g, num))
    return errors


def dictionary_to_vector(parameters, keys=None):
    """Stack the arrays of a dict into one column ``theta``; returns ``(theta, keys, shapes)``."""
    keys = list(keys or parameters)
    shapes = [np.shape(parameters[k]) for k in keys]
    theta = np.concatenate([np.ravel(parameters[k]) for k in keys]).reshape(-1, 1)
    return theta, keys, shapes


def vector_to_dictionary(theta, keys, shapes):
    """Inverse of ``dictionary_to_vector``."""
    need = sum(int(np.prod(s)) for s in shapes)
    if need != np.size(theta):
        raise ValueError(f"vector_to_dictionary: theta has {np.size(theta)} entries but the "
                         f"shapes need {need}.")
    out, start = {}, 0
    for k, s in zip(keys, shapes):
        n = int(np.prod(s))
        out[k] = np.asarray(theta[start:start + n]).reshape(s)
        start += n
    return out


class GradientCheckResult(dict):
    """Overall ``difference`` plus the relative error of every parameter (to locate bugs)."""

    def __init__(self, difference, per_parameter, threshold):
        super().__init__(per_parameter)
        self.difference = difference
        self.threshold = threshold

    @property
    def passed(self):
        return self.difference < self.threshold

    @property
    def worst(self):
        """Name of the parameter whose gradient disagrees most."""
        return max(self, key=self.get)

    def __repr__(self):
        parts = ", ".join(f"{k}: {v:.1e}" for k, v in self.items())
        verdict = "OK" if self.passed else f"MISMATCH, worst {self.worst}"
        return f"GradientCheckResult(difference={self.difference:.2e} {verdict}; {parts})"


def gradient_check(cost_and_grads, parameters, eps=1e-7, threshold=1e-7):
    """Check the whole network at once.

    ``cost_and_grads(parameters) -> (cost, grads)`` with ``grads`` keyed like ``parameters``
    (``model.loss``-style closures fit). Returns a ``GradientCheckResult`` whose
    ``difference`` is the lecture's number and whose items give it per parameter.
    """
    params = {k: np.array(v, dtype=np.float64) for k, v in parameters.items()}
    _, grads = cost_and_grads(params)
    missing = [k for k in params if k not in grads]
    if missing:
        raise ValueError(f"gradient_check: grads has no entry for {missing}; grads must be keyed "
                         f"exactly like parameters.")
    approx = {k: numerical_gradient(lambda: cost_and_grads(params)[0], params[k], eps)
              for k in params}
    g = np.concatenate([np.ravel(grads[k]) for k in params])
    a = np.concatenate([np.ravel(approx[k]) for k in params])
    per = {k: relative_error(grads[k], approx[k]) for k in params}
    return GradientCheckResult(relative_error(g, a), per, threshold)
