"""What a training run recorded (``History``) and how a model is scored at a record.

One record = one moment of training, labelled by ``history.iterations[j]``: the number of
gradient updates the parameters had received when the record was taken. Everything in record
``j`` (cost, train/dev accuracy, dev cost, learning rate) belongs to those parameters, except
the mini-batch cost, which is a mean over the batches since the previous record (see
``History``). ``dl.train``, ``Sequential.fit`` and the panels all fill it through the one loop
in ``training.py``.

Layouts the scoring accepts (``Y`` is always split along axis 1): labels ``(1, m)`` for one
sigmoid output, one-hot ``(C, m)`` for softmax, and per-step outputs ``(1, m, T)`` /
``(C, m, T)`` (sequence models): the cost is then the mean over examples AND steps.
Taught in: c1/02, c1/05 (reading costs), c2/02 (dev curves), c2/04 (epochs).
"""
from dataclasses import dataclass, field

import numpy as np

__all__ = ["History", "evaluate"]


@dataclass
class History:
    """What happened during training: one entry per record in every list.

    ``iterations[j]``: gradient updates applied to the parameters of record ``j``
    (``steps`` is the same list under its old name).

    Full batch (``dl.train(..., num_iterations=N, record_every=r)``): records at iterations
    ``0, r, 2r, ...`` and a last one at ``N``. ``costs[j]`` is the training cost (with L2;
    with dropout, of that step's masks) of the parameters after ``iterations[j]`` updates,
    i.e. the number the course prints as "Cost after iteration i"; the record is taken before
    the next update, so ``train_acc``/``dev_costs``/``dev_acc`` score the same parameters.
    The cost at ``N`` needs one extra training pass after the last update.

    Mini-batches (``num_epochs``): a record after every ``record_every``-th epoch (and the
    last one); ``epochs[j]`` is the (0-based) epoch just finished, ``iterations[j]`` the
    updates so far, and ``costs[j]`` the MEAN of the batch costs since the previous record
    (each computed before its own update: the course's "Cost after epoch e" for
    ``record_every=1``), so it belongs to iterations ``iterations[j-1] .. iterations[j] - 1``.
    The accuracies score the parameters after ``iterations[j]`` updates.

    ``hyperparameters`` holds what training used; ``diverged``/``message`` say whether and
    where the cost became NaN/inf or exploded; ``stopped_early`` that a callback said stop.
    """
    iterations: list = field(default_factory=list)     # updates applied at each record
    epochs: list = field(default_factory=list)
    costs: list = field(default_factory=list)          # training cost (see the docstring)
    train_acc: list = field(default_factory=list)      # % on the whole training set
    dev_costs: list = field(default_factory=list)
    dev_acc: list = field(default_factory=list)
    learning_rates: list = field(default_factory=list)
    hyperparameters: dict = field(default_factory=dict)
    diverged: bool = False
    stopped_early: bool = False
    message: str = ""
    seconds: float = 0.0
    first_cost: float = None                           # cost of the first step: divergence's yardstick

    @property
    def steps(self):
        """The same list as ``iterations`` (its older name)."""
        return self.iterations

    def add_record(self, model, X, Y, X_dev, Y_dev, *, step, epoch, cost, learning_rate, score=True):
        """Append one record: iteration ``step``, ``epoch``, ``cost`` and learning rate, and
        (``score=True``) the model's accuracy on the already validated training set and, if
        given, dev cost/accuracy. Scoring runs a prediction pass on the whole set: a record is
        the expensive moment of a loop, so loops record every ``record_every`` steps."""
        self.iterations.append(int(step))
        self.epochs.append(int(epoch))
        self.costs.append(float(cost))
        self.learning_rates.append(float(learning_rate))
        if score:
            self.train_acc.append(_evaluate(model, X, Y)[1])
            if X_dev is not None:
                c, a = _evaluate(model, X_dev, Y_dev)
                self.dev_costs.append(c)
                self.dev_acc.append(a)

    def mark_diverged(self, what, step, **hyperparameters):
        """Record a divergence with the step, the hyperparameters in use and the usual fix."""
        used = ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}"
                         for k, v in hyperparameters.items())
        self.diverged = True
        self.message = (f"training diverged at step {step}: {what} with {used} - "
                        f"learning rate too large? Try a value 3-10x smaller.")

    @property
    def final(self):
        """Last recorded numbers as a dict (``None`` where nothing was recorded)."""
        last = lambda xs: xs[-1] if xs else None  # noqa: E731
        return {"cost": last(self.costs), "train_acc": last(self.train_acc),
                "dev_cost": last(self.dev_costs), "dev_acc": last(self.dev_acc),
                "steps": last(self.iterations), "iterations": last(self.iterations),
                "diverged": self.diverged}


def evaluate(model, X, Y):
    """``(cost, accuracy %)`` of ``model`` on ``X``/``Y`` without updating it (no dropout, no L2).

    ``Y``: ``(1, m)`` 0/1, one-hot ``(C, m)``, or per step ``(1, m, T)`` / ``(C, m, T)``."""
    if hasattr(model, "check_inputs"):
        X, Y = model.check_inputs(X, Y, func="evaluate")
    return _evaluate(model, X, Y)


def _evaluate(model, X, Y):
    """``evaluate`` without the input checks (the training loop validated the data once).

    Cross-entropy averaged over the examples (and steps, for ``(C, m, T)``); accuracy = share
    of (example, step) positions whose argmax class (softmax) or ``P > 0.5`` (sigmoid) is right."""
    P = model._loss(X) if hasattr(model, "_loss") else model.loss(X)
    n = Y.shape[1] * (int(np.prod(Y.shape[2:])) if Y.ndim > 2 else 1)
    if getattr(model, "output", "sigmoid") == "softmax" or P.shape[0] > 1:
        cost = float(-np.sum(Y * np.log(np.clip(P, 1e-12, 1.0))) / n)
        acc = float(100.0 * np.mean(np.argmax(P, axis=0) == np.argmax(Y, axis=0)))
    else:
        Pc = np.clip(P, 1e-12, 1 - 1e-12)
        cost = float(-np.mean(Y * np.log(Pc) + (1 - Y) * np.log(1 - Pc)))
        acc = float(100.0 * np.mean((P > 0.5) == (Y > 0.5)))
    return cost, acc
