"""Course 3: optimizing vs satisficing metrics. ``pick_model`` returns the best candidate on the
optimizing metric among those whose satisficing metrics stay within limits;
``prediction_time`` and ``parameter_memory`` measure two common satisficing metrics.

Layout: ``X`` is ``(n_x, m)``; errors are in percent. Taught in: c3/01_goals_and_metrics.
"""
import time

import numpy as np


__all__ = ['pick_model', 'prediction_time', 'parameter_memory']


def pick_model(candidates, optimize="dev_acc", limits=None, maximize=True):
    """Index of the best candidate by ``optimize`` among those meeting every satisficing limit
    ``{metric: maximum}`` (e.g. ``{"time_ms": 2.0, "memory_kb": 20}``); ``None`` if none does."""
    func = "pick_model"
    if not candidates:
        raise ValueError(f"{func}: candidates is empty; give a list of dicts of metrics.")
    limits = dict(limits or {})
    for key in [optimize, *limits]:
        missing = [i for i, c in enumerate(candidates) if key not in c]
        if missing:
            raise ValueError(f"{func}: candidate(s) {missing} have no {key!r}; every candidate needs "
                             f"the optimizing metric and every limited metric.")
    ok = [i for i, c in enumerate(candidates) if all(c[k] <= v for k, v in limits.items())]
    if not ok:
        return None
    sign = 1 if maximize else -1
    return max(ok, key=lambda i: sign * candidates[i][optimize])


def prediction_time(model, X, repeats=7):
    """Median wall time (seconds) of ``model.predict(X)`` over ``repeats`` runs after a warm-up."""
    model.predict(X)
    times = []
    for _ in range(int(repeats)):
        t0 = time.perf_counter()
        model.predict(X)
        times.append(time.perf_counter() - t0)
    return float(np.median(times))


def parameter_memory(params):
    """Bytes held by the parameter arrays of a model (``model.params``)."""
    return int(sum(np.asarray(v).nbytes for v in params.values()))
