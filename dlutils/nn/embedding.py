"""Embedding lookup: ``e_w = E o_w`` without building the one-hot vector.

Layout: ``E (n_e, V)`` (one column per word, as in the lecture), indices ``(m, T)`` ints,
output ``(n_e, m, T)`` (the sequence layout). The gradient of ``E`` is accumulated into the
columns that were used (``np.add.at``: a word used twice gets both contributions).
Layer class ``Embedding`` for ``dl.Sequential``: per-example input ``(1, T)`` holding word ids
(as floats, batch ``(1, m, T)``), output ``(n_e, T)``. Taught in: c5/05, c5/06.
"""
import numpy as np

from .layer import Layer, check_count

__all__ = ["embedding_forward", "embedding_backward", "Embedding"]


def _check_indices(func, indices, V):
    idx = np.asarray(indices)
    if idx.dtype.kind == "f":
        if not np.all(idx == np.round(idx)):
            raise ValueError(f"{func}: indices must be whole numbers (word ids) but got {idx.ravel()[:4]}...; "
                             "did you pass embeddings instead of ids? map words with vocab ids first")
        idx = idx.astype(np.int64)
    if idx.dtype.kind not in "iu":
        raise ValueError(f"{func}: indices must be integer word ids, got dtype {idx.dtype}; "
                         "map words to ids with sentences_to_indices first")
    if idx.size and (idx.min() < 0 or idx.max() >= V):
        raise ValueError(f"{func}: word ids must lie in [0, {V}) (E has {V} columns) but range "
                         f"{idx.min()}..{idx.max()}; unknown words should map to the <unk> id, "
                         "not to -1 or a new id")
    return idx


def embedding_forward(indices, E):
    """``indices`` ints of any shape ``S`` (usually ``(m, T)``), ``E (n_e, V)`` ->
    ``(out (n_e, *S), cache)`` with ``out[:, i, t] = E[:, indices[i, t]]``."""
    E = np.asarray(E, float)
    if E.ndim != 2:
        raise ValueError(f"embedding_forward: E must be (n_e, V) but has shape {E.shape}")
    idx = _check_indices("embedding_forward", indices, E.shape[1])
    return E[:, idx], (idx, E.shape)


def embedding_backward(dout, cache):
    """``dout (n_e, *S)`` -> ``dE (n_e, V)``: each used column receives the sum of its slices."""
    idx, shape = cache
    dout = np.asarray(dout, float)
    if dout.shape != (shape[0],) + idx.shape:
        raise ValueError(f"embedding_backward: dout has shape {dout.shape} but forward gave "
                         f"{(shape[0],) + idx.shape}")
    dE = np.zeros(shape)
    np.add.at(dE.T, idx.ravel(), dout.reshape(shape[0], -1).T)
    return dE


class Embedding(Layer):
    kind = "Embedding"
    """``Embedding(V, n_e, E=None, trainable=True)``: word ids ``(1, m, T)`` -> ``(n_e, m, T)``.
    ``E`` given (e.g. trained word vectors, ``(n_e, V)``) is copied in; otherwise N(0, 0.01)."""

    def __init__(self, V, n_e, E=None, trainable=True):
        check_count("Embedding", "V", V)
        check_count("Embedding", "n_e", n_e)
        self.V, self.n_e, self.E0, self.trainable = int(V), int(n_e), E, trainable
        if E is not None and np.shape(E) != (n_e, V):
            raise ValueError(f"Embedding: E has shape {np.shape(E)} but should be (n_e, V) = {(n_e, V)}; "
                             "transpose a (V, n_e) matrix with E.T")

    def build(self, in_shape, index, rng):
        if len(in_shape) != 2 or in_shape[0] != 1:
            raise ValueError(f"Embedding: input per example must be (1, T) word ids but is {in_shape}; "
                             "give X as ids[None] of shape (1, m, T)")
        self.key = f"emb{index}_E"
        E = rng.normal(0, 0.01, (self.n_e, self.V)) if self.E0 is None else np.array(self.E0, float)
        self.weight_keys, self.param_keys = [], [self.key]
        return {self.key: E}, (self.n_e, in_shape[1])

    def forward(self, A, params, model=None, training=False):
        return embedding_forward(np.asarray(A)[0], params[self.key])

    def backward(self, dout, cache, params, need_dA=False):
        return None, {self.key: embedding_backward(dout, cache)}

    def count(self, in_shape):
        return self.n_e * self.V, (self.n_e, in_shape[1]), 0

    def describe(self):
        return f"Embedding(V={self.V}, n_e={self.n_e})"
