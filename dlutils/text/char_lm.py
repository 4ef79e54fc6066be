"""Character (token) language models: per-step cross-entropy, perplexity, sampling with
temperature, unigram and bigram baselines, and a recurrent LM trained on mini-batches.

Layout (the course's): a batch is ``X`` ``(V, m, T_x)`` one-hot with ``x<1> = 0`` and
``x<t+1> = y<t>``; targets ``Y`` ``(m, T_x)`` are indices, ``-1`` after a sequence ends; ``mask``
``(m, T_x)`` is 1 on real steps (``dl.lm_batch`` builds all three). Probabilities ``y_hat`` are
``(V, m, T_x)``. Losses are **nats per predicted token** (the course's dinosaur loss is the sum over
a name: multiply by the tokens per name, about 7 there). Perplexity is ``exp(loss)``.

Models: ``cell="rnn"`` uses ``Wax, Waa, ba`` and the head ``Wya, by`` (``dl.rnn_forward``);
``cell="lstm"`` uses ``Wf, bf, Wi, bi, Wc, bc, Wo, bo`` and the head ``Wy, by`` (``dl.lstm_forward``).
Sampling draws ``idx ~ softmax(z / temperature)`` with the given ``rng`` and feeds the drawn
token back as the next input.
Taught in: c5/02_character_language_model, c5/03_music_generation.
"""
import math
import time

import numpy as np

from ..nn.lstm import lstm_backward, lstm_forward
from ..nn.rnn import _sigmoid, rnn_backward, rnn_forward
from ..optim.clipping import clip as clip_by_value, clip_by_global_norm, global_norm
from ..optim.optimizers import adam
from .vocab import lm_batch

__all__ = [
    "char_cross_entropy", "perplexity", "softmax_with_temperature", "sample_with_temperature",
    "unigram_loss", "bigram_loss", "init_lm", "lm_loss", "sample_lm", "fit_lm", "lm_batchify",
    "LM_HEAD",
]

LM_HEAD = {"rnn": ("Wya", "by"), "lstm": ("Wy", "by")}


def _check_targets(func, y_hat, Y):
    y_hat, Y = np.asarray(y_hat, float), np.asarray(Y)
    if y_hat.ndim != 3 or Y.shape != y_hat.shape[1:]:
        raise ValueError(f"{func}: y_hat must be (V, m, T_x) and Y (m, T_x) indices, got y_hat "
                         f"{y_hat.shape} and Y {Y.shape}; Y holds token indices, not one-hot columns "
                         "(build both with dl.lm_batch)")
    return y_hat, Y


def char_cross_entropy(y_hat, Y, mask=None):
    """Mean of ``-log y_hat[Y<t>, i, t]`` over the real steps (``Y >= 0`` and ``mask``), in nats."""
    y_hat, Y = _check_targets("char_cross_entropy", y_hat, Y)
    real = (Y >= 0) if mask is None else (np.asarray(mask) > 0) & (Y >= 0)
    if not real.any():
        raise ValueError("char_cross_entropy: no real steps (every target is -1 or masked)")
    ii, tt = np.nonzero(real)
    p = y_hat[Y[ii, tt], ii, tt]
    return float(-np.mean(np.log(np.maximum(p, 1e-300))))


def perplexity(loss):
    """``exp(loss)`` for a loss in nats per token: the effective number of equally likely choices."""
    return float(math.exp(loss))


def softmax_with_temperature(z, temperature=1.0):
    """``softmax(z / temperature)`` over axis 0 (``z`` the logits ``(V,)`` or ``(V, m)``)."""
    if not temperature > 0:
        raise ValueError(f"softmax_with_temperature: temperature must be > 0, got {temperature!r}; "
                         "small values (0.1) approach argmax, 1 is the model, larger is more random")
    z = np.asarray(z, float) / temperature
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def sample_with_temperature(z, temperature, rng):
    """Draw one index per column of logits ``z`` (``(V,)`` -> int, ``(V, m)`` -> ``(m,)`` ints)."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError("sample_with_temperature: rng must be a np.random.Generator "
                         "(rng = np.random.default_rng(SEED)); sampling draws, it never takes argmax")
    p = softmax_with_temperature(z, temperature)
    if p.ndim == 1:
        return int(rng.choice(p.shape[0], p=p))
    u = rng.random(p.shape[1])                                  # inverse CDF, one draw per column
    idx = (np.cumsum(p, axis=0) < u[None, :]).sum(axis=0)
    return np.minimum(idx, p.shape[0] - 1)


# -- baselines ---------------------------------------------------------------------------------

def _index_seqs(func, seqs, vocab, end):
    seqs = list(seqs)
    if not seqs:
        raise ValueError(f"{func}: empty corpus (no sequences)")
    return [vocab.encode(s) + [vocab.char_to_ix[end]] for s in seqs]


def unigram_loss(train, held_out, vocab, end="\n", alpha=1.0):
    """Held-out nats per token of a model that ignores the context: ``p(c)`` from the training
    counts (every name's tokens plus its end token) with add-``alpha`` smoothing."""
    tr = _index_seqs("unigram_loss", train, vocab, end)
    ho = _index_seqs("unigram_loss", held_out, vocab, end)
    counts = np.bincount(np.concatenate(tr), minlength=vocab.size) + alpha
    logp = np.log(counts / counts.sum())
    return float(-np.mean(logp[np.concatenate(ho)]))


def bigram_loss(train, held_out, vocab, end="\n", alpha=0.1):
    """Held-out nats per token of ``p(c<t> | c<t-1>)`` (add-``alpha``); the first token of a
    sequence is conditioned on a start context, as the RNN's ``x<1> = 0``."""
    tr = _index_seqs("bigram_loss", train, vocab, end)
    ho = _index_seqs("bigram_loss", held_out, vocab, end)
    V = vocab.size
    counts = np.full((V + 1, V), alpha)                        # row V = the start context
    for s in tr:
        prev = [V] + s[:-1]
        np.add.at(counts, (prev, s), 1.0)
    logp = np.log(counts / counts.sum(axis=1, keepdims=True))
    total = n = 0
    for s in ho:
        prev = [V] + s[:-1]
        total -= logp[prev, s].sum()
        n += len(s)
    return float(total / n)


# -- the recurrent language model ------------------------------------------------------------

def init_lm(V, n_a, rng, cell="rnn", scale=0.01):
    """Parameters of a recurrent LM over ``V`` tokens with ``n_a`` units. RNN: the course's small
    random weights (``scale * randn``), zero biases. LSTM: ``randn / sqrt(fan_in)`` weights, zero
    biases except the forget gate's, which starts at 1 (remember by default)."""
    if cell not in LM_HEAD:
        raise ValueError(f"init_lm: cell must be 'rnn' or 'lstm', got {cell!r}")
    if not isinstance(rng, np.random.Generator):
        raise ValueError("init_lm: rng must be a np.random.Generator (np.random.default_rng(SEED))")
    r = lambda *s: scale * rng.standard_normal(s)  # noqa: E731
    if cell == "rnn":
        return {"Wax": r(n_a, V), "Waa": r(n_a, n_a), "Wya": r(V, n_a),
                "ba": np.zeros((n_a, 1)), "by": np.zeros((V, 1))}
    p = {}
    for g in ("f", "i", "c", "o"):
        p[f"W{g}"] = rng.standard_normal((n_a, n_a + V)) / np.sqrt(n_a + V)
        p[f"b{g}"] = np.ones((n_a, 1)) if g == "f" else np.zeros((n_a, 1))
    p["Wy"] = rng.standard_normal((V, n_a)) / np.sqrt(n_a)
    p["by"] = np.zeros((V, 1))
    return p


def _cell(parameters):
    return "lstm" if "Wf" in parameters else "rnn"


def lm_loss(parameters, X, Y, mask=None, a0=None, need_grads=True):
    """Mean cross-entropy per real token of a recurrent LM and its gradients.

    ``X`` ``(V, m, T_x)``, ``Y`` ``(m, T_x)`` (``-1`` = padding), ``mask`` optional ``(m, T_x)``.
    Returns ``(loss, grads, a_last)``: grads keyed like the parameters with a ``d`` prefix
    (``dWax``, ..., ``dWya``, ``dby``), ``a_last`` the final hidden state ``(n_a, m)``.
    """
    cell = _cell(parameters)
    wk, bk = LM_HEAD[cell]
    body = {k: v for k, v in parameters.items() if k not in (wk, bk)}
    n_a = parameters["Waa"].shape[0] if cell == "rnn" else parameters["Wf"].shape[0]
    X = np.asarray(X, float)
    if X.ndim != 3:
        raise ValueError(f"lm_loss: X must be one-hot (V, m, T_x), got shape {X.shape}")
    V, m, T = X.shape
    a0 = np.zeros((n_a, m)) if a0 is None else a0
    if cell == "rnn":
        a, _, caches = rnn_forward(X, a0, body)
    else:
        a, _, _, caches = lstm_forward(X, a0, body)
    Wy, by = parameters[wk], parameters[bk]
    Z = (Wy @ a.reshape(n_a, m * T)).reshape(V, m, T) + by[:, :, None]
    Z -= Z.max(axis=0, keepdims=True)
    P = np.exp(Z)
    P /= P.sum(axis=0, keepdims=True)
    Y = np.asarray(Y)
    real = (Y >= 0) if mask is None else (np.asarray(mask) > 0) & (Y >= 0)
    n = real.sum()
    ii, tt = np.nonzero(real)
    loss = float(-np.log(np.maximum(P[Y[ii, tt], ii, tt], 1e-300)).sum() / n)
    if not need_grads:
        return loss, None, a[:, :, -1]
    dZ = P * real[None]
    dZ[Y[ii, tt], ii, tt] -= 1.0
    dZ /= n
    dZ2 = dZ.reshape(V, m * T)
    grads = {"d" + wk: dZ2 @ a.reshape(n_a, m * T).T, "d" + bk: dZ2.sum(axis=1, keepdims=True)}
    da = (Wy.T @ dZ2).reshape(n_a, m, T)
    g = rnn_backward(da, caches) if cell == "rnn" else lstm_backward(da, caches)
    for k in body:
        grads["d" + k] = g["d" + k]
    return loss, grads, a[:, :, -1]


def sample_lm(parameters, vocab, rng, temperature=1.0, n=1, max_length=50, end="\n", prefix=()):
    """Sample ``n`` sequences token by token: ``x<1> = 0`` (or the ``prefix`` tokens), then each
    drawn token is the next input, until ``end`` or ``max_length`` tokens. Returns a list of
    sequences (strings for a character vocabulary), the end token left out."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError("sample_lm: rng must be a np.random.Generator (np.random.default_rng(SEED))")
    cell = _cell(parameters)
    wk, bk = LM_HEAD[cell]
    V = vocab.size
    end_ix = vocab.char_to_ix.get(end, -1)
    n_a = parameters["Waa"].shape[0] if cell == "rnn" else parameters["Wf"].shape[0]
    a, c, x = np.zeros((n_a, n)), np.zeros((n_a, n)), np.zeros((V, n))
    if cell == "lstm":
        W = np.concatenate([parameters[f"W{g}"] for g in "fioc"])
        b = np.concatenate([parameters[f"b{g}"] for g in "fioc"])
    forced = vocab.encode(list(prefix)) if prefix else []
    out = [[] for _ in range(n)]
    done = np.zeros(n, bool)
    for t in range(max_length):
        if cell == "rnn":
            a = np.tanh(parameters["Waa"] @ a + parameters["Wax"] @ x + parameters["ba"])
        else:
            G = W @ np.vstack([a, x]) + b
            f, i, o = (_sigmoid(G[k * n_a:(k + 1) * n_a]) for k in range(3))
            c = f * c + i * np.tanh(G[3 * n_a:])
            a = o * np.tanh(c)
        if t < len(forced):
            idx = np.full(n, forced[t])
        else:
            idx = sample_with_temperature(parameters[wk] @ a + parameters[bk], temperature, rng)
        for k in np.nonzero(~done)[0]:
            if idx[k] == end_ix:
                done[k] = True
            else:
                out[k].append(vocab.tokens[idx[k]])
        if done.all():
            break
        x = np.zeros((V, n))
        x[idx, np.arange(n)] = 1.0
    chars = all(len(tk) == 1 for tk in vocab.tokens)
    return ["".join(s) for s in out] if chars else out


def fit_lm(parameters, train, vocab, rng, num_steps=1000, mini_batch_size=32, learning_rate=0.01,
           optimizer="adam", clip=5.0, clip_kind="value", end="\n", held_out=None,
           eval_every=100, sample_every=0, callback=None, max_seconds=None):
    """Train a recurrent LM on mini-batches of ``train`` sequences (drawn with ``rng``).

    ``optimizer`` ``"sgd"`` or ``"adam"``; ``clip`` ``None`` (no clipping), else a threshold for
    ``clip_kind`` ``"value"`` (each entry into ``[-clip, clip]``, the course's) or ``"norm"``
    (global norm). Stops and reports divergence on a non-finite or exploding loss.
    Returns a dict: ``parameters``, ``losses`` (per step), ``held_out`` (list of (step, loss)),
    ``samples`` (list of (step, [strings])), ``diverged`` (None or a message), ``seconds``.
    """
    if optimizer not in ("sgd", "adam"):
        raise ValueError(f"fit_lm: optimizer must be 'sgd' or 'adam', got {optimizer!r}")
    if clip_kind not in ("value", "norm"):
        raise ValueError(f"fit_lm: clip_kind must be 'value' or 'norm', got {clip_kind!r}")
    train = list(train)
    configs = {k: {"learning_rate": learning_rate} for k in parameters}
    res = {"parameters": parameters, "losses": [], "held_out": [], "samples": [], "diverged": None,
           "grad_norms": []}
    ho = lm_batchify(held_out, vocab, end) if held_out else None
    t0 = time.perf_counter()
    for step in range(1, num_steps + 1):
        pick = rng.integers(0, len(train), size=mini_batch_size)
        X, Y, mask = lm_batch([train[i] for i in pick], vocab, end)
        loss, grads, _ = lm_loss(parameters, X, Y, mask)
        res["grad_norms"].append(global_norm(grads))
        first = res["losses"][0] if res["losses"] else loss
        if not np.isfinite(loss) or not np.isfinite(res["grad_norms"][-1]) or loss > 5 * first + 1:
            res["diverged"] = (f"diverged at step {step}: loss {loss:.3g} (first {first:.3g}), gradient "
                               f"norm {res['grad_norms'][-1]:.3g} with {optimizer}, learning_rate="
                               f"{learning_rate}, clip={clip}; clip the gradients or lower the learning rate")
            break
        res["losses"].append(loss)
        if clip is not None:
            if clip_kind == "value":
                clip_by_value(grads, clip)               # dl.clip, the course's
            else:
                clip_by_global_norm(grads, clip)
        for k in parameters:
            if optimizer == "adam":
                parameters[k], configs[k] = adam(parameters[k], grads["d" + k], configs[k])
            else:
                parameters[k] -= learning_rate * grads["d" + k]
        if ho is not None and (step % eval_every == 0 or step == num_steps):
            res["held_out"].append((step, lm_loss(parameters, *ho, need_grads=False)[0]))
        if sample_every and step % sample_every == 0:
            res["samples"].append((step, sample_lm(parameters, vocab, rng, n=4, end=end)))
        if callback is not None:
            callback(step, res)
        if max_seconds is not None and time.perf_counter() - t0 > max_seconds:
            break
    res["seconds"] = time.perf_counter() - t0
    return res


def lm_batchify(seqs, vocab, end="\n"):
    """All of ``seqs`` as one LM batch ``(X, Y, mask)`` (see ``dl.lm_batch``)."""
    return lm_batch(seqs, vocab, end)
