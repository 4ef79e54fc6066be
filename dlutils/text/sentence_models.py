"""Sentence classifiers on word vectors: the average of the embeddings + softmax, and an LSTM
over the sequence with a padding mask.

Ids: ``sentences_to_indices`` gives ``(m, T)`` ints. ``<pad>`` is id 0 and ``<unk>`` id 1 in
every vocabulary made by ``sentence_vocab``; their vectors are zero. **Unknown-word policy**:
a word not in the vocabulary maps to ``<unk>`` (it counts in the sentence length of the average
but adds nothing to the sum); it never raises. A sentence longer than ``T_max`` raises a
``ValueError`` (truncating would silently change the label of "... not happy").
Average model: ``avg (n_e, m)`` = mean of the non-pad columns, ``Z = W avg + b`` ``(C, m)``.
LSTM model: ``x = E[:, ids] (n_e, m, T)``, ``a = lstm(x)``, the state at each sentence's last
real word ``a<len_i>`` (padding after it never reaches it: the mask), ``Z = Wy a + by``.
Word vectors ``E`` are frozen (trained on the corpus). Taught in: c5/06.
"""
import numpy as np

from ..nn.lstm import lstm_forward, lstm_backward
from ..optim.optimizers import adam

__all__ = ["PAD", "UNK", "sentence_vocab", "sentences_to_indices", "padding_mask",
           "average_embeddings", "average_model_loss", "lstm_classifier_loss",
           "init_lstm_classifier", "train_sentence_model", "predict_sentences"]

PAD, UNK = "<pad>", "<unk>"


def sentence_vocab(words):
    """``{word: id}`` with ``<pad>`` = 0, ``<unk>`` = 1 and then ``words`` in order."""
    out = {PAD: 0, UNK: 1}
    for w in words:
        out.setdefault(w, len(out))
    return out


def sentences_to_indices(sentences, word_to_id, T_max):
    """``(m, T_max)`` int ids, 0-padded on the right; unknown words -> ``<unk>`` (id 1)."""
    X = np.zeros((len(sentences), T_max), np.int64)
    unk = word_to_id[UNK]
    for i, s in enumerate(sentences):
        words = s.lower().split()
        if len(words) > T_max:
            raise ValueError(f"sentences_to_indices: sentence {i} has {len(words)} words but T_max is "
                             f"{T_max} ({s[:40]!r}...); raise T_max to the longest sentence "
                             "(truncating could cut off the word that decides the label)")
        X[i, :len(words)] = [word_to_id.get(w, unk) for w in words]
    return X


def padding_mask(ids):
    """``(m, T)`` 1.0 where a real word (not ``<pad>``) stands."""
    return (np.asarray(ids) != 0).astype(float)


def _check_mask(func, ids, mask):
    if mask.shape != ids.shape:
        raise ValueError(f"{func}: mask has shape {mask.shape} but ids are {ids.shape}; the mask is "
                         "(m, T) like the ids (did you pass mask.T?) - padding_mask(ids) makes it")
    if np.any(mask.sum(axis=1) == 0):
        raise ValueError(f"{func}: a sentence has no word (empty mask row {int(np.argmin(mask.sum(1)))}); "
                         "drop empty sentences")


def average_embeddings(ids, E, mask=None):
    """``(n_e, m)``: mean over each sentence's real words of ``E[:, id]`` (``<unk>`` counts, adds 0)."""
    ids = np.asarray(ids)
    mask = padding_mask(ids) if mask is None else np.asarray(mask, float)
    _check_mask("average_embeddings", ids, mask)
    return np.einsum("nmt,mt->nm", E[:, ids], mask) / mask.sum(axis=1)


def _softmax_xent(Z, Y):
    Z = Z - Z.max(axis=0, keepdims=True)
    P = np.exp(Z)
    P /= P.sum(axis=0, keepdims=True)
    m = Y.shape[1]
    return P, float(-np.sum(Y * np.log(P + 1e-300)) / m), (P - Y) / m


def average_model_loss(params, ids, E, Y=None):
    """Probabilities ``(C, m)`` when ``Y`` is None, else ``(cost, grads)`` for ``W (C, n_e)``, ``b (C, 1)``."""
    avg = average_embeddings(ids, E)
    Z = params["W"] @ avg + params["b"]
    if Y is None:
        return _softmax_xent(Z, np.zeros_like(Z))[0]
    _, cost, dZ = _softmax_xent(Z, Y)
    return cost, {"W": dZ @ avg.T, "b": dZ.sum(axis=1, keepdims=True)}


def init_lstm_classifier(n_e, n_a, C, rng):
    """LSTM gates ``W* (n_a, n_a + n_e)``, ``b* (n_a, 1)`` (forget bias 1) and ``Wy (C, n_a)``, ``by``."""
    p = {}
    for g in "fico":
        p["W" + g] = rng.normal(0, 1 / np.sqrt(n_a + n_e), (n_a, n_a + n_e))
        p["b" + g] = np.full((n_a, 1), 1.0 if g == "f" else 0.0)
    p["Wy"], p["by"] = rng.normal(0, 1 / np.sqrt(n_a), (C, n_a)), np.zeros((C, 1))
    return p


def lstm_classifier_loss(params, ids, E, Y=None, mask=None):
    """The LSTM model (see module doc). Probabilities when ``Y`` is None, else ``(cost, grads)``."""
    ids = np.asarray(ids)
    mask = padding_mask(ids) if mask is None else np.asarray(mask, float)
    _check_mask("lstm_classifier_loss", ids, mask)
    m, T = ids.shape
    n_a = params["Wf"].shape[0]
    gates = {k: params[k] for k in params if k not in ("Wy", "by")}
    a, _, _, cache = lstm_forward(E[:, ids], np.zeros((n_a, m)), gates)
    last = mask.sum(axis=1).astype(int) - 1          # each sentence's last real word
    h = a[:, np.arange(m), last]
    Z = params["Wy"] @ h + params["by"]
    if Y is None:
        return _softmax_xent(Z, np.zeros_like(Z))[0]
    _, cost, dZ = _softmax_xent(Z, Y)
    da = np.zeros_like(a)
    da[:, np.arange(m), last] = params["Wy"].T @ dZ
    g = lstm_backward(da, cache, need_dx=False)
    grads = {k: g["d" + k] for k in gates}
    grads.update(Wy=dZ @ h.T, by=dZ.sum(axis=1, keepdims=True))
    return cost, grads


def train_sentence_model(loss, params, ids, Y, E, rng, epochs=100, batch_size=32,
                         learning_rate=0.01):
    """Adam on shuffled mini-batches; ``loss(params, ids, E, Y) -> (cost, grads)``. Returns
    ``(params, costs per epoch)``."""
    configs = {k: {"learning_rate": learning_rate} for k in params}
    costs, m = [], ids.shape[0]
    for _ in range(epochs):
        order, total = rng.permutation(m), 0.0
        for s in range(0, m, batch_size):
            k = order[s:s + batch_size]
            cost, grads = loss(params, ids[k], E, Y[:, k])
            total += cost * len(k)
            for key, g in grads.items():
                params[key], configs[key] = adam(params[key], g, configs[key])
        costs.append(total / m)
    return params, costs


def predict_sentences(loss, params, ids, E):
    """Class ids ``(m,)`` of the largest probability."""
    return np.argmax(loss(params, ids, E), axis=0)
