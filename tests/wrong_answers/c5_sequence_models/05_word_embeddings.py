"""Plausible wrong answers for notebooks/c5_sequence_models/05_word_embeddings.ipynb."""

_COS = '''
def cosine_similarity(u, v):
    """Cosine of the angle between two vectors.

    u, v: arrays of shape (n_e,).
    Returns a float in [-1, 1]: their dot product divided by the product of their L2 norms.
    """
    return float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v)))
'''

_ANALOGY = '''
def complete_analogy(word_a, word_b, word_c, E, word_to_id, vocab):
    """a is to b as c is to ?  Vectorized over the vocabulary.

    E: (n_e, V) word vectors, one column per word; word_to_id: dict word -> column;
    vocab: list of the V words in column order.
    Returns the word (a string) maximizing the cosine similarity with e_b - e_a + e_c,
    the three query words excluded.
    """
    U = E / np.linalg.norm(E, axis=0, keepdims=True)
    a, b, c = (word_to_id[w] for w in (word_a, word_b, word_c))
    target = U[:, b] - U[:, a] + U[:, c]
    scores = U.T @ target / np.linalg.norm(target)
    scores[[a, b, c]] = -np.inf
    return vocab[int(np.argmax(scores))]
'''

_NEUTRAL = '''
def neutralize(e, g):
    """Remove the component of e along the bias direction g.

    e: (n_e,) word vector; g: (n_e,) bias direction (any length, not zero).
    Returns the (n_e,) vector e minus its projection on g (orthogonal to g).
    """
    return e - (np.dot(e, g) / np.dot(g, g)) * g
'''

_EQUAL = '''
def equalize(e1, e2, g):
    """Equalize a pair of unit word vectors about the bias direction g.

    e1, e2: (n_e,) unit vectors of a gendered pair; g: (n_e,) bias direction (any length).
    Returns (e1_new, e2_new): unit vectors with the same component orthogonal to g and
    opposite components along g.
    """
    gg = np.dot(g, g)
    mu = (e1 + e2) / 2
    mu_B = np.dot(mu, g) / gg * g
    mu_orth = mu - mu_B
    scale = np.sqrt(np.abs(1 - np.dot(mu_orth, mu_orth)))
    out = []
    for e in (e1, e2):
        e_B = np.dot(e, g) / gg * g
        out.append(mu_orth + scale * (e_B - mu_B) / np.linalg.norm(e_B - mu_B))
    return out[0], out[1]
'''


def _sub(src, old, new):
    assert old in src, old
    return src.replace(old, new)


WRONG_ANSWERS = {
    "cosine_similarity": [
        ("dot product without the norms", _sub(_COS, "np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v))", "np.dot(u, v)")),
        ("divided by one norm only", _sub(_COS, "(np.linalg.norm(u) * np.linalg.norm(v))", "np.linalg.norm(u)")),
        ("squared norms (u.u times v.v)", _sub(_COS, "(np.linalg.norm(u) * np.linalg.norm(v))", "(np.dot(u, u) * np.dot(v, v))")),
    ],
    "complete_analogy": [
        ("query words not excluded", _sub(_ANALOGY, "    scores[[a, b, c]] = -np.inf\n", "")),
        ("raw dot product: columns not normalized", _sub(_ANALOGY, "U = E / np.linalg.norm(E, axis=0, keepdims=True)", "U = E")),
        ("target from the raw vectors e_b - e_a + e_c", _sub(_ANALOGY, "target = U[:, b] - U[:, a] + U[:, c]", "target = E[:, b] - E[:, a] + E[:, c]")),
        ("sign of the offset flipped (a - b + c)", _sub(_ANALOGY, "target = U[:, b] - U[:, a] + U[:, c]", "target = U[:, a] - U[:, b] + U[:, c]")),
        ("argmin instead of argmax", _sub(_ANALOGY, "np.argmax(scores)", "np.argmin(np.where(np.isinf(scores), np.inf, scores))")),
    ],
    "neutralize": [
        ("projection on an unnormalized direction (no / ||g||^2)", _sub(_NEUTRAL, "(np.dot(e, g) / np.dot(g, g)) * g", "np.dot(e, g) * g")),
        ("divided by ||g|| instead of ||g||^2", _sub(_NEUTRAL, "np.dot(g, g)", "np.linalg.norm(g)")),
        ("returns the bias component instead of removing it", _sub(_NEUTRAL, "return e - (", "return (")),
    ],
    "equalize": [
        ("without the rescaling factor", _sub(_EQUAL, "mu_orth + scale * (e_B - mu_B) / np.linalg.norm(e_B - mu_B)", "mu_orth + (e_B - mu_B)")),
        ("bias components on an unnormalized g (no / ||g||^2)", _sub(_EQUAL, "e_B = np.dot(e, g) / gg * g", "e_B = np.dot(e, g) * g").replace("mu_B = np.dot(mu, g) / gg * g", "mu_B = np.dot(mu, g) * g")),
        ("orthogonal part not shared: e - e_B kept per word", _sub(_EQUAL, "out.append(mu_orth + ", "out.append(e - e_B + ")),
        ("normalized by ||e - mu|| instead of ||e_B - mu_B||", _sub(_EQUAL, "/ np.linalg.norm(e_B - mu_B)", "/ np.linalg.norm(e - mu)")),
    ],
}
