"""The basic recurrent cell, its sequence version and backpropagation through time (BPTT).

Layout (the course's): a sequence batch ``x`` is ``(n_x, m, T_x)``, one time step is
``xt = x[:, :, t]`` of shape ``(n_x, m)``, hidden states ``a`` are ``(n_a, m, T_x)``,
``a0``/``a_prev`` are ``(n_a, m)``. Parameters (a dict, as in the course)::

    Wax (n_a, n_x)   Waa (n_a, n_a)   ba (n_a, 1)      a<t> = tanh(Waa a<t-1> + Wax x<t> + ba)
    Wya (n_y, n_a)   by  (n_y, 1)                       y<t> = softmax(Wya a<t> + by)

``Wya``/``by`` are optional (a layer without an output head): then ``y_pred`` is ``None``.

Backward passes take ``da``, the gradient of the cost with respect to every hidden state
(whatever reaches ``a<t>`` from above: the output head, the next layer); BPTT adds the
gradient carried back from step ``t + 1``. They return the course's gradient dicts
(``dx, da0, dWax, dWaa, dba``; per cell ``dxt, da_prev, ...``).

Two versions of every sequence function: ``rnn_forward``/``rnn_backward`` are the fast path
(the input projection ``Wax x`` for all steps is one matrix product hoisted out of the time
loop, the weight gradients are one product after it) and ``rnn_forward_reference`` /
``rnn_backward_reference`` loop over ``rnn_cell_forward``/``rnn_cell_backward``, the way the
lecture (and the learner) writes it. Tests check that the two agree.

The shared input checks for all recurrent modules (``gru.py``, ``lstm.py``) live here.
Taught in: c5_sequence_models/01_rnn_step_by_step.
"""
from typing import NamedTuple

import numpy as np

__all__ = [
    "rnn_cell_forward", "rnn_cell_backward", "rnn_forward", "rnn_backward",
    "rnn_forward_reference", "rnn_backward_reference", "RNNCellCache", "RNNCache",
]


# -- shared helpers (also used by gru.py, lstm.py, recurrent_layers.py) ----------------------
def _sigmoid(z):
    """Overflow-free logistic function (tanh form)."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _softmax0(z):
    """Softmax over axis 0 (the classes) for any trailing shape."""
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def _param(func, parameters, key, shape, hint=""):
    if not isinstance(parameters, dict):
        raise ValueError(f"{func}: parameters must be a dict of arrays (keys like the course's), "
                         f"got {type(parameters).__name__}.")
    if key not in parameters:
        raise ValueError(f"{func}: parameters has no {key!r} (keys present: {sorted(parameters)}); "
                         f"{hint or 'name the arrays like the course.'}")
    W = np.asarray(parameters[key], dtype=float)
    if W.ndim != len(shape) or any(s is not None and s != d for s, d in zip(shape, W.shape)):
        want = "(" + ", ".join("?" if s is None else str(s) for s in shape) + ")"
        raise ValueError(f"{func}: parameters[{key!r}] has shape {W.shape}, expected {want}"
                         + (f"; {hint}" if hint else "."))
    return W


def _check_x(func, x, n_x, name="x", m=None):
    """A sequence batch ``(n_x, m, T_x)``; explains the usual transposed layouts."""
    x = np.asarray(x)
    if x.dtype.kind not in "fiub":
        raise ValueError(f"{func}: {name} has dtype {x.dtype}; expected numbers (n_x, m, T_x).")
    if x.ndim != 3:
        extra = ""
        if x.ndim == 2:
            extra = (f" For a single time step use the cell function; for one sequence of "
                     f"length T_x add the batch axis: {name}[:, None, :].")
        raise ValueError(f"{func}: {name} must be 3-D (n_x, m, T_x) but has shape {x.shape}.{extra}")
    if x.shape[0] != n_x:
        hint = ""
        if x.shape[2] == n_x:
            hint = (f" It looks like (m, T_x, n_x) = {x.shape} (the Keras/PyTorch batch_first "
                    f"layout); the course puts features first: try {name}.transpose(2, 0, 1).")
        elif x.shape[1] == n_x:
            hint = (f" It looks like (m, n_x, T_x) or (T_x, n_x, m); try {name}.transpose(1, 0, 2) "
                    f"for (m, n_x, T_x) or {name}.transpose(1, 2, 0) for (T_x, n_x, m).")
        raise ValueError(f"{func}: {name} has shape {x.shape} but the parameters expect n_x = {n_x} "
                         f"features on axis 0 (layout (n_x, m, T_x)).{hint}")
    if m is not None and x.shape[1] != m:
        hint = ""
        if x.shape[2] == m:
            hint = f" Did you pass (n_x, T_x, m)? try {name}.transpose(0, 2, 1)."
        raise ValueError(f"{func}: {name} has shape {x.shape}, so m = {x.shape[1]} examples, but the "
                         f"initial state has m = {m} columns.{hint}")
    return x.astype(np.float64, copy=False)


def _check_state(func, name, a, n_a, m=None):
    """A state ``(n_a, m)``; says where each size comes from."""
    a = np.asarray(a, dtype=float)
    if a.ndim != 2 or a.shape[0] != n_a or (m is not None and a.shape[1] != m):
        want = f"({n_a}, {m if m is not None else 'm'})"
        hint = ""
        if a.ndim == 2 and a.shape[1] == n_a and a.shape[0] != n_a and m in (None, a.shape[0]):
            hint = f" - did you mean {name}.T?"
        elif a.ndim == 1 and a.size == n_a:
            hint = f" - a state is one column per example: {name}.reshape({n_a}, 1) or np.tile it to m columns"
        elif a.ndim == 2 and a.shape[0] != n_a:
            hint = (f" - its {a.shape[0]} rows must equal n_a, the number of hidden units "
                    f"(the rows of the recurrent weights); pass a state built as np.zeros(({n_a}, m))")
        raise ValueError(f"{func}: {name} has shape {a.shape}, expected (n_a, m) = {want} "
                         f"(n_a from the weights, m from the inputs){hint}.")
    return a


def _check_xt(func, xt, n_x, m):
    xt = np.asarray(xt, dtype=float)
    if xt.ndim != 2 or xt.shape[0] != n_x or xt.shape[1] != m:
        hint = " - did you mean xt.T?" if xt.ndim == 2 and xt.shape == (m, n_x) else ""
        if xt.ndim == 3:
            hint = " - this is a whole sequence; pass one step xt = x[:, :, t] or use the sequence function"
        raise ValueError(f"{func}: xt has shape {xt.shape}, expected (n_x, m) = ({n_x}, {m}) "
                         f"(one time step, one example per column){hint}.")
    return xt


def _check_da(func, da, shape, name="da"):
    da = np.asarray(da, dtype=float)
    if da.shape != tuple(shape):
        hint = ""
        if da.ndim == 2 and len(shape) == 3:
            hint = (f" - the sequence backward needs the gradient of every hidden state (n_a, m, T_x); "
                    f"for a loss on the last state only, use zeros with da[:, :, -1] = your gradient")
        raise ValueError(f"{func}: {name} has shape {da.shape}, expected {tuple(shape)} "
                         f"(the shape of the forward pass's hidden states){hint}.")
    return da


def _head(parameters, A_steps, wkey, bkey):
    """Per-step softmax output ``softmax(Wy a + by)`` for states ``(n_a, m, T)``, or None."""
    if wkey not in parameters:
        return None
    Wy, by = np.asarray(parameters[wkey], float), np.asarray(parameters[bkey], float)
    n_a, m, T = A_steps.shape
    z = (Wy @ A_steps.reshape(n_a, m * T)).reshape(Wy.shape[0], m, T) + by[:, :, None]
    return _softmax0(z)


def _rnn_shapes(func, parameters, n_x=None):
    Waa = _param(func, parameters, "Waa", (None, None))
    n_a = Waa.shape[0]
    if Waa.shape != (n_a, n_a):
        raise ValueError(f"{func}: parameters['Waa'] has shape {Waa.shape}; it must be square (n_a, n_a).")
    Wax = _param(func, parameters, "Wax", (n_a, None),
                 "Wax is (n_a, n_x): the rows are the hidden units, like Waa's")
    ba = _param(func, parameters, "ba", (n_a, 1), "ba is a column (n_a, 1)")
    if "Wya" in parameters:
        Wya = _param(func, parameters, "Wya", (None, n_a), "Wya is (n_y, n_a)")
        _param(func, parameters, "by", (Wya.shape[0], 1), "by is a column (n_y, 1)")
    return Wax, Waa, ba


# -- the cell -------------------------------------------------------------------------------
class RNNCellCache(NamedTuple):
    a_next: np.ndarray
    a_prev: np.ndarray
    xt: np.ndarray
    parameters: dict


def rnn_cell_forward(xt, a_prev, parameters):
    """One step: ``a_next = tanh(Waa a_prev + Wax xt + ba)``, ``yt_pred = softmax(Wya a_next + by)``.

    ``xt`` is ``(n_x, m)``, ``a_prev`` is ``(n_a, m)``. Returns ``(a_next, yt_pred, cache)``
    (``yt_pred`` is ``None`` without ``Wya``); ``cache = (a_next, a_prev, xt, parameters)``.
    """
    func = "rnn_cell_forward"
    Wax, Waa, ba = _rnn_shapes(func, parameters)
    a_prev = _check_state(func, "a_prev", a_prev, Waa.shape[0])
    xt = _check_xt(func, xt, Wax.shape[1], a_prev.shape[1])
    a_next = np.tanh(Waa @ a_prev + Wax @ xt + ba)
    yt_pred = None
    if "Wya" in parameters:
        yt_pred = _softmax0(parameters["Wya"] @ a_next + parameters["by"])
    return a_next, yt_pred, RNNCellCache(a_next, a_prev, xt, parameters)


def rnn_cell_backward(da_next, cache):
    """Gradients of one step given ``da_next`` (``(n_a, m)``, the gradient of ``a_next``).

    Returns ``{"dxt", "da_prev", "dWax", "dWaa", "dba"}``.
    """
    a_next, a_prev, xt, parameters = cache
    da_next = _check_da("rnn_cell_backward", da_next, a_next.shape, "da_next")
    dz = da_next * (1.0 - a_next ** 2)
    return {"dxt": parameters["Wax"].T @ dz, "da_prev": parameters["Waa"].T @ dz,
            "dWax": dz @ xt.T, "dWaa": dz @ a_prev.T, "dba": dz.sum(axis=1, keepdims=True)}


# -- the plain reference: a loop over cells ----------------------------------------------
def rnn_forward_reference(x, a0, parameters):
    """Loop over ``rnn_cell_forward``. Returns ``(a, y_pred, caches)``, ``caches = (list, x)``."""
    func = "rnn_forward_reference"
    Wax, Waa, _ = _rnn_shapes(func, parameters)
    a0 = _check_state(func, "a0", a0, Waa.shape[0])
    x = _check_x(func, x, Wax.shape[1], m=a0.shape[1])
    n_x, m, T_x = x.shape
    a = np.zeros((Waa.shape[0], m, T_x))
    y_pred = np.zeros((parameters["Wya"].shape[0], m, T_x)) if "Wya" in parameters else None
    caches, a_next = [], a0
    for t in range(T_x):
        a_next, yt, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
        if y_pred is not None:
            y_pred[:, :, t] = yt
        caches.append(cache)
    return a, y_pred, (caches, x)


def rnn_backward_reference(da, caches):
    """BPTT over ``rnn_cell_backward``: the gradient of ``a<t>`` is ``da[:, :, t]`` plus what step
    ``t + 1`` sends back; weight gradients are summed over steps. Returns the course's dict."""
    cell_caches, x = caches
    n_x, m, T_x = x.shape
    n_a = cell_caches[0].a_next.shape[0]
    da = _check_da("rnn_backward_reference", da, (n_a, m, T_x))
    p = cell_caches[0].parameters
    g = {"dx": np.zeros_like(x), "dWax": np.zeros_like(p["Wax"]), "dWaa": np.zeros_like(p["Waa"]),
         "dba": np.zeros_like(p["ba"])}
    da_prev = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        step = rnn_cell_backward(da[:, :, t] + da_prev, cell_caches[t])
        g["dx"][:, :, t] = step["dxt"]
        g["dWax"] += step["dWax"]
        g["dWaa"] += step["dWaa"]
        g["dba"] += step["dba"]
        da_prev = step["da_prev"]
    g["da0"] = da_prev
    return g


# -- the fast path ---------------------------------------------------------------------------
class RNNCache(NamedTuple):
    A: np.ndarray          # (n_a, T_x + 1, m): A[:, 0] = a0, A[:, t + 1] = a<t>  (time-major inside)
    X: np.ndarray          # (n_x, T_x, m)
    parameters: dict


def rnn_forward(x, a0, parameters):
    """The whole sequence: ``x (n_x, m, T_x)``, ``a0 (n_a, m)`` -> ``(a (n_a, m, T_x), y_pred, caches)``.

    ``y_pred`` is ``(n_y, m, T_x)`` (or ``None`` without ``Wya``). Fast path: ``Wax x + ba`` is
    computed for every step in one product before the loop.
    """
    func = "rnn_forward"
    Wax, Waa, ba = _rnn_shapes(func, parameters)
    n_a = Waa.shape[0]
    a0 = _check_state(func, "a0", a0, n_a)
    x = _check_x(func, x, Wax.shape[1], m=a0.shape[1])
    n_x, m, T_x = x.shape
    X = np.ascontiguousarray(x.transpose(0, 2, 1))                  # (n_x, T, m)
    A = np.empty((n_a, T_x + 1, m))
    A[:, 0] = a0
    Z = (Wax @ X.reshape(n_x, T_x * m)).reshape(n_a, T_x, m)
    Z += ba[:, :, None]
    for t in range(T_x):
        z = Z[:, t]
        z += Waa @ A[:, t]
        np.tanh(z, out=A[:, t + 1])
    a = np.ascontiguousarray(A[:, 1:].transpose(0, 2, 1))
    return a, _head(parameters, a, "Wya", "by"), RNNCache(A, X, parameters)


def rnn_backward(da, caches, *, need_dx=True):
    """BPTT for ``rnn_forward`` (also accepts ``rnn_forward_reference``'s caches).

    ``da (n_a, m, T_x)`` is the gradient of every hidden state. Returns
    ``{"dx", "da0", "dWax", "dWaa", "dba"}``; ``need_dx=False`` skips ``dx`` (``None``; a first layer
    has no use for it).
    """
    if not isinstance(caches, RNNCache):
        g = rnn_backward_reference(da, caches)
        return g if need_dx else dict(g, dx=None)
    A, X, p = caches
    n_a, T1, m = A.shape
    T_x, n_x = T1 - 1, X.shape[0]
    da = _check_da("rnn_backward", da, (n_a, m, T_x))
    Waa_T = np.ascontiguousarray(p["Waa"].T)
    dZ = np.empty((n_a, T_x, m))
    carry = np.zeros((n_a, m))
    for t in range(T_x - 1, -1, -1):
        a = A[:, t + 1]
        dz = dZ[:, t]
        np.add(da[:, :, t], carry, out=dz)
        dz *= 1.0 - a * a
        carry = Waa_T @ dz
    dZ2 = dZ.reshape(n_a, T_x * m)
    dx = None
    if need_dx:
        dx = np.ascontiguousarray((p["Wax"].T @ dZ2).reshape(n_x, T_x, m).transpose(0, 2, 1))
    return {"dx": dx, "da0": carry,
            "dWax": dZ2 @ X.reshape(n_x, T_x * m).T,
            "dWaa": dZ2 @ A[:, :T_x].reshape(n_a, T_x * m).T,
            "dba": dZ2.sum(axis=1, keepdims=True)}
