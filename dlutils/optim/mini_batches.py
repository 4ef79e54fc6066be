"""Mini-batches: shuffle the columns once per epoch, then partition; the last batch may be smaller.

Layout: ``X`` is ``(n_x, m)`` and ``Y`` is ``(n_y, m)``, one example per column. Taught in: c2/04_optimization.
"""

from ..validation import check_array, check_rng

__all__ = ["random_mini_batches"]


def random_mini_batches(X, Y, mini_batch_size=64, rng=None):
    """Shuffle the columns of ``X``/``Y`` together, then cut them into batches.

    Returns a list of ``(X_batch, Y_batch)``; every batch has ``mini_batch_size`` columns
    except possibly the last, which holds the remainder ``m % mini_batch_size``.
    """
    func = "random_mini_batches"
    X = check_array(func, "X", X, ndim=2, finite=False)
    Y = check_array(func, "Y", Y, ndim=2, finite=False)
    if X.shape[1] != Y.shape[1]:
        raise ValueError(f"{func}: X has {X.shape[1]} examples (columns) but Y has {Y.shape[1]}; "
                         f"both are (n, m) with one example per column.")
    if int(mini_batch_size) != mini_batch_size or mini_batch_size < 1:
        raise ValueError(f"{func}: mini_batch_size must be a positive int, got {mini_batch_size!r}.")
    check_rng(func, rng)
    m = X.shape[1]
    perm = rng.permutation(m)
    Xs, Ys = X[:, perm], Y[:, perm]
    size = int(mini_batch_size)
    return [(Xs[:, k:k + size], Ys[:, k:k + size]) for k in range(0, m, size)]
