"""Course 3, ML strategy as library code: diagnosis from errors, error-analysis tallies,
metric helpers, satisficing model choice, quiz checking, and the masked multi-task loss.

- ``diagnose(human_error, train_error, dev_error, train_dev_error=, test_error=)``: the four
  gaps of the lecture (avoidable bias = train - human, variance = train-dev - train (or dev -
  train without a train-dev set), data mismatch = dev - train-dev, overfitting to dev = test -
  dev), which one dominates, and the next steps from the basic recipe. Errors are in percent.
- ``error_analysis(misclassified, causes, dev_error)``: tally of misclassified dev examples by
  cause, each cause's share of the errors and the ceiling of fixing it.
- ``dev_accuracy_spread``: accuracy measured on many random dev sets of one size.
- ``pick_model``: the most accurate candidate whose satisficing metrics stay under limits.
- ``Question`` / ``check_answer``: the case studies' diagnostic exercises.
- ``masked_sigmoid_cross_entropy_with_logits`` and ``MultiTaskNet``: multi-task learning with
  missing labels (marked ``MISSING = -1``):
  ``J = 1/m sum_i sum_{j: y_ij known} L(sigmoid(z_ij), y_ij)``.

Layout: ``X`` is ``(n_x, m)``, multi-task labels ``(n_tasks, m)``. Taught in: c3/01-05.
"""
import time
from dataclasses import dataclass, field

import numpy as np

from .activations import sigmoid
from .dense import linear_forward, linear_backward, check_parameters
from .initializers import initialize_parameters
from .validation import check_array, check_rng

__all__ = ["RECIPE", "Diagnosis", "diagnose", "error_analysis", "dev_accuracy_spread",
           "accuracy_standard_error", "weighted_error", "pick_model", "prediction_time",
           "parameter_memory", "Question", "Feedback", "check_answer", "MISSING",
           "masked_sigmoid_cross_entropy_with_logits", "MultiTaskNet", "hidden_features"]

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


# --------------------------------------------------------------------------- quizzes
@dataclass
class Question:
    """A diagnostic exercise: ``choices`` with one ``explanations`` entry each; ``answer`` is the
    index of the right choice."""
    prompt: str
    choices: list
    answer: int
    explanations: list

    def __post_init__(self):
        if len(self.choices) < 2 or len(self.explanations) != len(self.choices):
            raise ValueError(f"Question: needs >= 2 choices and one explanation per choice, got "
                             f"{len(self.choices)} choices and {len(self.explanations)} explanations.")
        if not 0 <= int(self.answer) < len(self.choices):
            raise ValueError(f"Question: answer must index a choice (0..{len(self.choices) - 1}), "
                             f"got {self.answer!r}.")


@dataclass
class Feedback:
    correct: bool
    message: str


def check_answer(question, choice):
    """``Feedback(correct, message)`` for a choice given by index or by its text."""
    func = "check_answer"
    if isinstance(choice, str):
        if choice not in question.choices:
            raise ValueError(f"{func}: {choice!r} is not one of the choices {question.choices}.")
        i = question.choices.index(choice)
    elif choice is None:
        raise ValueError(f"{func}: no choice made; pick one of the {len(question.choices)} options.")
    else:
        i = int(choice)
        if not 0 <= i < len(question.choices):
            raise ValueError(f"{func}: choice {choice!r} is out of range 0..{len(question.choices) - 1}.")
    ok = i == question.answer
    head = "Right. " if ok else "Not quite. "
    msg = head + question.explanations[i]
    if not ok:
        msg += f" The better answer: {question.choices[question.answer]!r} - {question.explanations[question.answer]}"
    return Feedback(ok, msg)


# --------------------------------------------------------------------------- multi-task
MISSING = -1


def masked_sigmoid_cross_entropy_with_logits(Z, Y):
    """Multi-label cross-entropy of ``sigmoid(Z)`` that skips entries with ``Y == MISSING``.

    ``J = 1/m sum_i sum_{j known} [max(z,0) - z y + log(1 + e^-|z|)]``; returns ``(cost, dZ)``
    with ``dZ = known * (sigmoid(Z) - Y) / m``.
    """
    func = "masked_sigmoid_cross_entropy_with_logits"
    Z = check_array(func, "Z", Z, ndim=2)
    Y = check_array(func, "Y", Y, ndim=2)
    if Z.shape != Y.shape:
        raise ValueError(f"{func}: Z has shape {Z.shape} but Y has shape {Y.shape}; both are "
                         f"(n_tasks, m).")
    if not np.all((Y == 0) | (Y == 1) | (Y == MISSING)):
        raise ValueError(f"{func}: Y must hold 0, 1 or MISSING (-1) for an unknown label.")
    known = (Y != MISSING).astype(float)
    Yk = np.where(known > 0, Y, 0.0)
    m = Y.shape[1]
    cost = float(np.sum(known * (np.maximum(Z, 0) - Z * Yk + np.log1p(np.exp(-np.abs(Z))))) / m)
    return cost, known * (sigmoid(Z) - Yk) / m


class MultiTaskNet:
    """[LINEAR -> ReLU] * (L-1) -> LINEAR -> sigmoid per task, trained with the masked loss.

    ``layer_dims = [n_x, ..., n_tasks]``; ``params`` (e.g. a pre-trained body) or ``rng`` for He
    initialization. ``predict(X)`` gives ``(n_tasks, m)`` 0/1 labels.
    """
    output = "multi-label"

    def __init__(self, layer_dims, rng=None, params=None):
        self.layer_dims = [int(d) for d in layer_dims]
        self.L = len(self.layer_dims) - 1
        if params is None:
            params = initialize_parameters(self.layer_dims, "he", rng)
        else:
            check_parameters("MultiTaskNet", params, n_x=self.layer_dims[0])
            params = {k: np.array(v, dtype=float) for k, v in params.items()}
        self.params = params

    def check_inputs(self, X, Y=None, func="MultiTaskNet.loss"):
        X = check_array(func, "X", X, ndim=2, shape=(self.layer_dims[0], None),
                        hint="X is (n_x, m), one example per column.")
        if Y is not None:
            Y = check_array(func, "Y", Y, ndim=2, shape=(self.layer_dims[-1], X.shape[1]),
                            hint="Y is (n_tasks, m) with MISSING (-1) for unknown labels.")
        return X, Y

    def _loss(self, X, Y=None):
        A, caches = X, []
        for l in range(1, self.L + 1):
            Z, lin = linear_forward(A, self.params[f"W{l}"], self.params[f"b{l}"])
            caches.append((lin, Z))
            A = np.maximum(Z, 0) if l < self.L else Z
        if Y is None:
            return sigmoid(A)
        cost, dZ = masked_sigmoid_cross_entropy_with_logits(A, Y)
        grads = {}
        for l in range(self.L, 0, -1):
            dA, grads[f"W{l}"], grads[f"b{l}"] = linear_backward(dZ, caches[l - 1][0], need_dA_prev=l > 1)
            if l > 1:
                dZ = dA * (caches[l - 2][1] > 0)
        return cost, grads

    def loss(self, X, Y=None):
        X, Y = self.check_inputs(X, Y)
        return self._loss(X, Y)

    def predict(self, X):
        return (self.loss(X) > 0.5).astype(np.int64)


def hidden_features(model, X, layer=None):
    """Activations of hidden ``layer`` (default: the last hidden layer) of a ReLU ``DeepNet`` or
    ``MultiTaskNet``, shape ``(n[layer], m)``: the representation transfer learning re-uses."""
    L = check_parameters("hidden_features", model.params, n_x=np.shape(X)[0])
    if getattr(model, "hidden_activation", "relu") != "relu":
        raise ValueError(f"hidden_features: expects a ReLU net, got hidden_activation="
                         f"{model.hidden_activation!r}.")
    layer = L - 1 if layer is None else int(layer)
    if not 1 <= layer < L:
        raise ValueError(f"hidden_features: layer must be a hidden layer 1..{L - 1}, got {layer!r}.")
    A = np.asarray(X, dtype=float)
    for l in range(1, layer + 1):
        A = np.maximum(model.params[f"W{l}"] @ A + model.params[f"b{l}"], 0)
    return A
