"""Parameter initializers for dense nets of any depth.

Layout: ``layer_dims = [n_x, n[1], ..., n[L]]``; returns ``{"W1": (n[1], n_x), "b1": (n[1], 1), ...}``.
Methods (weights; biases start at zero):

=========  ====================================  ===========================================
method     W[l] drawn as                         used for
=========  ====================================  ===========================================
zeros      0                                     shows the symmetry problem (c2/01)
random     randn * scale (scale=0.01 default)    c1 "small random"; scale=10 is "large"
xavier     randn / sqrt(n[l-1])                  tanh nets; c1/05 application (course's choice)
glorot     randn * sqrt(2 / (n[l-1] + n[l]))     Glorot & Bengio's variant of Xavier
he         randn * sqrt(2 / n[l-1])              ReLU nets (He et al. 2015)
=========  ====================================  ===========================================

Taught in: c1/04_deep_network_step_by_step, c2/01_setting_up_and_initialization.
"""
import numpy as np

from ..validation import check_rng, check_positive

__all__ = ["initialize_parameters", "INITIALIZERS", "weight_scale"]

INITIALIZERS = ("zeros", "random", "xavier", "glorot", "he")


def weight_scale(method, n_prev, n, scale=0.01):
    """Standard deviation used for ``W[l]`` of shape ``(n, n_prev)`` by ``method``."""
    if method == "zeros":
        return 0.0
    if method == "random":
        return scale
    if method == "xavier":
        return 1.0 / np.sqrt(n_prev)
    if method == "glorot":
        return np.sqrt(2.0 / (n_prev + n))
    if method == "he":
        return np.sqrt(2.0 / n_prev)
    raise ValueError(f"initialize_parameters: unknown method {method!r}; choose one of "
                     f"{list(INITIALIZERS)}.")


def initialize_parameters(layer_dims, method="he", rng=None, *, scale=0.01, dtype=np.float64):
    """Return ``{"W1", "b1", ..., "WL", "bL"}`` for ``layer_dims = [n_x, n1, ..., nL]``.

    ``rng`` (a ``np.random.Generator``) is required for every method but ``zeros``.
    """
    func = "initialize_parameters"
    try:
        dims = [int(d) for d in layer_dims]
    except (TypeError, ValueError):
        raise ValueError(f"{func}: layer_dims must be a list of positive ints like [12288, 20, 7, 5, 1], "
                         f"got {layer_dims!r}.") from None
    if len(dims) < 2 or any(d <= 0 for d in dims) or any(d != x for d, x in zip(dims, layer_dims)):
        raise ValueError(f"{func}: layer_dims must hold at least two positive ints "
                         f"[n_x, ..., n_y], got {list(layer_dims)!r}.")
    weight_scale(method, 1, 1)  # validates the name
    if method != "zeros":
        check_rng(func, rng)
    if method == "random":
        check_positive(func, "scale", scale)
    params = {}
    for l in range(1, len(dims)):
        n_prev, n = dims[l - 1], dims[l]
        if method == "zeros":
            W = np.zeros((n, n_prev), dtype=dtype)
        else:
            W = (rng.standard_normal((n, n_prev)) * weight_scale(method, n_prev, n, scale)).astype(dtype)
        params[f"W{l}"] = W
        params[f"b{l}"] = np.zeros((n, 1), dtype=dtype)
    return params
