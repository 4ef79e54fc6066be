"""Sequence to sequence with attention (the course's date translator): a bidirectional LSTM
encoder, the attention step, a post-attention LSTM decoder and a softmax per output step.

Layout (the course's column convention): one-hot inputs ``X (V_h, m, T_x)``, encoder states
``a (2 n_a, m, T_x)`` (forward on top, backward below), decoder state ``s<t> (n_s, m)``,
outputs ``(V_m, m, T_y)``. The attention step for output ``t`` (``one_step_attention``)::

    e<t,t'>     = relu(W2 tanh(W1 [a<t'>; s<t-1>] + b1) + b2)      W1 (n_e, 2 n_a + n_s), W2 (1, n_e)
    alpha<t,t'> = exp(e<t,t'>) / sum_t'' exp(e<t,t''>)             softmax over t' (the T_x axis)
    context<t>  = sum_t' alpha<t,t'> a<t'>                          (2 n_a, m)

The post-attention LSTM reads ``context<t>`` (and, with ``feed_previous``, the one-hot of the
previous output token, the start token being all zeros, which lets beam search matter), then
``y<t> = softmax(Wy s<t> + by)``. Without attention (``attention=False``) every step reads the same
context ``[a_fwd<T_x>; a_bwd<1>]``, the encoder's summary of the whole input.
Parameter keys: ``ef_W*``/``eb_W*`` (forward/backward encoder LSTM, gates f, i, c, o), ``att_W1, att_b1,
att_W2, att_b2``, ``post_W*``, ``Wy, by``. ``seq2seq_loss`` is the per-step cross-entropy summed over
``T_y`` and averaged over ``m``.
Taught in: c5_sequence_models/07_attention_date_translation.
"""
from typing import NamedTuple

import numpy as np

import time

from ..nn.lstm import lstm_backward, lstm_cell_backward, lstm_cell_forward, lstm_forward

__all__ = ["Seq2SeqConfig", "init_seq2seq", "count_seq2seq_parameters", "one_step_attention",
           "seq2seq_forward", "seq2seq_backward", "seq2seq_loss", "seq2seq_encode",
           "seq2seq_decoder_step", "seq2seq_predict", "train_seq2seq",
           "seq2seq_step_function"]


class Seq2SeqConfig(NamedTuple):
    V_h: int = 39
    V_m: int = 11
    n_a: int = 32
    n_s: int = 64
    n_e: int = 10
    attention: bool = True
    feed_previous: bool = False


def _lstm_init(prefix, n, n_in, rng):
    lim = np.sqrt(6.0 / (n + n_in + n))
    p = {}
    for g in "fico":
        p[prefix + "W" + g] = rng.uniform(-lim, lim, (n, n + n_in))
        p[prefix + "b" + g] = np.ones((n, 1)) if g == "f" else np.zeros((n, 1))
    return p


def init_seq2seq(config, rng):
    """Random parameters for ``config`` (Glorot-uniform weights, forget-gate biases 1)."""
    c = config
    p = _lstm_init("ef_", c.n_a, c.V_h, rng)
    p.update(_lstm_init("eb_", c.n_a, c.V_h, rng))
    l1 = np.sqrt(6.0 / (c.n_e + 2 * c.n_a + c.n_s))
    p.update(att_W1=rng.uniform(-l1, l1, (c.n_e, 2 * c.n_a + c.n_s)), att_b1=np.zeros((c.n_e, 1)),
             att_W2=rng.uniform(-0.7, 0.7, (1, c.n_e)), att_b2=np.zeros((1, 1)))
    p.update(_lstm_init("post_", c.n_s, 2 * c.n_a + (c.V_m if c.feed_previous else 0), rng))
    ly = np.sqrt(6.0 / (c.n_s + c.V_m))
    p.update(Wy=rng.uniform(-ly, ly, (c.V_m, c.n_s)), by=np.zeros((c.V_m, 1)))
    if not c.attention:
        for k in ("att_W1", "att_b1", "att_W2", "att_b2"):
            del p[k]
    return p


def count_seq2seq_parameters(parameters):
    return int(sum(v.size for v in parameters.values()))


def _sub(p, prefix):
    n = len(prefix)
    return {k[n:]: v for k, v in p.items() if k.startswith(prefix)}


def one_step_attention(a, s_prev, parameters, Ua=None):
    """The attention step: ``a (2 n_a, m, T_x)``, ``s_prev (n_s, m)`` -> ``(context (2 n_a, m),
    alphas (m, T_x), cache)``. ``Ua`` (optional) is ``W1[:, :2 n_a] a`` precomputed once per sequence."""
    W1, b1, W2, b2 = (parameters[k] for k in ("att_W1", "att_b1", "att_W2", "att_b2"))
    n2, m, T_x = a.shape
    if s_prev.shape != (W1.shape[1] - n2, m):
        raise ValueError(f"one_step_attention: s_prev has shape {s_prev.shape}, expected "
                         f"(n_s={W1.shape[1] - n2}, m={m}) for a {a.shape} and att_W1 {W1.shape}.")
    if Ua is None:
        Ua = (W1[:, :n2] @ a.reshape(n2, m * T_x)).reshape(-1, m, T_x)
    H = np.tanh(Ua + (W1[:, n2:] @ s_prev + b1)[:, :, None])             # (n_e, m, T_x)
    E = (W2 @ H.reshape(H.shape[0], -1) + b2).reshape(m, T_x)
    np.maximum(E, 0.0, out=E)
    alphas = np.exp(E - E.max(axis=1, keepdims=True))
    alphas /= alphas.sum(axis=1, keepdims=True)
    context = np.einsum("kmt,mt->km", a, alphas)
    return context, alphas, (H, E, alphas, s_prev)


def _attention_backward(dcontext, a, cache, parameters, g, dZ):
    """Adds into ``g`` and ``dZ`` (the gradient of ``W1a a + ...``, summed over steps); returns (da, ds_prev)."""
    H, E, alphas, s_prev = cache
    n2 = a.shape[0]
    da = dcontext[:, :, None] * alphas[None]
    dal = np.einsum("kmt,km->mt", a, dcontext)
    dE = alphas * (dal - (dal * alphas).sum(axis=1, keepdims=True))
    dE *= E > 0
    n_e = H.shape[0]
    g["att_W2"] += dE.reshape(1, -1) @ H.reshape(n_e, -1).T
    g["att_b2"] += dE.sum()
    dz = parameters["att_W2"].T[:, :, None] * dE[None]                  # (n_e, m, T_x)
    dz *= 1.0 - H * H
    dZ += dz
    dzs = dz.sum(axis=2)
    g["att_W1"][:, n2:] += dzs @ s_prev.T
    g["att_b1"] += dzs.sum(axis=1, keepdims=True)
    return da, parameters["att_W1"][:, n2:].T @ dzs


def _check_x(func, X, V_h):
    X = np.asarray(X, dtype=float)
    if X.ndim != 3 or X.shape[0] != V_h:
        raise ValueError(f"{func}: X has shape {X.shape}; expected one-hot (V_h={V_h}, m, T_x). "
                         f"From ids (m, T_x) build it with dl.one_hot_indices(ids, {V_h}).")
    return X


def seq2seq_encode(X, parameters, config):
    """Bidirectional LSTM over ``X (V_h, m, T_x)``: ``(a (2 n_a, m, T_x), caches)``."""
    c = config
    X = _check_x("seq2seq_encode", X, c.V_h)
    z = np.zeros((c.n_a, X.shape[1]))
    af, _, _, cf = lstm_forward(X, z, _sub(parameters, "ef_"))
    ab, _, _, cb = lstm_forward(X[:, :, ::-1], z, _sub(parameters, "eb_"))
    return np.concatenate([af, ab[:, :, ::-1]], axis=0), (cf, cb)


class Seq2SeqCache(NamedTuple):
    a: np.ndarray
    enc: tuple
    Ua: np.ndarray
    att: list
    cells: list
    S: list
    Yhat: np.ndarray
    Y_prev: np.ndarray


def _prev_tokens(Y):
    """Decoder inputs for teacher forcing: the one-hot of y<t-1>, zeros at t = 0."""
    P = np.zeros_like(Y)
    P[:, :, 1:] = Y[:, :, :-1]
    return P


def seq2seq_decoder_step(a, s, cstate, y_prev, parameters, config, Ua=None):
    """One decoder step: returns ``(probs (V_m, m), s, c, (att_cache, cell_cache))``."""
    c, p = config, parameters
    n_a = c.n_a
    if c.attention:
        ctx, alphas, att = one_step_attention(a, s, p, Ua)
    else:
        ctx, att = np.concatenate([a[:n_a, :, -1], a[n_a:, :, 0]], axis=0), None
    inp = np.concatenate([ctx, y_prev], axis=0) if c.feed_previous else ctx
    s, cstate, _, cell = lstm_cell_forward(inp, s, cstate, _sub(p, "post_"))
    z = p["Wy"] @ s + p["by"]
    z = np.exp(z - z.max(axis=0, keepdims=True))
    return z / z.sum(axis=0, keepdims=True), s, cstate, (att, cell)


def seq2seq_forward(X, parameters, config, Y=None, T_y=10):
    """Teacher-forced forward pass (``Y (V_m, m, T_y)`` one-hot, needed with ``feed_previous``).

    Returns ``(Yhat (V_m, m, T_y), cache)``; ``cache.att`` holds each step's ``alphas (m, T_x)``.
    """
    c, p = config, parameters
    a, enc = seq2seq_encode(X, p, c)
    m, T_x = a.shape[1], a.shape[2]
    if c.feed_previous and Y is None:
        raise ValueError("seq2seq_forward: feed_previous=True needs the targets Y (V_m, m, T_y) for "
                         "teacher forcing; to translate new inputs use dl.seq2seq_predict.")
    T_y = Y.shape[2] if Y is not None else T_y
    P = _prev_tokens(Y) if c.feed_previous else None
    Ua = (p["att_W1"][:, :2 * c.n_a] @ a.reshape(2 * c.n_a, -1)).reshape(-1, m, T_x) if c.attention else None
    s, cs = np.zeros((c.n_s, m)), np.zeros((c.n_s, m))
    Yhat = np.zeros((c.V_m, m, T_y))
    att, cells, S = [], [], [s]
    for t in range(T_y):
        Yhat[:, :, t], s, cs, (at, cell) = seq2seq_decoder_step(
            a, s, cs, P[:, :, t] if P is not None else None, p, c, Ua)
        att.append(at)
        cells.append(cell)
        S.append(s)
    return Yhat, Seq2SeqCache(a, enc, Ua, att, cells, S, Yhat, P)


def seq2seq_backward(dZ_out, cache, parameters, config):
    """Gradients (keyed like the parameters) given ``dZ_out (V_m, m, T_y)``, the gradient of the
    output logits ``Wy s<t> + by`` (for softmax cross-entropy: ``(Yhat - Y) / m``)."""
    c, p = config, parameters
    a, (cf, cb), Ua, att, cells, S, Yhat, P = cache
    n_a, T_y = c.n_a, Yhat.shape[2]
    g = {k: np.zeros_like(v) for k, v in p.items()}
    da = np.zeros_like(a)
    dZ = np.zeros_like(Ua) if c.attention else None
    ds, dcs = np.zeros((c.n_s, a.shape[1])), np.zeros((c.n_s, a.shape[1]))
    post = {}
    for t in reversed(range(T_y)):
        dz = dZ_out[:, :, t]
        g["Wy"] += dz @ S[t + 1].T
        g["by"] += dz.sum(axis=1, keepdims=True)
        ds = ds + p["Wy"].T @ dz
        step = lstm_cell_backward(ds, dcs, cells[t])
        for k, v in step.items():
            if k.startswith("dW") or k.startswith("db"):
                post[k[1:]] = post.get(k[1:], 0.0) + v
        dctx = step["dxt"][:2 * n_a]
        ds, dcs = step["da_prev"], step["dc_prev"]
        if c.attention:
            da_t, ds_att = _attention_backward(dctx, a, att[t], p, g, dZ)
            da += da_t
            ds = ds + ds_att
        else:
            da[:n_a, :, -1] += dctx[:n_a]
            da[n_a:, :, 0] += dctx[n_a:]
    for k, v in post.items():
        g["post_" + k] = v
    if c.attention:
        m, T_x = a.shape[1], a.shape[2]
        W1a = p["att_W1"][:, :2 * n_a]
        g["att_W1"][:, :2 * n_a] += dZ.reshape(dZ.shape[0], -1) @ a.reshape(2 * n_a, -1).T
        da += (W1a.T @ dZ.reshape(dZ.shape[0], -1)).reshape(2 * n_a, m, T_x)
    gf = lstm_backward(da[:n_a], cf, need_dx=False)
    gb = lstm_backward(np.ascontiguousarray(da[n_a:, :, ::-1]), cb, need_dx=False)
    for pre, gg in (("ef_", gf), ("eb_", gb)):
        for k, v in gg.items():
            if k.startswith("dW") or k.startswith("db"):
                g[pre + k[1:]] = v
    return g


def seq2seq_loss(X, Y, parameters, config):
    """Cross-entropy summed over the ``T_y`` steps, averaged over ``m``; returns ``(cost, grads)``."""
    Y = np.asarray(Y, dtype=float)
    if Y.ndim != 3 or Y.shape[0] != config.V_m:
        raise ValueError(f"seq2seq_loss: Y has shape {Y.shape}; expected one-hot (V_m={config.V_m}, m, T_y).")
    Yhat, cache = seq2seq_forward(X, parameters, config, Y)
    m = Y.shape[1]
    cost = float(-np.sum(Y * np.log(np.maximum(Yhat, 1e-300))) / m)
    return cost, seq2seq_backward((Yhat - Y) / m, cache, parameters, config)


def seq2seq_predict(X, parameters, config, T_y=10, return_alphas=False):
    """Greedy translation of ``X (V_h, m, T_x)``: ids ``(m, T_y)`` (and alphas ``(T_y, m, T_x)``)."""
    c, p = config, parameters
    a, _ = seq2seq_encode(X, p, c)
    m = a.shape[1]
    Ua = (p["att_W1"][:, :2 * c.n_a] @ a.reshape(2 * c.n_a, -1)).reshape(-1, m, a.shape[2]) if c.attention else None
    s, cs, y_prev = np.zeros((c.n_s, m)), np.zeros((c.n_s, m)), np.zeros((c.V_m, m))
    out, alphas = np.zeros((m, T_y), dtype=int), []
    for t in range(T_y):
        probs, s, cs, (att, _) = seq2seq_decoder_step(a, s, cs, y_prev, p, c, Ua)
        out[:, t] = probs.argmax(axis=0)
        y_prev = np.zeros_like(y_prev)
        y_prev[out[:, t], np.arange(m)] = 1.0
        if att is not None:
            alphas.append(att[2])
    return (out, np.array(alphas)) if return_alphas else out


def train_seq2seq(X_ids, Y_ids, parameters, config, rng, epochs=1, batch_size=100, learning_rate=0.005,
                  time_budget=None, callback=None):
    """Adam on mini-batches of ``(X_ids (m, T_x), Y_ids (m, T_y))`` (ids, one-hot built per batch).

    Updates ``parameters`` in place; stops after ``epochs`` or ``time_budget`` seconds. Returns a
    list of ``(iteration, seconds, cost)``; ``callback(iteration, parameters)`` runs after each epoch.
    """
    from ..optim.optimizers import adam
    from .vocab import one_hot_indices
    configs = {k: {"learning_rate": learning_rate} for k in parameters}
    m, hist, it, t0 = X_ids.shape[0], [], 0, time.perf_counter()
    for _ in range(int(epochs)):
        order = rng.permutation(m)
        for b in range(0, m, batch_size):
            idx = order[b:b + batch_size]
            X = one_hot_indices(X_ids[idx], config.V_h)
            Y = one_hot_indices(Y_ids[idx], config.V_m)
            cost, g = seq2seq_loss(X, Y, parameters, config)
            for k in parameters:
                parameters[k], configs[k] = adam(parameters[k], g[k], configs[k])
            it += 1
            hist.append((it, time.perf_counter() - t0, cost))
            if time_budget is not None and hist[-1][1] > time_budget:
                return hist
        if callback is not None:
            callback(it, parameters)
    return hist


def seq2seq_step_function(X1, parameters, config):
    """``(step, state)`` for ``dl.beam_search`` / ``dl.greedy_decode`` on ONE input ``X1 (V_h, 1, T_x)``.

    ``step(state, tokens)`` returns ``(log_probs (k, V_m), state)``; the state ``(s, c, a, Ua)`` has
    its hypothesis axis at 1 (the batch axis of the column layout).
    """
    c, p = config, parameters
    a, _ = seq2seq_encode(X1, p, c)
    if a.shape[1] != 1:
        raise ValueError(f"seq2seq_step_function: X1 holds {a.shape[1]} inputs; beam search decodes one "
                         f"at a time, pass X[:, i:i+1].")
    Ua = (p["att_W1"][:, :2 * c.n_a] @ a.reshape(2 * c.n_a, -1)).reshape(-1, 1, a.shape[2]) if c.attention else np.zeros((1, 1, 1))

    def step(state, tokens):
        s, cs, a_k, U_k = state
        k = s.shape[1]
        y_prev = np.zeros((c.V_m, k))
        if tokens is not None:
            y_prev[np.asarray(tokens), np.arange(k)] = 1.0
        probs, s, cs, _ = seq2seq_decoder_step(a_k, s, cs, y_prev, p, c, U_k if c.attention else None)
        return np.log(np.maximum(probs, 1e-300)).T, (s, cs, a_k, U_k)

    return step, (np.zeros((c.n_s, 1)), np.zeros((c.n_s, 1)), a, Ua)
