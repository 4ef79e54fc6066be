"""The Transformer encoder-decoder: embeddings scaled by sqrt(d_model) plus positional encoding,
``n_enc`` encoder layers, ``n_dec`` decoder layers, a dense layer to the output vocabulary, and
the masked softmax cross-entropy used to train it (teacher forcing).

Layout: token ids ``(m, T)`` (ints, ``pad`` = 0 is padding), activations ``(m, T, d_model)``,
logits ``(m, T_y, V_out)``. Parameters: ``E_in (V_in, d_model)``, ``E_out (V_out, d_model)``,
``enc{k}_*`` and ``dec{k}_*`` (see ``dl.init_encoder_layer``), ``W_out (d_model, V_out)``, ``b_out``.
The encoder's padding mask hides padded source tokens from both attentions; the decoder's
self-attention uses the look-ahead mask combined with its own padding mask.
Taught in: c5_sequence_models/08_transformer.
"""
import time
from typing import NamedTuple

import numpy as np

from .attention import look_ahead_mask, attention_padding_mask
from .transformer import (decoder_layer_backward, decoder_layer_forward, encoder_layer_backward,
                          encoder_layer_forward, init_decoder_layer, init_encoder_layer, positional_encoding)

__all__ = ["TransformerConfig", "init_transformer", "transformer_forward", "transformer_backward",
           "transformer_loss", "transformer_greedy_decode", "train_transformer"]


class TransformerConfig(NamedTuple):
    vocab_in: int
    vocab_out: int
    d_model: int = 32
    num_heads: int = 2
    d_ff: int = 64
    n_enc: int = 2
    n_dec: int = 2
    max_len: int = 64
    pad: int = 0


def init_transformer(config, rng):
    """Random parameters for ``config`` (a ``TransformerConfig``)."""
    c = config
    if c.d_model % c.num_heads:
        raise ValueError(f"init_transformer: num_heads={c.num_heads} must divide d_model={c.d_model}.")
    p = {"E_in": rng.standard_normal((c.vocab_in, c.d_model)) * c.d_model ** -0.5,
         "E_out": rng.standard_normal((c.vocab_out, c.d_model)) * c.d_model ** -0.5}
    for k in range(c.n_enc):
        p.update(init_encoder_layer(c.d_model, c.d_ff, rng, f"enc{k}_"))
    for k in range(c.n_dec):
        p.update(init_decoder_layer(c.d_model, c.d_ff, rng, f"dec{k}_"))
    lim = np.sqrt(6.0 / (c.d_model + c.vocab_out))
    p["W_out"] = rng.uniform(-lim, lim, (c.d_model, c.vocab_out))
    p["b_out"] = np.zeros(c.vocab_out)
    return p


def _check_ids(func, name, ids, V, max_len):
    ids = np.asarray(ids)
    if ids.ndim != 2 or not np.issubdtype(ids.dtype, np.integer):
        raise ValueError(f"{func}: {name} must be (m, T) integer token ids, got shape {ids.shape} "
                         f"dtype {ids.dtype}; encode text with a Vocabulary first.")
    if ids.shape[1] > max_len:
        raise ValueError(f"{func}: {name} has length {ids.shape[1]} but the model's maximum is "
                         f"max_len={max_len} (its positional encoding stops there); truncate the "
                         f"sequences or build the model with a larger max_len.")
    if ids.size and (ids.min() < 0 or ids.max() >= V):
        raise ValueError(f"{func}: {name} holds ids in [{ids.min()}, {ids.max()}] but the vocabulary "
                         f"has {V} entries (0..{V - 1}); an unknown token must map to the "
                         f"vocabulary's <unk> id before it reaches the model.")
    return ids


class TransformerCache(NamedTuple):
    src: np.ndarray
    tgt: np.ndarray
    enc_caches: list
    dec_caches: list
    dec_out: np.ndarray
    config: TransformerConfig


def _embed(ids, E, pe, d):
    return E[ids] * np.sqrt(d) + pe[: ids.shape[1]]


def transformer_forward(src, tgt_in, parameters, config, return_weights=False):
    """Logits ``(m, T_y, V_out)`` for source ids ``src (m, T_x)`` and decoder inputs ``tgt_in (m, T_y)``.

    Returns ``(logits, cache)``, or ``(logits, cache, weights)`` with ``weights = {"enc": [...],
    "dec_self": [...], "dec_cross": [...]}`` (one ``(m, h, T_q, T_k)`` array per layer).
    """
    func, c, p = "transformer_forward", config, parameters
    src = _check_ids(func, "src", src, c.vocab_in, c.max_len)
    tgt_in = _check_ids(func, "tgt_in", tgt_in, c.vocab_out, c.max_len)
    pe = positional_encoding(c.max_len, c.d_model)
    src_mask = attention_padding_mask(src, c.pad)                              # (m, 1, 1, T_x)
    tgt_mask = np.minimum(look_ahead_mask(tgt_in.shape[1]), attention_padding_mask(tgt_in, c.pad))
    X = _embed(src, p["E_in"], pe, c.d_model)
    W = {"enc": [], "dec_self": [], "dec_cross": []}
    enc_caches, dec_caches = [], []
    for k in range(c.n_enc):
        X, w, ch = encoder_layer_forward(X, p, c.num_heads, src_mask, f"enc{k}_")
        enc_caches.append(ch)
        W["enc"].append(w)
    Y = _embed(tgt_in, p["E_out"], pe, c.d_model)
    for k in range(c.n_dec):
        Y, (w1, w2), ch = decoder_layer_forward(Y, X, p, c.num_heads, tgt_mask, src_mask, f"dec{k}_")
        dec_caches.append(ch)
        W["dec_self"].append(w1)
        W["dec_cross"].append(w2)
    logits = Y @ p["W_out"] + p["b_out"]
    cache = TransformerCache(src, tgt_in, enc_caches, dec_caches, Y, c)
    return (logits, cache, W) if return_weights else (logits, cache)


def transformer_backward(dlogits, cache, parameters):
    """Gradients of every parameter (same keys) given ``dlogits (m, T_y, V_out)``."""
    src, tgt, enc_caches, dec_caches, Y, c = cache
    p = parameters
    g = {"W_out": Y.reshape(-1, c.d_model).T @ dlogits.reshape(-1, c.vocab_out),
         "b_out": dlogits.reshape(-1, c.vocab_out).sum(axis=0)}
    dY = dlogits @ p["W_out"].T
    denc = 0.0
    for ch in reversed(dec_caches):
        dY, de, gk = decoder_layer_backward(dY, ch)
        denc = denc + de
        g.update(gk)
    dX = denc
    for ch in reversed(enc_caches):
        dX, gk = encoder_layer_backward(dX, ch)
        g.update(gk)
    s = np.sqrt(c.d_model)
    for key, ids, d in (("E_in", src, dX), ("E_out", tgt, dY)):
        dE = np.zeros_like(p[key])
        np.add.at(dE, ids.ravel(), (d * s).reshape(-1, c.d_model))
        g[key] = dE
    return g


def transformer_loss(src, tgt_in, tgt_out, parameters, config):
    """Mean cross-entropy over the non-pad target tokens; returns ``(cost, grads)``."""
    logits, cache = transformer_forward(src, tgt_in, parameters, config)
    tgt_out = _check_ids("transformer_loss", "tgt_out", tgt_out, config.vocab_out, config.max_len)
    if tgt_out.shape != tgt_in.shape:
        raise ValueError(f"transformer_loss: tgt_out {tgt_out.shape} must match tgt_in "
                         f"{np.shape(tgt_in)} (tgt_in is tgt_out shifted right by one start token).")
    z = logits - logits.max(axis=-1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=-1, keepdims=True))
    w = (tgt_out != config.pad).astype(float)
    n = max(w.sum(), 1.0)
    picked = np.take_along_axis(logp, tgt_out[..., None], axis=-1)[..., 0]
    cost = float(-(picked * w).sum() / n)
    dlogits = np.exp(logp)
    np.put_along_axis(dlogits, tgt_out[..., None], np.take_along_axis(dlogits, tgt_out[..., None], -1) - 1, -1)
    dlogits *= (w / n)[..., None]
    return cost, transformer_backward(dlogits, cache, parameters)


def transformer_greedy_decode(src, parameters, config, start, length):
    """Greedy decoding: feed ``start``, append the arg-max token ``length`` times; returns ``(m, length)`` ids."""
    src = np.asarray(src)
    out = np.full((src.shape[0], 1), start, dtype=int)
    for _ in range(length):
        logits, _ = transformer_forward(src, out, parameters, config)
        out = np.concatenate([out, logits[:, -1].argmax(axis=-1)[:, None]], axis=1)
    return out[:, 1:]


def train_transformer(src, tgt_in, tgt_out, parameters, config, rng, epochs=1, batch_size=100,
                      warmup_steps=400, scale=1.0, time_budget=None, callback=None):
    """Adam (beta2 0.98) with the warm-up schedule ``dl.warmup_learning_rate``; updates in place.

    Returns a list of ``(iteration, seconds, cost, learning_rate)``; stops after ``epochs`` or
    ``time_budget`` seconds; ``callback(iteration, parameters)`` runs after each epoch.
    """
    from ..optim.optimizers import adam
    from ..optim.warmup import warmup_learning_rate
    conf = {k: {"learning_rate": 0.0, "beta2": 0.98} for k in parameters}
    m, hist, it, t0 = src.shape[0], [], 0, time.perf_counter()
    for _ in range(int(epochs)):
        order = rng.permutation(m)
        for b in range(0, m, batch_size):
            idx = order[b:b + batch_size]
            it += 1
            lr = warmup_learning_rate(it, config.d_model, warmup_steps, scale)
            cost, g = transformer_loss(src[idx], tgt_in[idx], tgt_out[idx], parameters, config)
            for k in parameters:
                conf[k]["learning_rate"] = lr
                parameters[k], conf[k] = adam(parameters[k], g[k], conf[k])
            hist.append((it, time.perf_counter() - t0, cost, lr))
            if time_budget is not None and hist[-1][1] > time_budget:
                return hist
        if callback is not None:
            callback(it, parameters)
    return hist
