"""Vocabularies and one-hot encoding of sequences, in the course's layout ``(V, m, T_x)``.

A ``Vocabulary`` maps tokens (characters of a name, or melody tokens) to indices 0..V-1 and
back (``char_to_ix`` / ``ix_to_char`` as in the course). ``one_hot_sequences`` turns ``m``
sequences into ``X`` ``(V, m, T_x)`` with one column ``X[:, i, t]`` per token, zero columns
after a sequence ends, and a ``mask`` ``(m, T_x)`` marking the real steps.
Language-model batches (``lm_batch``): ``x<1> = 0`` and ``x<t+1> = y<t>``, the target of the last
step is the end token (``"\\n"`` for names), as in the course's dinosaur model.
Taught in: c5/02_character_language_model, c5/03_music_generation.
"""
import numpy as np

__all__ = ["Vocabulary", "one_hot_indices", "one_hot_sequences", "lm_batch"]


class Vocabulary:
    """Sorted tokens of a corpus plus optional ``extra`` tokens (e.g. the end-of-name ``"\\n"``).

    ``corpus`` is a list of strings (each character a token) or of token lists. Attributes:
    ``tokens`` (index -> token), ``char_to_ix``, ``ix_to_char``, ``size`` (V).
    """

    def __init__(self, corpus, extra=()):
        corpus = list(corpus) if corpus is not None else []
        if not corpus or not any(len(seq) for seq in corpus):
            raise ValueError(f"Vocabulary: the corpus is empty ({len(corpus)} sequences, no tokens); "
                             "pass a list of strings or token lists, e.g. dl.load_names()")
        found = set()
        for seq in corpus:
            found.update(seq)
        self.tokens = sorted(set(extra) | found)
        self.char_to_ix = {t: i for i, t in enumerate(self.tokens)}
        self.ix_to_char = dict(enumerate(self.tokens))

    @property
    def size(self):
        return len(self.tokens)

    def __len__(self):
        return len(self.tokens)

    def __repr__(self):
        shown = "".join(self.tokens) if all(len(t) == 1 for t in self.tokens) else self.tokens[:8]
        return f"Vocabulary(V={self.size}, tokens={shown!r})"

    def encode(self, seq):
        """Indices of the tokens of ``seq`` (a string or a token list)."""
        bad = [t for t in seq if t not in self.char_to_ix]
        if bad:
            unknown = sorted(set(bad))
            raise ValueError(f"Vocabulary.encode: {len(bad)} token(s) outside the vocabulary: {unknown[:10]!r} "
                             f"in {seq if isinstance(seq, str) else ' '.join(seq[:12])!r}; the vocabulary "
                             f"has {self.size} tokens. Lowercase or strip the input (e.g. name.lower()), or "
                             "build the Vocabulary from a corpus that contains these tokens")
        return [self.char_to_ix[t] for t in seq]

    def decode(self, indices):
        """Tokens of ``indices``; a string when every token is one character."""
        out = []
        for i in indices:
            i = int(i)
            if not 0 <= i < self.size:
                raise ValueError(f"Vocabulary.decode: index {i} outside 0..{self.size - 1}")
            out.append(self.tokens[i])
        return "".join(out) if all(len(t) == 1 for t in self.tokens) else out


def one_hot_indices(indices, V):
    """One-hot ``(V, m, T)`` of an integer array ``(m, T)``; entries < 0 give zero columns.

    (``dl.one_hot(labels, C)`` is the class-label version, ``(C, m)``, from ``nn/losses.py``.)"""
    indices = np.asarray(indices)
    if indices.ndim != 2 or not np.issubdtype(indices.dtype, np.integer):
        raise ValueError(f"one_hot_indices: indices must be an int array (m, T), got shape {indices.shape} "
                         f"dtype {indices.dtype}; wrap a single sequence as [seq]")
    if indices.size and indices.max() >= V:
        raise ValueError(f"one_hot_indices: index {int(indices.max())} >= V = {V}")
    m, T = indices.shape
    X = np.zeros((V, m, T))
    ii, tt = np.nonzero(indices >= 0)
    X[indices[ii, tt], ii, tt] = 1.0
    return X


def one_hot_sequences(seqs, vocab, T_x=None):
    """``(X, mask)`` for ``m`` sequences: ``X`` ``(V, m, T_x)`` one-hot, zero columns after each
    sequence's end; ``mask`` ``(m, T_x)`` float, 1 on real steps. ``T_x`` defaults to the
    longest sequence (longer ones are cut)."""
    seqs = list(seqs)
    if not seqs:
        raise ValueError("one_hot_sequences: no sequences given (empty corpus); pass a list of strings")
    ix = [vocab.encode(s) for s in seqs]
    T_x = max(len(s) for s in ix) if T_x is None else int(T_x)
    idx = np.full((len(ix), T_x), -1, dtype=np.int64)
    for i, s in enumerate(ix):
        s = s[:T_x]
        idx[i, :len(s)] = s
    return one_hot_indices(idx, vocab.size), (idx >= 0).astype(float)


def lm_batch(seqs, vocab, end="\n"):
    """Language-model batch for ``m`` sequences: ``X`` ``(V, m, T_x)`` with ``x<1> = 0`` and
    ``x<t+1> = y<t>``; ``Y`` ``(m, T_x)`` target indices (``-1`` after the end); ``mask`` ``(m, T_x)``.
    ``T_x`` is the longest sequence + 1 (the end token is each sequence's last target)."""
    seqs = list(seqs)
    if not seqs:
        raise ValueError("lm_batch: no sequences given (empty corpus)")
    if end not in vocab.char_to_ix:
        raise ValueError(f"lm_batch: the end token {end!r} is not in the vocabulary; build it with "
                         f"Vocabulary(corpus, extra=[{end!r}])")
    ix = [vocab.encode(s) + [vocab.char_to_ix[end]] for s in seqs]
    T_x = max(len(s) for s in ix)
    Y = np.full((len(ix), T_x), -1, dtype=np.int64)
    for i, s in enumerate(ix):
        Y[i, :len(s)] = s
    prev = np.full_like(Y, -1)
    prev[:, 1:] = Y[:, :-1]
    prev[Y < 0] = -1
    return one_hot_indices(prev, vocab.size), Y, (Y >= 0).astype(float)
