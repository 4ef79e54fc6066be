"""Scaled dot-product attention, padding and look-ahead masks, multi-head attention.

Layout (batch first, as the Transformer is written): queries ``Q (m, T_q, d_k)``, keys
``K (m, T_k, d_k)``, values ``V (m, T_k, d_v)``; with heads, ``(m, h, T, d)``. Row vectors: a
projection is ``X @ W + b`` with ``W (d_model, d_model)``, ``b (d_model,)``.

    Attention(Q, K, V) = softmax(Q K^T / sqrt(d_k) + (1 - mask) * -1e9) V

Masks hold 1 where a query may attend and 0 where it may not, broadcastable to
``(m, T_q, T_k)`` (or ``(m, h, T_q, T_k)``): ``attention_padding_mask(ids)`` (named apart from the sentence models' ``dl.padding_mask``, which is ``(m, T)``) is ``(m, 1, 1, T_k)``,
``look_ahead_mask(T)`` is ``(T, T)`` lower-triangular. A blocked score gets -1e9 added, not -inf,
so a fully masked row becomes a uniform softmax instead of NaN.

Multi-head attention: ``Q = Xq Wq + bq``, ``K = Xkv Wk + bk``, ``V = Xkv Wv + bv``, split the last
axis into ``h`` heads of ``d_k = d_model / h``, attend per head, concatenate the heads back on the
feature axis, ``out = concat Wo + bo``. Parameter keys ``Wq, bq, Wk, bk, Wv, bv, Wo, bo``.
Taught in: c5_sequence_models/08_transformer.
"""
from typing import NamedTuple

import numpy as np

__all__ = [
    "scaled_dot_product_attention", "scaled_dot_product_attention_backward", "attention_padding_mask",
    "look_ahead_mask", "init_multi_head_attention", "multi_head_attention_forward",
    "multi_head_attention_backward", "AttentionCache", "MultiHeadAttentionCache", "MASK_VALUE",
]

MASK_VALUE = -1e9          # added to blocked scores; finite, so a fully masked row stays finite


class AttentionCache(NamedTuple):
    Q: np.ndarray
    K: np.ndarray
    V: np.ndarray
    weights: np.ndarray     # the softmax, (..., T_q, T_k)
    scale: float


def _check_mask(func, mask, score_shape):
    if mask is None:
        return None
    mask = np.asarray(mask, dtype=float)
    ok = mask.ndim <= len(score_shape) and mask.ndim >= 2
    if ok:
        for a, b in zip(mask.shape[::-1], score_shape[::-1]):
            if a not in (1, b):
                ok = False
    if not ok:
        raise ValueError(
            f"{func}: mask has shape {mask.shape} but the attention scores are {tuple(score_shape)} "
            f"(batch, [heads,] T_q, T_k); a mask must broadcast to them: (T_q, T_k) for look-ahead, "
            f"(m, 1, 1, T_k) or (m, 1, T_k) for padding. Build one with dl.attention_padding_mask(ids) or "
            f"dl.look_ahead_mask(T), and combine two with np.minimum(a, b).")
    return mask


def scaled_dot_product_attention(Q, K, V, mask=None):
    """``softmax(Q K^T / sqrt(d_k) + (1 - mask) * MASK_VALUE) V`` over the last two axes.

    ``Q (..., T_q, d_k)``, ``K (..., T_k, d_k)``, ``V (..., T_k, d_v)``; ``mask`` 1 = attend,
    0 = blocked, broadcastable to ``(..., T_q, T_k)``. Returns ``(out (..., T_q, d_v), weights
    (..., T_q, T_k), cache)``.
    """
    func = "scaled_dot_product_attention"
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    if Q.ndim < 2 or K.ndim != Q.ndim or V.ndim != Q.ndim or Q.shape[-1] != K.shape[-1] \
            or K.shape[-2] != V.shape[-2] or Q.shape[:-2] != K.shape[:-2] or K.shape[:-2] != V.shape[:-2]:
        raise ValueError(
            f"{func}: Q {Q.shape}, K {K.shape}, V {V.shape} do not fit; expected Q (..., T_q, d_k), "
            f"K (..., T_k, d_k), V (..., T_k, d_v) with the same leading axes. Did you pass K "
            f"transposed? The function transposes K itself.")
    scale = 1.0 / np.sqrt(Q.shape[-1])
    S = Q @ np.swapaxes(K, -1, -2)
    S *= scale
    mask = _check_mask(func, mask, S.shape)
    if mask is not None:
        S += (1.0 - mask) * MASK_VALUE
    S -= S.max(axis=-1, keepdims=True)
    np.exp(S, out=S)
    S /= S.sum(axis=-1, keepdims=True)
    out = S @ V
    return out, S, AttentionCache(Q, K, V, S, scale)


def scaled_dot_product_attention_backward(dout, cache):
    """Gradients ``(dQ, dK, dV)`` of the attention output given ``dout (..., T_q, d_v)``."""
    Q, K, V, A, scale = cache
    dout = np.asarray(dout, dtype=float)
    if dout.shape != A.shape[:-1] + (V.shape[-1],):
        raise ValueError(f"scaled_dot_product_attention_backward: dout has shape {dout.shape}, "
                         f"expected the output's shape {A.shape[:-1] + (V.shape[-1],)}.")
    dV = np.swapaxes(A, -1, -2) @ dout
    dA = dout @ np.swapaxes(V, -1, -2)
    dS = dA - np.sum(dA * A, axis=-1, keepdims=True)     # softmax backward along T_k
    dS *= A
    dS *= scale
    dQ = dS @ K
    dK = np.swapaxes(dS, -1, -2) @ Q
    return dQ, dK, dV


def attention_padding_mask(ids, pad=0):
    """``(m, T)`` token ids -> ``(m, 1, 1, T)`` mask: 1 for real tokens, 0 where ``ids == pad``."""
    ids = np.asarray(ids)
    if ids.ndim != 2:
        raise ValueError(f"attention_padding_mask: ids has shape {ids.shape}; expected (m, T) token ids, "
                         f"one row per sequence. For one sequence use ids[None, :].")
    return (ids != pad).astype(float)[:, None, None, :]


def look_ahead_mask(T):
    """``(T, T)`` lower-triangular mask: position ``t`` attends to positions ``<= t`` only."""
    if int(T) != T or T < 1:
        raise ValueError(f"look_ahead_mask: T must be a positive int (the sequence length), got {T!r}.")
    return np.tril(np.ones((int(T), int(T))))


# -- multi-head attention ---------------------------------------------------------------------
def init_multi_head_attention(d_model, rng, prefix=""):
    """Glorot-uniform ``Wq, Wk, Wv, Wo (d_model, d_model)`` and zero biases, keys ``prefix + name``."""
    lim = np.sqrt(6.0 / (2 * d_model))
    p = {}
    for n in "qkvo":
        p[prefix + "W" + n] = rng.uniform(-lim, lim, (d_model, d_model))
        p[prefix + "b" + n] = np.zeros(d_model)
    return p


class MultiHeadAttentionCache(NamedTuple):
    Xq: np.ndarray
    Xkv: np.ndarray
    Qh: np.ndarray          # (m, h, T_q, d_k)
    Kh: np.ndarray
    Vh: np.ndarray
    weights: np.ndarray     # (m, h, T_q, T_k)
    concat: np.ndarray      # (m, T_q, d_model)
    parameters: dict
    prefix: str


def _split(X, h):
    m, T, d = X.shape
    return X.reshape(m, T, h, d // h).transpose(0, 2, 1, 3)


def _merge(X):
    m, h, T, dk = X.shape
    return X.transpose(0, 2, 1, 3).reshape(m, T, h * dk)


def multi_head_attention_forward(Xq, Xkv, parameters, num_heads, mask=None, prefix=""):
    """Multi-head attention of queries ``Xq (m, T_q, d_model)`` over ``Xkv (m, T_k, d_model)``.

    Self-attention passes the same array twice. ``mask`` as for ``scaled_dot_product_attention``
    (it broadcasts over the heads). Returns ``(out (m, T_q, d_model), weights (m, h, T_q, T_k), cache)``.
    """
    func = "multi_head_attention_forward"
    p = parameters
    Xq, Xkv = np.asarray(Xq, dtype=float), np.asarray(Xkv, dtype=float)
    if prefix + "Wq" not in p:
        raise ValueError(f"{func}: parameters lack {prefix + 'Wq'!r}; build them with "
                         f"dl.init_multi_head_attention(d_model, rng, prefix={prefix!r}).")
    d_model = p[prefix + "Wq"].shape[0]
    for name, X in (("Xq", Xq), ("Xkv", Xkv)):
        if X.ndim != 3 or X.shape[2] != d_model:
            raise ValueError(f"{func}: {name} has shape {X.shape}; expected (m, T, d_model={d_model}). "
                             f"Token ids must go through an embedding first.")
    if Xq.shape[0] != Xkv.shape[0]:
        raise ValueError(f"{func}: Xq has {Xq.shape[0]} sequences but Xkv {Xkv.shape[0]}; both "
                         f"come from the same batch.")
    if int(num_heads) != num_heads or num_heads < 1 or d_model % num_heads:
        raise ValueError(f"{func}: num_heads={num_heads!r} must be a positive int dividing "
                         f"d_model={d_model} (each head gets d_k = d_model / num_heads features).")
    h = int(num_heads)
    Qh = _split(Xq @ p[prefix + "Wq"] + p[prefix + "bq"], h)
    Kh = _split(Xkv @ p[prefix + "Wk"] + p[prefix + "bk"], h)
    Vh = _split(Xkv @ p[prefix + "Wv"] + p[prefix + "bv"], h)
    if mask is not None:
        mask = np.asarray(mask, dtype=float)
        if mask.ndim == 3:                 # (m, T_q, T_k) or (m, 1, T_k): broadcast over the heads
            mask = mask[:, None]
        _check_mask(func, mask, (Xq.shape[0], h, Xq.shape[1], Xkv.shape[1]))
    heads, weights, _ = scaled_dot_product_attention(Qh, Kh, Vh, mask)
    concat = _merge(heads)
    out = concat @ p[prefix + "Wo"] + p[prefix + "bo"]
    return out, weights, MultiHeadAttentionCache(Xq, Xkv, Qh, Kh, Vh, weights, concat, p, prefix)


def multi_head_attention_backward(dout, cache):
    """Returns ``(dXq, dXkv, grads)`` with ``grads`` keyed like the parameters (``prefix + "Wq"``, ...).

    For self-attention add ``dXq + dXkv``.
    """
    Xq, Xkv, Qh, Kh, Vh, A, concat, p, pre = cache
    dout = np.asarray(dout, dtype=float)
    if dout.shape != concat.shape:
        raise ValueError(f"multi_head_attention_backward: dout has shape {dout.shape}, expected "
                         f"the output's shape {concat.shape}.")
    d = concat.shape[2]
    g = {}
    g[pre + "Wo"] = concat.reshape(-1, d).T @ dout.reshape(-1, d)
    g[pre + "bo"] = dout.sum(axis=(0, 1))
    dheads = _split(dout @ p[pre + "Wo"].T, Qh.shape[1])
    scale = 1.0 / np.sqrt(Qh.shape[-1])
    dQh, dKh, dVh = scaled_dot_product_attention_backward(dheads, AttentionCache(Qh, Kh, Vh, A, scale))
    dXq = dXkv = 0.0
    for n, dH, X in (("q", dQh, Xq), ("k", dKh, Xkv), ("v", dVh, Xkv)):
        dP = _merge(dH)
        g[pre + "W" + n] = X.reshape(-1, d).T @ dP.reshape(-1, d)
        g[pre + "b" + n] = dP.sum(axis=(0, 1))
        dX = dP @ p[pre + "W" + n].T
        if n == "q":
            dXq = dX
        else:
            dXkv = dXkv + dX
    return dXq, dXkv, g
