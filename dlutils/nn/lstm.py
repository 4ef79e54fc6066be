"""The LSTM cell (forget, update and output gates and a memory cell), its sequence version and BPTT.

Layout: ``x`` is ``(n_x, m, T_x)``; states ``a<t>``, ``c<t>`` are ``(n_a, m)``; sequences of
states ``(n_a, m, T_x)``. Every gate acts on the stacked ``concat = [a_prev; xt]`` of shape
``(n_a + n_x, m)``, with the course's parameter keys::

    Gamma_f = sigmoid(Wf concat + bf)          forget gate      Wf, Wi, Wc, Wo: (n_a, n_a + n_x)
    Gamma_u = sigmoid(Wi concat + bi)          update gate      bf, bi, bc, bo: (n_a, 1)
    c_tilde = tanh(Wc concat + bc)             candidate
    c_next  = Gamma_f * c_prev + Gamma_u * c_tilde
    Gamma_o = sigmoid(Wo concat + bo)          output gate
    a_next  = Gamma_o * tanh(c_next)
    yt_pred = softmax(Wy a_next + by)          (optional)        Wy (n_y, n_a), by (n_y, 1)

Backward passes take ``da`` (gradient of every hidden state ``a<t>``) and optionally ``dc``
(gradient of every memory cell ``c<t>``, e.g. from a loss on ``c``); BPTT carries both back.

``lstm_forward``/``lstm_backward`` are the fast path: the four gate matrices are fused into one
``(4 n_a, n_a + n_x)`` product per step and the input projection of all steps is one product
before the loop. ``lstm_forward_reference``/``lstm_backward_reference`` loop over the cell
functions, as the lecture writes them; the tests check that the two agree.
Taught in: c5_sequence_models/01_rnn_step_by_step.
"""
from typing import NamedTuple

import numpy as np

from .rnn import _check_da, _check_state, _check_x, _check_xt, _head, _param, _sigmoid, _softmax0

__all__ = [
    "lstm_cell_forward", "lstm_cell_backward", "lstm_forward", "lstm_backward",
    "lstm_forward_reference", "lstm_backward_reference", "LSTMCellCache", "LSTMCache", "LSTM_GATES",
]

LSTM_GATES = ("f", "i", "o", "c")     # fused order: three sigmoid gates, then the tanh candidate


def _lstm_shapes(func, parameters):
    Wf = _param(func, parameters, "Wf", (None, None))
    n_a = Wf.shape[0]
    n_x = Wf.shape[1] - n_a
    if n_x < 1:
        raise ValueError(f"{func}: parameters['Wf'] has shape {Wf.shape}; LSTM gate weights are "
                         f"(n_a, n_a + n_x) acting on concat = [a_prev; xt], so it needs more columns than rows.")
    for g in LSTM_GATES:
        _param(func, parameters, "W" + g, (n_a, n_a + n_x),
               "every gate weight is (n_a, n_a + n_x) and acts on concat = [a_prev; xt]")
        _param(func, parameters, "b" + g, (n_a, 1), "gate biases are columns (n_a, 1)")
    if "Wy" in parameters:
        Wy = _param(func, parameters, "Wy", (None, n_a), "Wy is (n_y, n_a)")
        _param(func, parameters, "by", (Wy.shape[0], 1), "by is a column (n_y, 1)")
    return n_a, n_x


class LSTMCellCache(NamedTuple):
    a_next: np.ndarray
    c_next: np.ndarray
    a_prev: np.ndarray
    c_prev: np.ndarray
    Gamma_f: np.ndarray
    Gamma_u: np.ndarray
    c_tilde: np.ndarray
    Gamma_o: np.ndarray
    xt: np.ndarray
    parameters: dict


def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """One LSTM step (equations in the module docstring).

    ``xt (n_x, m)``, ``a_prev``/``c_prev`` ``(n_a, m)``. Returns ``(a_next, c_next, yt_pred, cache)``
    with ``cache = (a_next, c_next, a_prev, c_prev, Gamma_f, Gamma_u, c_tilde, Gamma_o, xt, parameters)``.
    """
    func = "lstm_cell_forward"
    n_a, n_x = _lstm_shapes(func, parameters)
    a_prev = _check_state(func, "a_prev", a_prev, n_a)
    m = a_prev.shape[1]
    c_prev = _check_state(func, "c_prev", c_prev, n_a, m)
    xt = _check_xt(func, xt, n_x, m)
    p = parameters
    concat = np.concatenate([a_prev, xt], axis=0)
    Gamma_f = _sigmoid(p["Wf"] @ concat + p["bf"])
    Gamma_u = _sigmoid(p["Wi"] @ concat + p["bi"])
    c_tilde = np.tanh(p["Wc"] @ concat + p["bc"])
    c_next = Gamma_f * c_prev + Gamma_u * c_tilde
    Gamma_o = _sigmoid(p["Wo"] @ concat + p["bo"])
    a_next = Gamma_o * np.tanh(c_next)
    yt_pred = _softmax0(p["Wy"] @ a_next + p["by"]) if "Wy" in p else None
    cache = LSTMCellCache(a_next, c_next, a_prev, c_prev, Gamma_f, Gamma_u, c_tilde, Gamma_o, xt, p)
    return a_next, c_next, yt_pred, cache


def lstm_cell_backward(da_next, dc_next, cache):
    """Gradients of one LSTM step given the gradients of ``a_next`` and ``c_next`` (both ``(n_a, m)``).

    Returns ``{"dxt", "da_prev", "dc_prev", "dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo"}``.
    """
    (a_next, c_next, a_prev, c_prev, Gamma_f, Gamma_u, c_tilde, Gamma_o, xt, p) = cache
    func = "lstm_cell_backward"
    da_next = _check_da(func, da_next, a_next.shape, "da_next")
    dc_next = _check_da(func, dc_next, c_next.shape, "dc_next")
    n_a = a_next.shape[0]
    tc = np.tanh(c_next)
    dc = dc_next + da_next * Gamma_o * (1.0 - tc ** 2)          # both paths into c_next
    dzo = da_next * tc * Gamma_o * (1.0 - Gamma_o)
    dzf = dc * c_prev * Gamma_f * (1.0 - Gamma_f)
    dzi = dc * c_tilde * Gamma_u * (1.0 - Gamma_u)
    dzc = dc * Gamma_u * (1.0 - c_tilde ** 2)
    concat = np.concatenate([a_prev, xt], axis=0)
    g = {}
    dconcat = 0.0
    for name, dz in (("f", dzf), ("i", dzi), ("c", dzc), ("o", dzo)):
        g["dW" + name] = dz @ concat.T
        g["db" + name] = dz.sum(axis=1, keepdims=True)
        dconcat = dconcat + p["W" + name].T @ dz
    g["da_prev"] = dconcat[:n_a]
    g["dxt"] = dconcat[n_a:]
    g["dc_prev"] = dc * Gamma_f
    return g


def lstm_forward_reference(x, a0, parameters, c0=None):
    """Loop over ``lstm_cell_forward``. Returns ``(a, y, c, caches)`` with ``caches = (list, x)``."""
    func = "lstm_forward_reference"
    n_a, n_x = _lstm_shapes(func, parameters)
    a0 = _check_state(func, "a0", a0, n_a)
    x = _check_x(func, x, n_x, m=a0.shape[1])
    m, T_x = x.shape[1], x.shape[2]
    c_next = np.zeros((n_a, m)) if c0 is None else _check_state(func, "c0", c0, n_a, m)
    a, c = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x))
    y = np.zeros((parameters["Wy"].shape[0], m, T_x)) if "Wy" in parameters else None
    caches, a_next = [], a0
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a[:, :, t], c[:, :, t] = a_next, c_next
        if y is not None:
            y[:, :, t] = yt
        caches.append(cache)
    return a, y, c, (caches, x)


def lstm_backward_reference(da, caches, dc=None):
    """BPTT over ``lstm_cell_backward``; ``da``/``dc`` ``(n_a, m, T_x)`` (``dc`` defaults to zeros).

    Returns ``{"dx", "da0", "dc0", "dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo"}``.
    """
    cell_caches, x = caches
    n_x, m, T_x = x.shape
    n_a = cell_caches[0].a_next.shape[0]
    da = _check_da("lstm_backward_reference", da, (n_a, m, T_x))
    dc = np.zeros_like(da) if dc is None else _check_da("lstm_backward_reference", dc, (n_a, m, T_x), "dc")
    p = cell_caches[0].parameters
    g = {"dx": np.zeros_like(x)}
    for name in ("f", "i", "c", "o"):
        g["dW" + name] = np.zeros_like(p["W" + name])
        g["db" + name] = np.zeros_like(p["b" + name])
    da_prev, dc_prev = np.zeros((n_a, m)), np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        step = lstm_cell_backward(da[:, :, t] + da_prev, dc[:, :, t] + dc_prev, cell_caches[t])
        g["dx"][:, :, t] = step["dxt"]
        for k in g:
            if k != "dx":
                g[k] += step[k]
        da_prev, dc_prev = step["da_prev"], step["dc_prev"]
    g["da0"], g["dc0"] = da_prev, dc_prev
    return g


# -- the fast path ---------------------------------------------------------------------------
class LSTMCache(NamedTuple):
    A: np.ndarray        # (n_a, T_x + 1, m), A[:, 0] = a0 (time-major inside: each step is a block)
    C: np.ndarray        # (n_a, T_x + 1, m), C[:, 0] = c0
    G: np.ndarray        # (4 n_a, T_x, m) gate values in LSTM_GATES order (f, i, o, c_tilde)
    TC: np.ndarray       # (n_a, T_x, m) tanh(c<t>)
    X: np.ndarray        # (n_x, T_x, m)
    W: np.ndarray        # (4 n_a, n_a + n_x) fused gate weights
    parameters: dict


def _fused(p, n_a):
    W = np.concatenate([p["W" + g] for g in LSTM_GATES], axis=0)
    b = np.concatenate([p["b" + g] for g in LSTM_GATES], axis=0)
    return np.asarray(W, float), np.asarray(b, float)


def lstm_forward(x, a0, parameters, c0=None):
    """The whole sequence: ``x (n_x, m, T_x)``, ``a0`` (and optional ``c0``, default zeros) ``(n_a, m)``.

    Returns ``(a, y, c, caches)``: hidden states and memory cells ``(n_a, m, T_x)``, ``y`` the
    per-step softmax ``(n_y, m, T_x)`` or ``None`` without ``Wy``.
    """
    func = "lstm_forward"
    n_a, n_x = _lstm_shapes(func, parameters)
    a0 = _check_state(func, "a0", a0, n_a)
    x = _check_x(func, x, n_x, m=a0.shape[1])
    m, T_x = x.shape[1], x.shape[2]
    c0 = np.zeros((n_a, m)) if c0 is None else _check_state(func, "c0", c0, n_a, m)
    W, b = _fused(parameters, n_a)
    Wa = np.ascontiguousarray(W[:, :n_a])
    X = np.ascontiguousarray(x.transpose(0, 2, 1))
    G = (W[:, n_a:] @ X.reshape(n_x, T_x * m)).reshape(4 * n_a, T_x, m)   # hoisted input projection
    G += b[:, :, None]
    A, C = np.empty((n_a, T_x + 1, m)), np.empty((n_a, T_x + 1, m))
    TC = np.empty((n_a, T_x, m))
    A[:, 0], C[:, 0] = a0, c0
    s = 3 * n_a
    for t in range(T_x):
        g = G[:, t]
        g += Wa @ A[:, t]
        sg = g[:s]
        np.multiply(sg, 0.5, out=sg)         # sigmoid(z) = (1 + tanh(z / 2)) / 2, in place
        np.tanh(sg, out=sg)
        sg += 1.0
        sg *= 0.5
        np.tanh(g[s:], out=g[s:])
        c = C[:, t + 1]
        np.multiply(g[:n_a], C[:, t], out=c)
        c += g[n_a:2 * n_a] * g[s:]
        tc = TC[:, t]
        np.tanh(c, out=tc)
        np.multiply(g[2 * n_a:s], tc, out=A[:, t + 1])
    a = np.ascontiguousarray(A[:, 1:].transpose(0, 2, 1))
    c = np.ascontiguousarray(C[:, 1:].transpose(0, 2, 1))
    return a, _head(parameters, a, "Wy", "by"), c, LSTMCache(A, C, G, TC, X, W, parameters)


def lstm_backward(da, caches, dc=None, *, need_dx=True):
    """BPTT for ``lstm_forward`` (also accepts ``lstm_forward_reference``'s caches).

    ``da`` (and optional ``dc``) ``(n_a, m, T_x)``: gradients of every hidden state (memory cell).
    Returns ``{"dx", "da0", "dc0", "dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo"}``;
    ``need_dx=False`` skips ``dx`` (``None``).
    """
    if not isinstance(caches, LSTMCache):
        g = lstm_backward_reference(da, caches, dc)
        return g if need_dx else dict(g, dx=None)
    A, C, G, TC, X, W, p = caches
    n_a, T1, m = A.shape
    T_x, n_x = T1 - 1, X.shape[0]
    da = _check_da("lstm_backward", da, (n_a, m, T_x))
    if dc is not None:
        dc = _check_da("lstm_backward", dc, (n_a, m, T_x), "dc")
    WaT = np.ascontiguousarray(W[:, :n_a].T)
    dG = np.empty((4 * n_a, T_x, m))
    da_c, dc_c = np.zeros((n_a, m)), np.zeros((n_a, m))
    n, s = n_a, 3 * n_a
    for t in range(T_x - 1, -1, -1):
        g = G[:, t]
        f, i, o, ct = g[:n], g[n:2 * n], g[2 * n:s], g[s:]
        tc = TC[:, t]
        dA = da[:, :, t] + da_c
        dcc = dA * o
        dcc *= 1.0 - tc * tc
        dcc += dc_c
        if dc is not None:
            dcc += dc[:, :, t]
        dg = dG[:, t]
        np.multiply(dcc, C[:, t], out=dg[:n])
        dg[:n] *= f * (1.0 - f)
        np.multiply(dcc, ct, out=dg[n:2 * n])
        dg[n:2 * n] *= i * (1.0 - i)
        np.multiply(dA, tc, out=dg[2 * n:s])
        dg[2 * n:s] *= o * (1.0 - o)
        np.multiply(dcc, i, out=dg[s:])
        dg[s:] *= 1.0 - ct * ct
        da_c = WaT @ dg
        dc_c = dcc * f
    dG2 = dG.reshape(4 * n_a, T_x * m)
    dWa = dG2 @ A[:, :T_x].reshape(n_a, T_x * m).T
    dWx = dG2 @ X.reshape(n_x, T_x * m).T
    db = dG2.sum(axis=1, keepdims=True)
    dx = None
    if need_dx:
        dx = np.ascontiguousarray((W[:, n_a:].T @ dG2).reshape(n_x, T_x, m).transpose(0, 2, 1))
    out = {"dx": dx, "da0": da_c, "dc0": dc_c}
    for k, name in enumerate(LSTM_GATES):
        rows = slice(k * n_a, (k + 1) * n_a)
        out["dW" + name] = np.concatenate([dWa[rows], dWx[rows]], axis=1)
        out["db" + name] = db[rows]
    return {k: out[k] for k in ("dx", "da0", "dc0", "dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo")}
