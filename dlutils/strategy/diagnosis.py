"""Course 3: diagnosis from errors. ``diagnose`` computes the four gaps of the lecture (avoidable bias =
train - human, variance = train-dev - train (or dev - train without a train-dev set), data
mismatch = dev - train-dev, overfitting to dev = test - dev), names the largest and gives the
next steps of the basic recipe (``RECIPE``).

Layout: ``X`` is ``(n_x, m)``; errors are in percent. Taught in: c3/02_human_level_performance, c3/03_error_analysis_and_mismatched_data.
"""
from dataclasses import dataclass, field

import numpy as np


__all__ = ['RECIPE', 'Diagnosis', 'diagnose']


RECIPE = {
    "avoidable bias": ["train a bigger model (more units or layers)",
                       "train longer or with a better optimizer (momentum, RMSprop, Adam)",
                       "reduce regularization (smaller lambd, keep_prob closer to 1)",
                       "search for a better architecture or hyperparameters"],
    "variance": ["get more training data",
                 "add regularization (L2, dropout, data augmentation)",
                 "search for a better architecture or hyperparameters"],
    "data mismatch": ["do error analysis to see how training and dev data differ",
                      "make training data more like dev data: collect more of it, or synthesize it "
                      "(beware overfitting to a small synthetic sample)"],
    "overfitting to dev": ["get a bigger dev set (you tuned to this one)"],
}


@dataclass
class Diagnosis:
    """The gaps between the errors (percentage points) and what to do next."""
    errors: dict
    gaps: dict
    dominant: str
    next_steps: list = field(default_factory=list)
    surpassed_human: bool = False

    def __str__(self):
        rows = [f"{k:>15s} error {v:6.2f} %" for k, v in self.errors.items() if v is not None]
        rows += [f"{k:>18s} gap {v:6.2f}" for k, v in self.gaps.items()]
        rows.append(f"dominant problem: {self.dominant}")
        rows += [f"  next: {s}" for s in self.next_steps]
        return "\n".join(rows)


def _pct(func, name, v, required=True):
    if v is None and not required:
        return None
    try:
        x = float(v)
    except (TypeError, ValueError):
        raise ValueError(f"{func}: {name} must be an error rate in percent (0-100), got {v!r}.")
    if not np.isfinite(x) or not 0 <= x <= 100:
        raise ValueError(f"{func}: {name} must be an error rate in percent between 0 and 100, got {v!r}"
                         f"; accuracy 97 % is an error of 3 %.")
    return x


def diagnose(human_error, train_error, dev_error, *, train_dev_error=None, test_error=None,
             tolerance=0.5):
    """Read avoidable bias, variance, data mismatch and dev overfitting off the errors (percent).

    ``dominant`` is the largest gap above ``tolerance``; when the training error is below the
    human-level proxy, avoidable bias is no longer measurable (``surpassed_human``).
    """
    f = "diagnose"
    h, tr, dv = _pct(f, "human_error", human_error), _pct(f, "train_error", train_error), \
        _pct(f, "dev_error", dev_error)
    td = _pct(f, "train_dev_error", train_dev_error, required=False)
    te = _pct(f, "test_error", test_error, required=False)
    gaps = {"avoidable bias": tr - h}
    if td is None:
        gaps["variance"] = dv - tr
    else:
        gaps["variance"] = td - tr
        gaps["data mismatch"] = dv - td
    if te is not None:
        gaps["overfitting to dev"] = te - dv
    surpassed = tr < h
    candidates = {k: v for k, v in gaps.items() if v > tolerance}
    if candidates:
        dominant = max(candidates, key=candidates.get)
        steps = list(RECIPE[dominant])
    elif surpassed:
        dominant = "none (surpassed human level)"
        steps = ["the human-level proxy no longer shows the avoidable bias: use error analysis "
                 "on the remaining errors, or a better estimate of Bayes error"]
    else:
        dominant = "none"
        steps = ["close to human level with no large gap: only a better proxy for Bayes error "
                 "or error analysis will show what is left"]
    errors = {"human-level": h, "train": tr, "train-dev": td, "dev": dv, "test": te}
    return Diagnosis(errors, {k: round(v, 6) for k, v in gaps.items()}, dominant, steps, surpassed)
