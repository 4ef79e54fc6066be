"""The gated recurrent unit (GRU, the lecture's full form with update and relevance gates) and BPTT.

Layout: ``x`` is ``(n_x, m, T_x)``; states ``(n_a, m)``; for the GRU the memory cell is the
hidden state, ``c<t> = a<t>``. Gates act on ``concat = [a_prev; xt]``; the candidate sees the
previous state through the relevance gate::

    Gamma_u = sigmoid(Wu [a_prev; xt] + bu)                update gate
    Gamma_r = sigmoid(Wr [a_prev; xt] + br)                relevance (reset) gate
    c_tilde = tanh(Wc [Gamma_r * a_prev; xt] + bc)         candidate
    a_next  = Gamma_u * c_tilde + (1 - Gamma_u) * a_prev
    yt_pred = softmax(Wy a_next + by)                      (optional)

``Wu, Wr, Wc`` are ``(n_a, n_a + n_x)``, biases ``(n_a, 1)``, ``Wy (n_y, n_a)``, ``by (n_y, 1)``.
``gru_forward``/``gru_backward`` are the fast path (the two gates share one fused product per
step; the input projection of all three for all steps is one product before the loop);
``gru_forward_reference``/``gru_backward_reference`` loop over the cell functions.
(PyTorch's ``nn.GRU`` applies its reset gate after the recurrent product instead; same idea.)
Taught in: c5_sequence_models/01_rnn_step_by_step.
"""
from typing import NamedTuple

import numpy as np

from .rnn import _check_da, _check_state, _check_x, _check_xt, _head, _param, _sigmoid, _softmax0

__all__ = [
    "gru_cell_forward", "gru_cell_backward", "gru_forward", "gru_backward",
    "gru_forward_reference", "gru_backward_reference", "GRUCellCache", "GRUCache", "GRU_GATES",
]

GRU_GATES = ("u", "r", "c")


def _gru_shapes(func, parameters):
    Wu = _param(func, parameters, "Wu", (None, None))
    n_a = Wu.shape[0]
    n_x = Wu.shape[1] - n_a
    if n_x < 1:
        raise ValueError(f"{func}: parameters['Wu'] has shape {Wu.shape}; GRU weights are "
                         f"(n_a, n_a + n_x) acting on [a_prev; xt], so they need more columns than rows.")
    for g in GRU_GATES:
        _param(func, parameters, "W" + g, (n_a, n_a + n_x),
               "every GRU weight is (n_a, n_a + n_x) and acts on [a_prev; xt]")
        _param(func, parameters, "b" + g, (n_a, 1), "GRU biases are columns (n_a, 1)")
    if "Wy" in parameters:
        Wy = _param(func, parameters, "Wy", (None, n_a), "Wy is (n_y, n_a)")
        _param(func, parameters, "by", (Wy.shape[0], 1), "by is a column (n_y, 1)")
    return n_a, n_x


class GRUCellCache(NamedTuple):
    a_next: np.ndarray
    a_prev: np.ndarray
    Gamma_u: np.ndarray
    Gamma_r: np.ndarray
    c_tilde: np.ndarray
    xt: np.ndarray
    parameters: dict


def gru_cell_forward(xt, a_prev, parameters):
    """One GRU step (equations in the module docstring): ``xt (n_x, m)``, ``a_prev (n_a, m)``.

    Returns ``(a_next, yt_pred, cache)`` (``yt_pred`` is ``None`` without ``Wy``).
    """
    func = "gru_cell_forward"
    n_a, n_x = _gru_shapes(func, parameters)
    a_prev = _check_state(func, "a_prev", a_prev, n_a)
    xt = _check_xt(func, xt, n_x, a_prev.shape[1])
    p = parameters
    concat = np.concatenate([a_prev, xt], axis=0)
    Gamma_u = _sigmoid(p["Wu"] @ concat + p["bu"])
    Gamma_r = _sigmoid(p["Wr"] @ concat + p["br"])
    c_tilde = np.tanh(p["Wc"] @ np.concatenate([Gamma_r * a_prev, xt], axis=0) + p["bc"])
    a_next = Gamma_u * c_tilde + (1.0 - Gamma_u) * a_prev
    yt_pred = _softmax0(p["Wy"] @ a_next + p["by"]) if "Wy" in p else None
    return a_next, yt_pred, GRUCellCache(a_next, a_prev, Gamma_u, Gamma_r, c_tilde, xt, p)


def gru_cell_backward(da_next, cache):
    """Gradients of one GRU step given ``da_next (n_a, m)``.

    Returns ``{"dxt", "da_prev", "dWu", "dbu", "dWr", "dbr", "dWc", "dbc"}``.
    """
    a_next, a_prev, Gu, Gr, ct, xt, p = cache
    da = _check_da("gru_cell_backward", da_next, a_next.shape, "da_next")
    n_a = a_prev.shape[0]
    dzc = da * Gu * (1.0 - ct ** 2)
    dzu = da * (ct - a_prev) * Gu * (1.0 - Gu)
    dcat_c = p["Wc"].T @ dzc
    dra = dcat_c[:n_a]                       # gradient of Gamma_r * a_prev
    dzr = dra * a_prev * Gr * (1.0 - Gr)
    concat = np.concatenate([a_prev, xt], axis=0)
    dcat = p["Wu"].T @ dzu + p["Wr"].T @ dzr
    return {"dxt": dcat[n_a:] + dcat_c[n_a:],
            "da_prev": da * (1.0 - Gu) + dra * Gr + dcat[:n_a],
            "dWu": dzu @ concat.T, "dbu": dzu.sum(axis=1, keepdims=True),
            "dWr": dzr @ concat.T, "dbr": dzr.sum(axis=1, keepdims=True),
            "dWc": dzc @ np.concatenate([Gr * a_prev, xt], axis=0).T,
            "dbc": dzc.sum(axis=1, keepdims=True)}


def gru_forward_reference(x, a0, parameters):
    """Loop over ``gru_cell_forward``. Returns ``(a, y_pred, caches)`` with ``caches = (list, x)``."""
    func = "gru_forward_reference"
    n_a, n_x = _gru_shapes(func, parameters)
    a0 = _check_state(func, "a0", a0, n_a)
    x = _check_x(func, x, n_x, m=a0.shape[1])
    m, T_x = x.shape[1], x.shape[2]
    a = np.zeros((n_a, m, T_x))
    y = np.zeros((parameters["Wy"].shape[0], m, T_x)) if "Wy" in parameters else None
    caches, a_next = [], a0
    for t in range(T_x):
        a_next, yt, cache = gru_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
        if y is not None:
            y[:, :, t] = yt
        caches.append(cache)
    return a, y, (caches, x)


def gru_backward_reference(da, caches):
    """BPTT over ``gru_cell_backward``. Returns ``{"dx", "da0", "dWu", "dbu", "dWr", "dbr", "dWc", "dbc"}``."""
    cell_caches, x = caches
    n_x, m, T_x = x.shape
    n_a = cell_caches[0].a_next.shape[0]
    da = _check_da("gru_backward_reference", da, (n_a, m, T_x))
    p = cell_caches[0].parameters
    g = {"dx": np.zeros_like(x)}
    for name in GRU_GATES:
        g["dW" + name] = np.zeros_like(p["W" + name])
        g["db" + name] = np.zeros_like(p["b" + name])
    da_prev = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        step = gru_cell_backward(da[:, :, t] + da_prev, cell_caches[t])
        g["dx"][:, :, t] = step["dxt"]
        for k in g:
            if k != "dx":
                g[k] += step[k]
        da_prev = step["da_prev"]
    g["da0"] = da_prev
    return g


class GRUCache(NamedTuple):
    A: np.ndarray        # (n_a, T_x + 1, m), A[:, 0] = a0
    G: np.ndarray        # (3 n_a, T_x, m): Gamma_u, Gamma_r, c_tilde
    RA: np.ndarray       # (n_a, T_x, m): Gamma_r * a_prev, the candidate's recurrent input
    X: np.ndarray        # (n_x, T_x, m)
    W: np.ndarray        # (3 n_a, n_a + n_x) fused [Wu; Wr; Wc]
    parameters: dict


def gru_forward(x, a0, parameters):
    """The whole sequence: ``x (n_x, m, T_x)``, ``a0 (n_a, m)`` -> ``(a (n_a, m, T_x), y_pred, caches)``."""
    func = "gru_forward"
    n_a, n_x = _gru_shapes(func, parameters)
    a0 = _check_state(func, "a0", a0, n_a)
    x = _check_x(func, x, n_x, m=a0.shape[1])
    m, T_x = x.shape[1], x.shape[2]
    p = parameters
    W = np.concatenate([np.asarray(p["W" + g], float) for g in GRU_GATES], axis=0)
    b = np.concatenate([np.asarray(p["b" + g], float) for g in GRU_GATES], axis=0)
    Wur_a = np.ascontiguousarray(W[:2 * n_a, :n_a])
    Wc_a = np.ascontiguousarray(W[2 * n_a:, :n_a])
    X = np.ascontiguousarray(x.transpose(0, 2, 1))
    G = (W[:, n_a:] @ X.reshape(n_x, T_x * m)).reshape(3 * n_a, T_x, m)
    G += b[:, :, None]
    A = np.empty((n_a, T_x + 1, m))
    RA = np.empty((n_a, T_x, m))
    A[:, 0] = a0
    n = n_a
    for t in range(T_x):
        g, a_prev = G[:, t], A[:, t]
        ur = g[:2 * n]
        ur += Wur_a @ a_prev
        ur *= 0.5
        np.tanh(ur, out=ur)
        ur += 1.0
        ur *= 0.5
        ra = RA[:, t]
        np.multiply(g[n:2 * n], a_prev, out=ra)
        c = g[2 * n:]
        c += Wc_a @ ra
        np.tanh(c, out=c)
        a = A[:, t + 1]
        np.subtract(c, a_prev, out=a)
        a *= g[:n]
        a += a_prev
    a = np.ascontiguousarray(A[:, 1:].transpose(0, 2, 1))
    return a, _head(p, a, "Wy", "by"), GRUCache(A, G, RA, X, W, p)


def gru_backward(da, caches, *, need_dx=True):
    """BPTT for ``gru_forward`` (also accepts ``gru_forward_reference``'s caches).

    Returns ``{"dx", "da0", "dWu", "dbu", "dWr", "dbr", "dWc", "dbc"}``; ``need_dx=False`` skips ``dx``.
    """
    if not isinstance(caches, GRUCache):
        g = gru_backward_reference(da, caches)
        return g if need_dx else dict(g, dx=None)
    A, G, RA, X, W, p = caches
    n_a, T1, m = A.shape
    T_x, n_x = T1 - 1, X.shape[0]
    da = _check_da("gru_backward", da, (n_a, m, T_x))
    n = n_a
    WurT = np.ascontiguousarray(W[:2 * n, :n].T)
    WcT = np.ascontiguousarray(W[2 * n:, :n].T)
    dG = np.empty((3 * n, T_x, m))
    carry = np.zeros((n, m))
    for t in range(T_x - 1, -1, -1):
        g, a_prev = G[:, t], A[:, t]
        u, r, ct = g[:n], g[n:2 * n], g[2 * n:]
        dA = da[:, :, t] + carry
        dg = dG[:, t]
        np.multiply(dA, u, out=dg[2 * n:])
        dg[2 * n:] *= 1.0 - ct * ct
        dra = WcT @ dg[2 * n:]
        np.subtract(ct, a_prev, out=dg[:n])
        dg[:n] *= dA
        dg[:n] *= u * (1.0 - u)
        np.multiply(dra, a_prev, out=dg[n:2 * n])
        dg[n:2 * n] *= r * (1.0 - r)
        carry = dA * (1.0 - u)
        carry += dra * r
        carry += WurT @ dg[:2 * n]
    dG2 = dG.reshape(3 * n, T_x * m)
    dWx = dG2 @ X.reshape(n_x, T_x * m).T
    dWur_a = dG2[:2 * n] @ A[:, :T_x].reshape(n, T_x * m).T
    dWc_a = dG2[2 * n:] @ RA.reshape(n, T_x * m).T
    dWa = np.concatenate([dWur_a, dWc_a], axis=0)
    db = dG2.sum(axis=1, keepdims=True)
    dx = None
    if need_dx:
        dx = np.ascontiguousarray((W[:, n:].T @ dG2).reshape(n_x, T_x, m).transpose(0, 2, 1))
    out = {"dx": dx, "da0": carry}
    for k, name in enumerate(GRU_GATES):
        rows = slice(k * n, (k + 1) * n)
        out["dW" + name] = np.concatenate([dWa[rows], dWx[rows]], axis=1)
        out["db" + name] = db[rows]
    return out
