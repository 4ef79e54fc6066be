"""Face verification and recognition (c4/07): L2-normalized embeddings, the triplet loss, triplet
selection, verification by a distance threshold, recognition against a database.

Layout: embeddings are columns, ``(n_e, m)`` (like dense activations); images ``(m, n_H, n_W, n_C)``.
Taught in notebooks/c4_convolutional_neural_networks/07_face_verification.ipynb.
    l2_normalize_forward(Z) -> (E, cache), l2_normalize_backward(dE, cache) -> dZ
    triplet_loss(A, P, N, alpha=0.2) -> (J, (dA, dP, dN))    J = sum_i max(|A-P|^2 - |A-N|^2 + alpha, 0)
    select_triplets(E, labels, rng, mode="random"|"semi-hard", alpha) -> (i_a, i_p, i_n)
    FaceEncoder: a dl.Sequential body (ending in Dense, linear) + L2 normalization, trained on triplets
    verification_roc, best_threshold, recognize, pair_features (the binary-classification alternative)
"""
import numpy as np

from ..train.sequential import Sequential

__all__ = ["l2_normalize_forward", "l2_normalize_backward", "triplet_loss", "select_triplets",
           "FaceEncoder", "fit_face_encoder", "embedding_distances", "verification_roc", "best_threshold",
           "recognize", "pair_features"]

EPS = 1e-12


def l2_normalize_forward(Z):
    """Each column of ``Z (n_e, m)`` divided by its L2 norm -> ``(E, cache)``."""
    Z = np.asarray(Z, dtype=np.float64)
    if Z.ndim != 2:
        raise ValueError(f"l2_normalize_forward: Z must be (n_e, m), one embedding per column, got shape "
                         f"{Z.shape}; reshape with Z.reshape(n_e, -1).")
    norm = np.sqrt(np.sum(Z * Z, axis=0, keepdims=True) + EPS)
    E = Z / norm
    return E, (E, norm)


def l2_normalize_backward(dE, cache):
    """dZ = (dE - E * sum(E * dE)) / |Z| per column."""
    E, norm = cache
    return (dE - E * np.sum(E * dE, axis=0, keepdims=True)) / norm


def _check_triplet(A, P, N):
    A, P, N = (np.asarray(x, dtype=np.float64) for x in (A, P, N))
    if A.ndim != 2 or A.shape != P.shape or A.shape != N.shape:
        raise ValueError(f"triplet_loss: anchor, positive and negative must all be (n_e, m) with the same "
                         f"shape, got {A.shape}, {P.shape}, {N.shape}; stack one embedding per column.")
    return A, P, N


def triplet_loss(A, P, N, alpha=0.2):
    """Triplet loss J = sum_i max(||A_i - P_i||^2 - ||A_i - N_i||^2 + alpha, 0) over the m columns.

    Returns ``(J, (dA, dP, dN))``: the SUM over the batch, as in the FaceNet paper and the course."""
    A, P, N = _check_triplet(A, P, N)
    pos = np.sum((A - P) ** 2, axis=0)
    neg = np.sum((A - N) ** 2, axis=0)
    margin = pos - neg + alpha
    active = (margin > 0).astype(np.float64)
    J = float(np.sum(np.maximum(margin, 0.0)))
    dA = 2 * active * ((A - P) - (A - N))
    dP = -2 * active * (A - P)
    dN = 2 * active * (A - N)
    return J, (dA, dP, dN)


def embedding_distances(E1, E2):
    """Squared L2 distances between every column of ``E1 (n_e, m1)`` and ``E2 (n_e, m2)`` -> ``(m1, m2)``."""
    d = np.sum(E1 ** 2, 0)[:, None] + np.sum(E2 ** 2, 0)[None, :] - 2 * E1.T @ E2
    return np.maximum(d, 0.0)


def select_triplets(E, labels, rng, mode="semi-hard", alpha=0.2):
    """One triplet per anchor (every example whose identity has another photo).

    ``mode="random"``: any other photo of the same person, any photo of another person.
    ``mode="semi-hard"``: the negative is the closest one farther than the positive (d_an > d_ap)
    within the margin (d_an < d_ap + alpha); falls back to the hardest negative farther than the
    positive, then to a random one. Returns index arrays ``(i_a, i_p, i_n)``."""
    labels = np.asarray(labels).reshape(-1)
    if mode not in ("random", "semi-hard"):
        raise ValueError(f"select_triplets: mode must be 'random' or 'semi-hard', got {mode!r}.")
    if E.shape[1] != labels.size:
        raise ValueError(f"select_triplets: E has {E.shape[1]} columns but there are {labels.size} labels; "
                         f"E must be (n_e, m) with one label per column.")
    D = embedding_distances(E, E)
    ia, ip, ineg = [], [], []
    for a in range(labels.size):
        same = np.flatnonzero(labels == labels[a])
        same = same[same != a]
        other = np.flatnonzero(labels != labels[a])
        if same.size == 0 or other.size == 0:
            continue
        p = same[rng.integers(0, same.size)]
        n = other[rng.integers(0, other.size)]
        if mode == "semi-hard":
            d_an = D[a, other]
            ok = (d_an > D[a, p]) & (d_an < D[a, p] + alpha)
            if ok.any():
                cand = other[ok]
                n = cand[np.argmin(D[a, cand])]
        ia.append(a), ip.append(p), ineg.append(n)
    return np.array(ia), np.array(ip), np.array(ineg)


class FaceEncoder:
    """``layers`` (ending in a linear Dense(n_e)) as a dl.Sequential body, then L2 normalization.

    ``embed(X) -> E (n_e, m)``; ``triplet_step(X, i_a, i_p, i_n, alpha) -> (J, grads)`` with the
    gradient of the MEAN triplet loss over the batch, for dl-style optimizers."""

    def __init__(self, layers, input_shape, rng):
        self.model = Sequential(layers, input_shape=input_shape, loss="softmax_cross_entropy", rng=rng)
        self.params = self.model.params

    def _forward(self, X, training):
        A, caches = X, []
        for layer in self.model.layers:
            A, c = layer.forward(A, self.params, self.model, training)
            caches.append(c)
        E, c = l2_normalize_forward(A)
        return E, caches, c

    def embed(self, X, batch=256):
        return np.concatenate([self._forward(X[i:i + batch], False)[0] for i in range(0, len(X), batch)], axis=1)

    def triplet_step(self, X, i_a, i_p, i_n, alpha=0.2):
        idx = np.concatenate([i_a, i_p, i_n])
        uniq, inv = np.unique(idx, return_inverse=True)
        E, caches, c = self._forward(X[uniq], True)
        k = len(i_a)
        A, P, N = E[:, inv[:k]], E[:, inv[k:2 * k]], E[:, inv[2 * k:]]
        J, (dA, dP, dN) = triplet_loss(A, P, N, alpha)
        dE = np.zeros_like(E)
        for d, cols in ((dA, inv[:k]), (dP, inv[k:2 * k]), (dN, inv[2 * k:])):
            np.add.at(dE, (slice(None), cols), d / k)
        dZ = l2_normalize_backward(dE, c)
        grads = {}
        for i in range(len(self.model.layers) - 1, -1, -1):
            dZ, g = self.model.layers[i].backward(dZ, caches[i], self.params, need_dA=i > 0)
            grads.update(g)
        return J / k, grads


def fit_face_encoder(enc, X, labels, rng, epochs=5, ids_per_batch=20, learning_rate=0.003,
                     mode="semi-hard", alpha=0.2):
    """Train ``enc`` with Adam on triplets chosen inside batches of ``ids_per_batch`` identities
    (all their photos). Returns the list of mean batch losses."""
    from ..optim.optimizers import adam, make_optimizer_configs
    labels = np.asarray(labels).reshape(-1)
    ids = np.unique(labels)
    configs = make_optimizer_configs(enc.params, "adam", learning_rate)
    losses = []
    for _ in range(epochs):
        perm = rng.permutation(ids)
        for b in range(0, len(perm), ids_per_batch):
            sel = np.flatnonzero(np.isin(labels, perm[b:b + ids_per_batch]))
            E = enc.embed(X[sel])
            ia, ip, ineg = select_triplets(E, labels[sel], rng, mode, alpha)
            J, g = enc.triplet_step(X[sel], ia, ip, ineg, alpha)
            for k, dw in g.items():
                enc.params[k], configs[k] = adam(enc.params[k], dw, configs[k])
            losses.append(J)
    return losses


def verification_roc(d, same):
    """False/true positive rates at every threshold: accept a pair when ``d <= threshold``.

    ``d``: distances of pairs, ``same``: 1 for pairs of one person. Returns ``(fpr, tpr, thresholds)``."""
    d, same = np.asarray(d, float).reshape(-1), np.asarray(same).reshape(-1).astype(bool)
    if d.shape != same.shape or not same.any() or same.all():
        raise ValueError("verification_roc: d and same must have one entry per pair, with both same-person "
                         f"and different-person pairs; got {d.shape} and {same.shape} ({same.sum()} same).")
    th = np.concatenate([[-np.inf], np.sort(d)])
    tpr = np.array([(d[same] <= t).mean() for t in th])
    fpr = np.array([(d[~same] <= t).mean() for t in th])
    return fpr, tpr, th


def best_threshold(d, same):
    """Threshold (midpoint between sorted distances) with the best accuracy on these pairs -> (t, acc)."""
    d, same = np.asarray(d, float).reshape(-1), np.asarray(same).reshape(-1).astype(bool)
    s = np.sort(d)
    cands = np.concatenate([[s[0] - 1e-6], (s[1:] + s[:-1]) / 2, [s[-1] + 1e-6]])
    accs = np.array([((d <= t) == same).mean() for t in cands])
    i = int(np.argmax(accs))
    return float(cands[i]), float(accs[i])


def recognize(E_query, E_db, db_labels, threshold):
    """Nearest enrolled embedding for each query column; label -1 ("not in the database") when the
    distance exceeds ``threshold``. Returns ``(labels, distances)``."""
    D = embedding_distances(E_query, E_db)
    j = np.argmin(D, axis=1)
    dist = D[np.arange(D.shape[0]), j]
    labels = np.where(dist <= threshold, np.asarray(db_labels).reshape(-1)[j], -1)
    return labels, dist


def pair_features(E1, E2):
    """The binary-classification alternative: per pair, |e1 - e2| elementwise -> ``(n_e, m)`` for a
    logistic unit that says 'same person' (the course's sigmoid over |f(x_i) - f(x_j)|)."""
    return np.abs(E1 - E2)
