"""Mini-batches: shuffle the examples once per epoch, then partition; the last batch may be smaller.

Layout: ``X`` is ``(n_x, m)`` (one example per column) by default; ``batch_axis`` says where
the examples run in other layouts: ``batch_axis=0`` for image batches ``(m, n_H, n_W, n_C)``,
``batch_axis=1`` (the default) also for sequences ``(n_x, m, T_x)``. ``Y`` is always
``(n_y, m)`` or per step ``(n_y, m, T_y)``: its examples run along axis 1.
Taught in: c2/04_optimization (and the Course 4-5 training runs through ``dl.train``).
"""
from ..validation import check_array, check_rng

__all__ = ["random_mini_batches"]


def random_mini_batches(X, Y, mini_batch_size=64, rng=None, *, batch_axis=1):
    """Shuffle the examples of ``X``/``Y`` together, then cut them into batches.

    ``batch_axis``: the axis of ``X`` that indexes examples (1 for ``(n_x, m)`` and
    ``(n_x, m, T)``, 0 for ``(m, n_H, n_W, n_C)``); ``Y`` is cut along axis 1.
    Returns a list of ``(X_batch, Y_batch)``; every batch has ``mini_batch_size`` examples
    except possibly the last, which holds the remainder ``m % mini_batch_size``.
    """
    func = "random_mini_batches"
    if batch_axis not in (0, 1):
        raise ValueError(f"{func}: batch_axis must be 1 (X is (n_x, m) or (n_x, m, T)) or 0 "
                         f"(X is (m, n_H, n_W, n_C)), got {batch_axis!r}.")
    if batch_axis == 1:
        X = check_array(func, "X", X, finite=False)
        if X.ndim not in (2, 3):
            raise ValueError(f"{func}: X has shape {X.shape}; with batch_axis=1 it must be (n_x, m) or "
                             f"(n_x, m, T) - for image batches (m, n_H, n_W, n_C) pass batch_axis=0.")
    else:
        X = check_array(func, "X", X, finite=False)
        if X.ndim < 2:
            raise ValueError(f"{func}: X has shape {X.shape}; with batch_axis=0 it must be "
                             f"(m, ...) such as (m, n_H, n_W, n_C).")
    Y = check_array(func, "Y", Y, finite=False)
    if Y.ndim not in (2, 3):
        raise ValueError(f"{func}: Y must be 2-D (n_y, m) or 3-D (n_y, m, T) but has shape {Y.shape}; "
                         f"reshape labels with Y.reshape(1, -1).")
    if X.shape[batch_axis] != Y.shape[1]:
        where = "columns" if batch_axis == 1 else "rows (axis 0)"
        hint = ""
        if batch_axis == 1 and X.ndim == 4:
            hint = " - for image batches (m, n_H, n_W, n_C) pass batch_axis=0"
        elif batch_axis == 1 and X.shape[0] == Y.shape[1]:
            hint = " - X looks like (m, n_x): pass X.T, or batch_axis=0 for images"
        raise ValueError(f"{func}: X has {X.shape[batch_axis]} examples ({where}) but Y has {Y.shape[1]} "
                         f"(axis 1); X is {X.shape}, Y is {Y.shape} and both must hold the same m{hint}.")
    if isinstance(mini_batch_size, bool) or int(mini_batch_size) != mini_batch_size or mini_batch_size < 1:
        raise ValueError(f"{func}: mini_batch_size must be a positive int, got {mini_batch_size!r}.")
    check_rng(func, rng)
    return _shuffled_batches(X, Y, int(mini_batch_size), rng, batch_axis)


def _shuffled_batches(X, Y, size, rng, batch_axis=1):
    """``random_mini_batches`` without the checks (the training loop validated the data once)."""
    m = Y.shape[1]
    perm = rng.permutation(m)
    if batch_axis == 1:
        Xs, Ys = X[:, perm], Y[:, perm]
        return [(Xs[:, k:k + size], Ys[:, k:k + size]) for k in range(0, m, size)]
    Xs, Ys = X[perm], Y[:, perm]
    return [(Xs[k:k + size], Ys[:, k:k + size]) for k in range(0, m, size)]
