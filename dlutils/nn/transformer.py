"""Transformer building blocks: positional encoding, layer normalization, the position-wise
feed-forward network, the encoder layer and the decoder layer (masked self-attention, then
cross-attention over the encoder's output).

Layout: batch first, ``X (m, T, d_model)``, row vectors (``X @ W + b``). Post-norm residual
blocks as in the original paper and the course (no dropout: the small models here do not need it)::

    PE[pos, 2i] = sin(pos / 10000^(2i / d_model)),  PE[pos, 2i+1] = cos(pos / 10000^(2i / d_model))
    LayerNorm(x) = gamma * (x - mean) / sqrt(var + eps) + beta     over the feature axis
    FFN(x) = relu(x W1 + b1) W2 + b2
    encoder:  Z = LN1(X + MHA(X, X, mask));     out = LN2(Z + FFN(Z))
    decoder:  Z1 = LN1(Y + MHA(Y, Y, look_ahead));  Z2 = LN2(Z1 + MHA(Z1, enc, padding));
              out = LN3(Z2 + FFN(Z2))

Parameters are flat dicts with a prefix per block (``enc0_mha_Wq``, ``enc0_ln1_gamma``,
``dec1_ffn_W1``, ...); every backward returns grads keyed like the parameters.
Taught in: c5_sequence_models/08_transformer.
"""
from typing import NamedTuple

import numpy as np

from .attention import init_multi_head_attention, multi_head_attention_backward, multi_head_attention_forward

__all__ = [
    "positional_encoding", "layer_norm_forward", "layer_norm_backward", "feed_forward_forward",
    "feed_forward_backward", "init_encoder_layer", "init_decoder_layer", "encoder_layer_forward",
    "encoder_layer_backward", "decoder_layer_forward", "decoder_layer_backward",
]


def positional_encoding(max_len, d_model):
    """``(max_len, d_model)`` sinusoids: even columns ``sin``, odd columns ``cos`` of ``pos / 10000^(2i/d)``."""
    for name, v in (("max_len", max_len), ("d_model", d_model)):
        if int(v) != v or v < 1:
            raise ValueError(f"positional_encoding: {name} must be a positive int, got {v!r}.")
    pos = np.arange(int(max_len))[:, None]
    i = np.arange(int(d_model))[None, :]
    angle = pos / np.power(10000.0, (2 * (i // 2)) / d_model)
    return np.where(i % 2 == 0, np.sin(angle), np.cos(angle))


# -- layer normalization ----------------------------------------------------------------------
def layer_norm_forward(X, gamma, beta, eps=1e-6):
    """Normalize each position's feature vector (last axis). Returns ``(out, cache)``."""
    X = np.asarray(X, dtype=float)
    if gamma.shape != (X.shape[-1],) or beta.shape != (X.shape[-1],):
        raise ValueError(f"layer_norm_forward: gamma {gamma.shape} and beta {beta.shape} must be "
                         f"({X.shape[-1]},), one per feature of X {X.shape} (the last axis).")
    mu = X.mean(axis=-1, keepdims=True)
    xc = X - mu
    inv = 1.0 / np.sqrt((xc * xc).mean(axis=-1, keepdims=True) + eps)
    xhat = xc * inv
    return xhat * gamma + beta, (xhat, inv, gamma)


def layer_norm_backward(dout, cache):
    """Returns ``(dX, dgamma, dbeta)``."""
    xhat, inv, gamma = cache
    d = xhat.shape[-1]
    axes = tuple(range(dout.ndim - 1))
    dgamma = (dout * xhat).sum(axis=axes)
    dbeta = dout.sum(axis=axes)
    dxhat = dout * gamma
    dX = inv * (dxhat - dxhat.mean(axis=-1, keepdims=True)
                - xhat * (dxhat * xhat).sum(axis=-1, keepdims=True) / d)
    return dX, dgamma, dbeta


# -- position-wise feed-forward ---------------------------------------------------------------
def feed_forward_forward(X, W1, b1, W2, b2):
    """``relu(X W1 + b1) W2 + b2`` at every position; ``W1 (d_model, d_ff)``, ``W2 (d_ff, d_model)``."""
    X = np.asarray(X, dtype=float)
    if X.shape[-1] != W1.shape[0] or W1.shape[1] != W2.shape[0]:
        raise ValueError(f"feed_forward_forward: X {X.shape}, W1 {W1.shape}, W2 {W2.shape} do not "
                         f"chain; expected W1 (d_model, d_ff) and W2 (d_ff, d_model).")
    H = X @ W1 + b1
    np.maximum(H, 0.0, out=H)
    return H @ W2 + b2, (X, H, W1, W2)


def feed_forward_backward(dout, cache):
    """Returns ``(dX, dW1, db1, dW2, db2)``."""
    X, H, W1, W2 = cache
    d_ff, d = W2.shape
    dW2 = H.reshape(-1, d_ff).T @ dout.reshape(-1, d)
    db2 = dout.reshape(-1, d).sum(axis=0)
    dH = dout @ W2.T
    dH *= H > 0
    dW1 = X.reshape(-1, d).T @ dH.reshape(-1, d_ff)
    db1 = dH.reshape(-1, d_ff).sum(axis=0)
    return dH @ W1.T, dW1, db1, dW2, db2


# -- encoder and decoder layers -----------------------------------------------------------------
def _init_ln(prefix, d_model):
    return {prefix + "gamma": np.ones(d_model), prefix + "beta": np.zeros(d_model)}


def _init_ffn(prefix, d_model, d_ff, rng):
    l1, l2 = np.sqrt(6.0 / (d_model + d_ff)), np.sqrt(6.0 / (d_model + d_ff))
    return {prefix + "W1": rng.uniform(-l1, l1, (d_model, d_ff)), prefix + "b1": np.zeros(d_ff),
            prefix + "W2": rng.uniform(-l2, l2, (d_ff, d_model)), prefix + "b2": np.zeros(d_model)}


def init_encoder_layer(d_model, d_ff, rng, prefix="enc0_"):
    """Parameters of one encoder layer: ``mha_*``, ``ln1_*``, ``ffn_*``, ``ln2_*`` under ``prefix``."""
    p = init_multi_head_attention(d_model, rng, prefix + "mha_")
    p.update(_init_ln(prefix + "ln1_", d_model))
    p.update(_init_ffn(prefix + "ffn_", d_model, d_ff, rng))
    p.update(_init_ln(prefix + "ln2_", d_model))
    return p


def init_decoder_layer(d_model, d_ff, rng, prefix="dec0_"):
    """Parameters of one decoder layer: ``self_*``, ``ln1_*``, ``cross_*``, ``ln2_*``, ``ffn_*``, ``ln3_*``."""
    p = init_multi_head_attention(d_model, rng, prefix + "self_")
    p.update(_init_ln(prefix + "ln1_", d_model))
    p.update(init_multi_head_attention(d_model, rng, prefix + "cross_"))
    p.update(_init_ln(prefix + "ln2_", d_model))
    p.update(_init_ffn(prefix + "ffn_", d_model, d_ff, rng))
    p.update(_init_ln(prefix + "ln3_", d_model))
    return p


def _ln(X, p, pre):
    return layer_norm_forward(X, p[pre + "gamma"], p[pre + "beta"])


def _ln_back(d, cache, pre, g):
    dX, g[pre + "gamma"], g[pre + "beta"] = layer_norm_backward(d, cache)
    return dX


def _ffn(X, p, pre):
    return feed_forward_forward(X, p[pre + "W1"], p[pre + "b1"], p[pre + "W2"], p[pre + "b2"])


def _ffn_back(d, cache, pre, g):
    dX, g[pre + "W1"], g[pre + "b1"], g[pre + "W2"], g[pre + "b2"] = feed_forward_backward(d, cache)
    return dX


class EncoderLayerCache(NamedTuple):
    mha: tuple
    ln1: tuple
    ffn: tuple
    ln2: tuple
    prefix: str


def encoder_layer_forward(X, parameters, num_heads, mask=None, prefix="enc0_"):
    """``X (m, T, d_model)`` -> ``(out (m, T, d_model), weights (m, h, T, T), cache)``."""
    p = parameters
    att, w, c_mha = multi_head_attention_forward(X, X, p, num_heads, mask, prefix + "mha_")
    Z, c_ln1 = _ln(X + att, p, prefix + "ln1_")
    F, c_ffn = _ffn(Z, p, prefix + "ffn_")
    out, c_ln2 = _ln(Z + F, p, prefix + "ln2_")
    return out, w, EncoderLayerCache(c_mha, c_ln1, c_ffn, c_ln2, prefix)


def encoder_layer_backward(dout, cache):
    """Returns ``(dX, grads)``."""
    c_mha, c_ln1, c_ffn, c_ln2, pre = cache
    g = {}
    dZF = _ln_back(dout, c_ln2, pre + "ln2_", g)
    dZ = dZF + _ffn_back(dZF, c_ffn, pre + "ffn_", g)
    dXa = _ln_back(dZ, c_ln1, pre + "ln1_", g)
    dq, dkv, ga = multi_head_attention_backward(dXa, c_mha)
    g.update(ga)
    return dXa + dq + dkv, g


class DecoderLayerCache(NamedTuple):
    self_att: tuple
    ln1: tuple
    cross: tuple
    ln2: tuple
    ffn: tuple
    ln3: tuple
    prefix: str


def decoder_layer_forward(Y, enc_out, parameters, num_heads, look_ahead=None, padding=None, prefix="dec0_"):
    """``Y (m, T_y, d_model)`` attends to itself under ``look_ahead`` and to ``enc_out (m, T_x, d_model)``
    under ``padding``. Returns ``(out, (self_weights, cross_weights), cache)``."""
    p = parameters
    a1, w1, c1 = multi_head_attention_forward(Y, Y, p, num_heads, look_ahead, prefix + "self_")
    Z1, c_ln1 = _ln(Y + a1, p, prefix + "ln1_")
    a2, w2, c2 = multi_head_attention_forward(Z1, enc_out, p, num_heads, padding, prefix + "cross_")
    Z2, c_ln2 = _ln(Z1 + a2, p, prefix + "ln2_")
    F, c_ffn = _ffn(Z2, p, prefix + "ffn_")
    out, c_ln3 = _ln(Z2 + F, p, prefix + "ln3_")
    return out, (w1, w2), DecoderLayerCache(c1, c_ln1, c2, c_ln2, c_ffn, c_ln3, prefix)


def decoder_layer_backward(dout, cache):
    """Returns ``(dY, denc_out, grads)``."""
    c1, c_ln1, c2, c_ln2, c_ffn, c_ln3, pre = cache
    g = {}
    d = _ln_back(dout, c_ln3, pre + "ln3_", g)
    dZ2 = d + _ffn_back(d, c_ffn, pre + "ffn_", g)
    d = _ln_back(dZ2, c_ln2, pre + "ln2_", g)
    dq, denc, ga = multi_head_attention_backward(d, c2)
    g.update(ga)
    dZ1 = d + dq
    d = _ln_back(dZ1, c_ln1, pre + "ln1_", g)
    dq, dkv, ga = multi_head_attention_backward(d, c1)
    g.update(ga)
    return d + dq + dkv, denc, g
