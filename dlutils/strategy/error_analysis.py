"""Course 3: error analysis and dev-set statistics. ``error_analysis`` tallies misclassified dev
examples by cause (each cause's share of the errors and the ceiling of fixing it);
``dev_accuracy_spread`` / ``accuracy_standard_error`` show how much a dev-set accuracy moves
with the dev-set size; ``weighted_error`` is the lecture's metric with per-example weights.

Layout: ``X`` is ``(n_x, m)``; errors are in percent. Taught in: c3/01_goals_and_metrics, c3/03_error_analysis_and_mismatched_data.
"""
import numpy as np

from ..validation import check_rng


__all__ = ['error_analysis', 'dev_accuracy_spread', 'accuracy_standard_error', 'weighted_error']


def _flags(func, name, a, m=None):
    a = np.asarray(a)
    if a.ndim == 2 and a.shape[0] == 1:
        a = a[0]
    if a.ndim != 1:
        raise ValueError(f"{func}: {name} must be a flag per example, shape (m,) or (1, m), got {a.shape}.")
    if a.dtype != bool:
        if not np.all((a == 0) | (a == 1)):
            raise ValueError(f"{func}: {name} must hold True/False (or 0/1) per example.")
        a = a.astype(bool)
    if m is not None and a.size != m:
        raise ValueError(f"{func}: {name} has {a.size} entries but misclassified has {m}; "
                         f"tag every dev example, not only the errors.")
    return a


def error_analysis(misclassified, causes, dev_error=None):
    """Tally misclassified examples by cause (an example may have several causes).

    Returns a list of rows sorted by count (largest first): ``cause``, ``count``, ``share``
    (% of the misclassified examples), and with ``dev_error`` (percent) ``ceiling`` (the most
    the dev error can drop by fixing that cause completely) and ``best_error``.
    """
    func = "error_analysis"
    wrong = _flags(func, "misclassified", misclassified)
    if not isinstance(causes, dict) or not causes:
        raise ValueError(f"{func}: causes must be a dict {{name: flags per example}}, got {type(causes).__name__}.")
    n_wrong = int(wrong.sum())
    rows = []
    for name, flags in causes.items():
        c = _flags(func, f"causes[{name!r}]", flags, wrong.size)
        count = int(np.sum(c & wrong))
        share = 100.0 * count / n_wrong if n_wrong else 0.0
        row = {"cause": name, "count": count, "share": share}
        if dev_error is not None:
            row["ceiling"] = float(dev_error) * share / 100
            row["best_error"] = float(dev_error) - row["ceiling"]
        rows.append(row)
    return sorted(rows, key=lambda r: -r["count"])


def dev_accuracy_spread(correct, n, n_draws, rng):
    """Accuracy (%) measured on ``n_draws`` random dev sets of ``n`` examples drawn (without
    replacement) from a large pool whose per-example correctness is ``correct``."""
    func = "dev_accuracy_spread"
    check_rng(func, rng)
    c = _flags(func, "correct", correct).astype(float)
    if int(n) != n or not 1 <= n <= c.size:
        raise ValueError(f"{func}: n (dev-set size) must be an int in 1..{c.size} (the pool size), got {n!r}.")
    return np.array([100.0 * c[rng.choice(c.size, int(n), replace=False)].mean()
                     for _ in range(int(n_draws))])


def accuracy_standard_error(accuracy_pct, n):
    """``100 sqrt(p (1 - p) / n)``: the binomial spread of an accuracy measured on ``n`` examples."""
    p = float(accuracy_pct) / 100
    return 100.0 * np.sqrt(p * (1 - p) / n)


def weighted_error(Y_pred, Y, weights):
    """``100 * sum_i w_i 1[yhat_i != y_i] / sum_i w_i``: the error when some mistakes cost more."""
    func = "weighted_error"
    Yp, Yt = np.ravel(Y_pred), np.ravel(Y)
    w = np.ravel(np.asarray(weights, dtype=float))
    if not (Yp.size == Yt.size == w.size):
        raise ValueError(f"{func}: Y_pred, Y and weights need one entry per example, got sizes "
                         f"{Yp.size}, {Yt.size}, {w.size}.")
    if np.any(w < 0) or w.sum() <= 0:
        raise ValueError(f"{func}: weights must be >= 0 with a positive sum.")
    return float(100.0 * np.sum(w * (Yp != Yt)) / w.sum())
