"""Word-word co-occurrence counts, vectorized (no Python loop over tokens).

``X_ij`` = sum over every pair of positions (p, q), 0 < |p - q| <= window, with word i at p and
word j at q, of ``1 / |p - q|`` (GloVe's distance weighting), pairs crossing a ``starts``
boundary (a new verse or sentence) excluded. Returned sparse as ``(rows, cols, values)``
sorted by ``rows * V + cols``; ``cooccurrence_reference`` is the plain loop it is tested
against. Ids ``>= V`` (rare words folded out) are dropped. Taught in: c5/05.
"""
import numpy as np

__all__ = ["cooccurrence_counts", "cooccurrence_reference", "segment_ids"]


def segment_ids(n_tokens, starts):
    """Segment number of every token given the first index of each segment."""
    seg = np.zeros(n_tokens, np.int64)
    starts = np.asarray(starts, np.int64)
    seg[starts[starts > 0]] = 1
    return np.cumsum(seg)


def _check(func, tokens, V, window):
    tokens = np.asarray(tokens)
    if tokens.ndim != 1 or tokens.dtype.kind not in "iu":
        raise ValueError(f"{func}: tokens must be a 1-D integer id array, got shape {tokens.shape} "
                         f"dtype {tokens.dtype}; flatten the sentences' ids with np.concatenate")
    if int(window) < 1:
        raise ValueError(f"{func}: window must be >= 1, got {window}")
    return tokens.astype(np.int64), int(V), int(window)


def cooccurrence_counts(tokens, V, window=5, starts=None):
    """``tokens (N,)`` ids, vocabulary size ``V`` -> ``(rows, cols, values)`` symmetric counts."""
    tokens, V, window = _check("cooccurrence_counts", tokens, V, window)
    seg = segment_ids(tokens.size, [0] if starts is None else starts)
    keys, vals = [], []
    for d in range(1, window + 1):                       # one vectorized pass per distance
        a, b = tokens[:-d], tokens[d:]
        ok = (seg[:-d] == seg[d:]) & (a < V) & (b < V)
        a, b = a[ok], b[ok]
        keys += [a * V + b, b * V + a]
        vals += [np.full(2 * a.size, 1.0 / d)]
    keys = np.concatenate(keys)
    w = np.concatenate([np.concatenate([v[: v.size // 2], v[v.size // 2:]]) for v in vals])
    uniq, inv = np.unique(keys, return_inverse=True)
    X = np.bincount(inv.ravel(), weights=w)
    return uniq // V, uniq % V, X


def cooccurrence_reference(tokens, V, window=5, starts=None):
    """The plain loop over token positions (slow; for tests)."""
    tokens, V, window = _check("cooccurrence_reference", tokens, V, window)
    seg = segment_ids(tokens.size, [0] if starts is None else starts)
    counts = {}
    for p in range(tokens.size):
        for q in range(max(0, p - window), min(tokens.size, p + window + 1)):
            if q != p and seg[p] == seg[q] and tokens[p] < V and tokens[q] < V:
                k = (int(tokens[p]), int(tokens[q]))
                counts[k] = counts.get(k, 0.0) + 1.0 / abs(p - q)
    ks = sorted(counts, key=lambda k: k[0] * V + k[1])
    return (np.array([k[0] for k in ks]), np.array([k[1] for k in ks]), np.array([counts[k] for k in ks]))
