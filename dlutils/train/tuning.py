"""Hyperparameter search: random sampling on the right scale, a results table, coarse to fine.

API (stable; the notebooks use these names)::

    space = {"learning_rate": ("log", 1e-4, 1),          # 10**u, u uniform in [-4, 0]
             "beta": ("one_minus_log", 0.9, 0.999),       # 1 - 10**u, u uniform in [-3, -1]
             "n_h": ("int", 2, 50),                       # integers 2..50 inclusive
             "lambd": ("linear", 0, 1),                   # uniform in [0, 1]
             "optimizer": ("choice", ["momentum", "adam"]),
             "num_epochs": 20}                             # a constant: passed through
    trials = dl.sample_hyperparameters(rng, 20, space)    # list of 20 dicts
    results = dl.random_search(train_and_score, space, n_trials=20, rng=rng)   # maximize=True
    results.best()            # the best trial: {"trial": 7, "learning_rate": ..., "score": ...}
    print(results)            # table sorted best first (also results.table(top=10))
    fine = dl.coarse_to_fine(space, results, top_k=5)      # narrowed ranges, same kinds
    results2 = dl.random_search(train_and_score, fine, n_trials=20, rng=rng)

``train_and_score(**hyperparameters)`` returns a number (the score; higher is better unless
``maximize=False``) or a dict holding ``"score"`` plus any other metrics to show in the table.
A trial that raises or returns NaN is kept with score NaN and its error, sorted last.

Why these scales (lecture): sampling the learning rate uniformly in [1e-4, 1] puts 90 % of
the trials in [0.1, 1]; sampling the exponent uniformly gives each decade the same share.
``beta`` near 1 matters on the scale of ``1 - beta`` (0.9 -> averages ~10 values, 0.999 -> ~1000).
Taught in: c2/05_hyperparameter_tuning.
"""
import math

import numpy as np

from ..validation import check_rng

__all__ = ["sample_hyperparameters", "random_search", "coarse_to_fine", "SearchResults", "SCALES"]

SCALES = ("log", "one_minus_log", "linear", "int", "log_int", "choice")


def _check_space(func, space):
    if not isinstance(space, dict) or not space:
        raise ValueError(f"{func}: space must be a non-empty dict name -> (scale, low, high), "
                         f"e.g. {{'learning_rate': ('log', 1e-4, 1)}}; got {space!r}.")
    for name, spec in space.items():
        if not isinstance(spec, tuple):
            continue                                  # a constant
        if not spec or spec[0] not in SCALES:
            raise ValueError(f"{func}: {name!r} has spec {spec!r}; the first item must be one of {SCALES} "
                             f"(a constant value is given bare, not in a tuple).")
        kind = spec[0]
        if kind == "choice":
            if len(spec) != 2 or not len(spec[1]):
                raise ValueError(f"{func}: {name!r}: a choice is ('choice', [option, ...]), got {spec!r}.")
            continue
        if len(spec) != 3:
            raise ValueError(f"{func}: {name!r}: expected ({kind!r}, low, high), got {spec!r}.")
        lo, hi = spec[1], spec[2]
        if not (np.isfinite(lo) and np.isfinite(hi)) or lo > hi:
            raise ValueError(f"{func}: {name!r}: need finite low <= high, got low={lo!r}, high={hi!r}.")
        if kind in ("log", "log_int") and lo <= 0:
            raise ValueError(f"{func}: {name!r}: a log scale needs low > 0, got {lo!r}; "
                             f"use ('linear', 0, {hi}) to include 0.")
        if kind == "one_minus_log" and not (0 <= lo <= hi < 1):
            raise ValueError(f"{func}: {name!r}: 'one_minus_log' samples beta in [low, high] with "
                             f"0 <= low <= high < 1 (e.g. 0.9, 0.999), got {lo!r}, {hi!r}.")
        if kind in ("int", "log_int") and (int(lo) != lo or int(hi) != hi):
            raise ValueError(f"{func}: {name!r}: int bounds must be whole numbers, got {lo!r}, {hi!r}.")


def _draw(rng, spec):
    if not isinstance(spec, tuple):
        return spec
    kind = spec[0]
    if kind == "choice":
        options = list(spec[1])
        return options[int(rng.integers(len(options)))]
    lo, hi = spec[1], spec[2]
    if kind == "linear":
        return float(rng.uniform(lo, hi))
    if kind == "log":
        return float(10 ** rng.uniform(math.log10(lo), math.log10(hi)))
    if kind == "one_minus_log":
        # u uniform between log10(1 - high) and log10(1 - low); beta = 1 - 10**u
        return float(1 - 10 ** rng.uniform(math.log10(1 - hi), math.log10(1 - lo)))
    if kind == "int":
        return int(rng.integers(int(lo), int(hi) + 1))
    if kind == "log_int":   # integers spread evenly in log (e.g. hidden units 4..512)
        return int(min(hi, max(lo, round(10 ** rng.uniform(math.log10(lo), math.log10(hi + 0.5))))))
    raise AssertionError(kind)


def sample_hyperparameters(rng, n, space):
    """``n`` random settings (a list of dicts) drawn from ``space`` (see the module docstring)."""
    func = "sample_hyperparameters"
    check_rng(func, rng)
    if int(n) != n or n < 1:
        raise ValueError(f"{func}: n must be a positive int (number of settings), got {n!r}.")
    _check_space(func, space)
    return [{name: _draw(rng, spec) for name, spec in space.items()} for _ in range(int(n))]


class SearchResults(list):
    """A list of trial dicts (``trial``, the hyperparameters, ``score``, extra metrics) with helpers.

    ``best()`` the best trial, ``best(k)`` the top k; ``sorted()`` best first (NaN last);
    ``table(top=None)`` a text table; ``column(name)`` a numpy array; printing shows the table.
    """

    def __init__(self, trials=(), maximize=True, names=()):
        super().__init__(trials)
        self.maximize = maximize
        self.names = list(names)

    def _key(self, trial):
        s = trial.get("score", float("nan"))
        if s is None or not np.isfinite(s):
            return (1, 0.0)
        return (0, -s if self.maximize else s)

    def sorted(self):
        return SearchResults(sorted(self, key=self._key), self.maximize, self.names)

    def best(self, k=None):
        if not self:
            raise ValueError("SearchResults.best: no trials yet; run dl.random_search first.")
        ranked = self.sorted()
        return ranked[0] if k is None else SearchResults(ranked[:k], self.maximize, self.names)

    def column(self, name):
        return np.array([t.get(name, np.nan) for t in self], dtype=object if name in self._texts() else float)

    def _texts(self):
        return {k for t in self for k, v in t.items() if isinstance(v, str)}

    def table(self, top=None, digits=4):
        rows = self.sorted()[:top] if top else self.sorted()
        if not rows:
            return "(no trials)"
        keys = ["trial"] + [k for k in self.names if k != "trial"]
        extra = [k for t in rows for k in t if k not in keys and k not in ("score", "error")]
        keys += list(dict.fromkeys(extra)) + ["score"]

        def fmt(v):
            if isinstance(v, float):
                return "nan" if not np.isfinite(v) else f"{v:.{digits}g}"
            return str(v)

        cells = [[fmt(t.get(k, "")) for k in keys] for t in rows]
        widths = [max(len(k), *(len(c[i]) for c in cells)) for i, k in enumerate(keys)]
        head = "  ".join(k.rjust(w) for k, w in zip(keys, widths))
        lines = [head, "-" * len(head)] + ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in cells]
        errors = [t for t in rows if t.get("error")]
        if errors:
            lines.append(f"({len(errors)} trial(s) failed, e.g. trial {errors[0]['trial']}: {errors[0]['error']})")
        order = "higher" if self.maximize else "lower"
        lines.append(f"{len(self)} trials, sorted best first ({order} score is better)")
        return "\n".join(lines)

    def __str__(self):
        return self.table()

    def __repr__(self):
        return self.table()


def random_search(train_and_score, space, n_trials, rng, maximize=True, verbose=False):
    """Run ``train_and_score(**setting)`` on ``n_trials`` random settings; returns ``SearchResults``."""
    func = "random_search"
    if not callable(train_and_score):
        raise ValueError(f"{func}: train_and_score must be a function (**hyperparameters) -> score, "
                         f"got {type(train_and_score).__name__}.")
    settings = sample_hyperparameters(rng, n_trials, space)
    results = SearchResults(maximize=maximize, names=list(space))
    for i, hp in enumerate(settings):
        trial = {"trial": i, **hp}
        try:
            out = train_and_score(**hp)
            if isinstance(out, dict):
                if "score" not in out:
                    raise ValueError(f"{func}: train_and_score returned a dict without 'score': {sorted(out)}")
                trial.update(out)
                trial["score"] = float(out["score"])
            else:
                trial["score"] = float(out)
        except Exception as exc:   # a bad setting is a result, not a crash of the search
            if isinstance(exc, ValueError) and str(exc).startswith(func):
                raise
            trial["score"] = float("nan")
            trial["error"] = f"{type(exc).__name__}: {exc}"
        results.append(trial)
        if verbose:
            print(f"trial {i}: " + ", ".join(f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}"
                                             for k, v in trial.items() if k != "trial"))
    return results


def _to_unit(kind, x):
    """The coordinate in which the scale samples uniformly."""
    if kind in ("log", "log_int"):
        return math.log10(x)
    if kind == "one_minus_log":
        return math.log10(1 - x)
    return float(x)


def _from_unit(kind, u):
    if kind in ("log", "log_int"):
        return 10 ** u
    if kind == "one_minus_log":
        return 1 - 10 ** u
    return u


def coarse_to_fine(space, results, top_k=5, expand=0.25):
    """A narrower space around the ``top_k`` best trials of ``results``.

    For each sampled hyperparameter the new range spans the top trials' values, widened by
    ``expand`` times that span on each side (in the scale's own coordinate: exponent for 'log',
    exponent of 1 - beta for 'one_minus_log') and clipped to the old range. Choices keep the
    options the top trials used; constants stay.
    """
    func = "coarse_to_fine"
    _check_space(func, space)
    if not isinstance(results, SearchResults):
        results = SearchResults(results)
    good = [t for t in results.best(len(results)) if t.get("score") is not None and np.isfinite(t["score"])]
    if not good:
        raise ValueError(f"{func}: no trial has a finite score; fix the failing trials first "
                         f"(see results.table()).")
    if int(top_k) != top_k or top_k < 1:
        raise ValueError(f"{func}: top_k must be a positive int, got {top_k!r}.")
    top = good[:int(top_k)]
    new = {}
    for name, spec in space.items():
        if not isinstance(spec, tuple):
            new[name] = spec
            continue
        kind = spec[0]
        values = [t[name] for t in top if name in t]
        if not values:
            new[name] = spec
            continue
        if kind == "choice":
            new[name] = ("choice", [o for o in spec[1] if o in values])
            continue
        lo_u, hi_u = sorted((_to_unit(kind, spec[1]), _to_unit(kind, spec[2])))
        us = [_to_unit(kind, v) for v in values]
        width = max(max(us) - min(us), 1e-12)
        a, b = max(lo_u, min(us) - expand * width), min(hi_u, max(us) + expand * width)
        lo, hi = sorted((_from_unit(kind, a), _from_unit(kind, b)))
        if kind in ("int", "log_int"):
            lo, hi = int(math.floor(lo + 1e-9)), int(math.ceil(hi - 1e-9))
            lo, hi = max(lo, int(spec[1])), min(hi, int(spec[2]))
        else:
            lo, hi = max(lo, spec[1]), min(hi, spec[2])
        new[name] = (kind, lo, hi)
    return new
