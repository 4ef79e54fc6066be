"""GloVe word vectors trained in numpy (Pennington et al. 2014), AdaGrad on mini-batches.

Cost ``J = sum_ij f(X_ij) (theta_i^T e_j + b_i + b'_j - log X_ij)^2`` over the non-zero
co-occurrences, ``f(x) = min(1, (x / x_max)^alpha)``. Parameters: ``W (n_e, V)`` (the theta_i),
``Wc (n_e, V)`` (the context vectors e_j), ``b, bc (V,)``. The vectors used afterwards are
``E = W + Wc`` (n_e, V), one column per word. ``glove_loss`` gives the cost and gradients of a
batch of pairs (gradient-checked); ``train_glove`` loops over shuffled batches and reports
tokens/s (corpus tokens per second of training, epochs x N / time). Taught in: c5/05.
"""
import time

import numpy as np

__all__ = ["glove_weight", "glove_loss", "train_glove"]


def glove_weight(X, x_max=100.0, alpha=0.75):
    """``f(X) = min(1, (X / x_max) ** alpha)``: rare pairs count less, frequent ones are capped."""
    return np.minimum(1.0, (np.asarray(X, float) / x_max) ** alpha)


def glove_loss(params, rows, cols, X, x_max=100.0, alpha=0.75):
    """Cost of the pairs ``(rows[k], cols[k], X[k])`` and gradients keyed like ``params``
    (``W, Wc`` (n_e, V), ``b, bc`` (V,)), gradients accumulated into the columns used."""
    W, Wc, b, bc = params["W"], params["Wc"], params["b"], params["bc"]
    rows, cols = np.asarray(rows), np.asarray(cols)
    if np.any(np.asarray(X) <= 0):
        raise ValueError("glove_loss: X must hold the positive co-occurrences only (log X); "
                         "drop the zero entries first")
    Ti, Ej = W[:, rows], Wc[:, cols]
    diff = np.einsum("nk,nk->k", Ti, Ej) + b[rows] + bc[cols] - np.log(X)
    fw = glove_weight(X, x_max, alpha)
    cost = float(np.sum(fw * diff ** 2))
    g = 2.0 * fw * diff
    dW, dWc = np.zeros_like(W), np.zeros_like(Wc)
    np.add.at(dW.T, rows, (Ej * g).T)
    np.add.at(dWc.T, cols, (Ti * g).T)
    db, dbc = np.bincount(rows, g, W.shape[1]), np.bincount(cols, g, W.shape[1])
    return cost, {"W": dW, "Wc": dWc, "b": db, "bc": dbc}


def train_glove(rows, cols, X, V, n_e, rng, epochs=10, learning_rate=0.05, batch_size=4096,
                x_max=100.0, alpha=0.75, n_tokens=None):
    """AdaGrad on shuffled batches of pairs. Returns ``(E (n_e, V), history)``; ``history`` has
    ``costs`` (mean weighted squared error per epoch), ``seconds``, ``tokens_per_s`` (when
    ``n_tokens`` is given: ``epochs * n_tokens / seconds``) and ``pairs_per_s``."""
    rows, cols, X = np.asarray(rows), np.asarray(cols), np.asarray(X, float)
    if not (rows.shape == cols.shape == X.shape):
        raise ValueError(f"train_glove: rows, cols, X must have one shape, got {rows.shape}, "
                         f"{cols.shape}, {X.shape}; pass the three arrays of cooccurrence_counts")
    scale = 0.5 / n_e
    p = {"W": rng.uniform(-scale, scale, (n_e, V)), "Wc": rng.uniform(-scale, scale, (n_e, V)),
         "b": np.zeros(V), "bc": np.zeros(V)}
    G = {k: np.ones_like(v) for k, v in p.items()}
    costs, t0, n = [], time.perf_counter(), X.size
    for _ in range(epochs):
        order, total = rng.permutation(n), 0.0
        for s in range(0, n, batch_size):
            k = order[s:s + batch_size]
            cost, grads = glove_loss(p, rows[k], cols[k], X[k], x_max, alpha)
            total += cost
            for key, g in grads.items():
                G[key] += g * g
                p[key] -= learning_rate * g / np.sqrt(G[key])
        costs.append(total / n)
    sec = time.perf_counter() - t0
    hist = {"costs": costs, "seconds": sec, "pairs_per_s": epochs * n / sec,
            "tokens_per_s": None if n_tokens is None else epochs * n_tokens / sec}
    return p["W"] + p["Wc"], hist
