"""Using word vectors: cosine similarity, nearest neighbours, analogies vectorized over the
vocabulary, debiasing (Bolukbasi et al. 2016: bias direction, neutralize, equalize) and a 2-D
projection for plots.

Layout: ``E (n_e, V)``, one column per word (``e_w = E o_w``); single vectors ``(n_e,)``.
``WordVectors(E, words)`` pairs the matrix with its vocabulary. Unknown-word policy: a word
not in the vocabulary raises a ``ValueError`` naming it (similarity questions about a word
we have no vector for have no answer). Taught in: c5/05.
"""
import numpy as np

__all__ = ["cosine_sim", "WordVectors", "nearest_words", "analogy", "analogy_accuracy",
           "bias_direction", "neutralize", "equalize", "project_2d"]


def cosine_sim(u, v):
    """``u . v / (||u|| ||v||)`` for two vectors ``(n_e,)``; 0 when either is the zero vector."""
    u, v = np.asarray(u, float), np.asarray(v, float)
    if u.shape != v.shape or u.ndim != 1:
        raise ValueError(f"cosine_sim: u and v must be two vectors of one length, got {u.shape} and "
                         f"{v.shape}; take a column E[:, i], not a row")
    nu, nv = np.linalg.norm(u), np.linalg.norm(v)
    return 0.0 if nu == 0 or nv == 0 else float(u @ v / (nu * nv))


class WordVectors:
    """``E (n_e, V)`` plus ``words`` (length V): ``wv["king"]`` is a column, ``wv.id("king")``."""

    def __init__(self, E, words):
        E = np.asarray(E, float)
        if E.ndim != 2 or E.shape[1] != len(words):
            raise ValueError(f"WordVectors: E must be (n_e, V) with V = len(words) = {len(words)}, "
                             f"got {E.shape}; transpose a (V, n_e) matrix with E.T")
        self.E, self.words = E, list(words)
        self.index = {w: i for i, w in enumerate(self.words)}
        norms = np.linalg.norm(E, axis=0)
        self.unit = E / np.where(norms == 0, 1.0, norms)

    def id(self, word):
        if word not in self.index:
            raise ValueError(f"WordVectors: {word!r} is not in the vocabulary ({len(self.words)} words); "
                             "check the spelling and case (the corpus is lowercase)")
        return self.index[word]

    def __getitem__(self, word):
        return self.E[:, self.id(word)]

    def __contains__(self, word):
        return word in self.index


def nearest_words(wv, query, k=5, exclude=()):
    """The ``k`` words with the largest cosine to ``query`` (a word or a vector), with cosines."""
    v = wv[query] if isinstance(query, str) else np.asarray(query, float)
    s = wv.unit.T @ (v / (np.linalg.norm(v) or 1.0))
    drop = [wv.id(w) for w in ((query,) if isinstance(query, str) else ()) + tuple(exclude)]
    s[drop] = -np.inf
    top = np.argsort(-s, kind="stable")[:k]
    return [(wv.words[i], float(s[i])) for i in top]


def analogy(wv, a, b, c):
    """a is to b as c is to ?: the word maximizing cos(e_b - e_a + e_c, e_w), a, b, c excluded.
    Vectorized: one matrix-vector product over the whole vocabulary."""
    return nearest_words(wv, wv.unit[:, wv.id(b)] - wv.unit[:, wv.id(a)] + wv.unit[:, wv.id(c)], 1,
                         exclude=(a, b, c))[0][0]


def analogy_accuracy(wv, questions):
    """``questions``: rows ``(a, b, c, d)`` (words in ``wv``). All answered in one product
    ``(Q, n_e) @ (n_e, V)``; returns ``(accuracy, answers)``."""
    ids = np.array([[wv.id(w) for w in q] for q in questions])
    U = wv.unit
    Q = U[:, ids[:, 1]] - U[:, ids[:, 0]] + U[:, ids[:, 2]]
    S = Q.T @ U
    rows = np.arange(len(ids))[:, None]
    S[rows, ids[:, :3]] = -np.inf
    best = np.argmax(S, axis=1)
    answers = [wv.words[i] for i in best]
    return float(np.mean(best == ids[:, 3])), answers


def bias_direction(wv, pairs):
    """Unit vector: the mean of ``e_m - e_f`` over the (male, female) ``pairs``."""
    g = np.mean([wv[m] - wv[f] for m, f in pairs], axis=0)
    return g / np.linalg.norm(g)


def neutralize(e, g):
    """Remove from ``e`` its component along the bias direction ``g``:
    ``e - (e . g / ||g||^2) g``; the result is orthogonal to ``g``."""
    e, g = np.asarray(e, float), np.asarray(g, float)
    return e - (e @ g) / (g @ g) * g


def equalize(e1, e2, g):
    """Bolukbasi et al.'s equalize for a pair of UNIT vectors (e.g. man, woman): both become
    unit vectors with the same component orthogonal to ``g`` (so any neutralized word is
    equidistant from them) and opposite components along ``g``. Returns ``(e1_new, e2_new)``."""
    e1, e2, g = np.asarray(e1, float), np.asarray(e2, float), np.asarray(g, float)
    gu = g / np.linalg.norm(g)
    mu = (e1 + e2) / 2
    mu_b = (mu @ gu) * gu
    mu_o = mu - mu_b
    out = []
    for e in (e1, e2):
        e_b = (e @ gu) * gu
        scale = np.sqrt(abs(1 - mu_o @ mu_o))
        d = e_b - mu_b
        out.append(mu_o + scale * d / np.linalg.norm(d))
    return out[0], out[1]


def project_2d(vectors):
    """Principal-component projection of the columns of ``vectors (n_e, k)`` -> ``(2, k)``."""
    X = np.asarray(vectors, float)
    X = X - X.mean(axis=1, keepdims=True)
    U, S, _ = np.linalg.svd(X, full_matrices=False)
    return U[:, :2].T @ X
