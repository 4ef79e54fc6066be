"""The training loop: (mini-)batch gradient descent with any optimizer rule, a history and callbacks.

    history = dl.train(model, X, Y, learning_rate=0.0075, num_iterations=2500)

- ``model`` has ``params`` and ``loss(X, Y) -> (cost, grads)`` (see ``models.py``); training
  updates ``model.params`` in place, so start from explicit parameters by building the model
  with ``params=...`` (or an initializer and ``rng``).
- Full-batch by default: one *iteration* = one gradient step on all ``m`` examples. With
  ``mini_batch_size`` (and ``rng``) each *epoch* shuffles and partitions the data and takes
  one step per batch; then give ``num_epochs``.
- ``optimizer`` is a name in ``dl.OPTIMIZERS`` ('gd', 'momentum', 'rmsprop', 'adam');
  ``decay`` is ``None`` or a function ``(learning_rate0, epoch) -> learning_rate``.
- Every ``record_every`` steps (full batch) or epochs (mini-batches) the history records cost,
  train accuracy and, given ``X_dev``/``Y_dev``, dev cost and accuracy.
  ``callback(history, model)`` runs at each record; returning ``False`` stops training early
  (used by widgets and early stopping).
- A NaN or inf cost, or a finite one that explodes past ``5 * first cost + 1``, stops training
  with a ``DivergenceError`` naming the step and the hyperparameters; with
  ``on_divergence="stop"`` it is recorded in ``history.diverged`` / ``history.message`` instead
  (widgets show that message, they do not plot garbage).

Taught in: c1/02, c1/05, c2/04.
"""
import time
from dataclasses import dataclass, field

import numpy as np

from ..metrics import accuracy
from ..optim.optimizers import OPTIMIZERS, make_optimizer_configs
from ..optim.mini_batches import random_mini_batches
from ..validation import DivergenceError, check_rng, check_positive

__all__ = ["History", "train", "evaluate"]


@dataclass
class History:
    """What happened during training, one entry per record (every ``record_every`` steps)."""
    steps: list = field(default_factory=list)          # gradient steps taken so far
    epochs: list = field(default_factory=list)
    costs: list = field(default_factory=list)          # training cost (mean of the last steps)
    train_acc: list = field(default_factory=list)      # % on the whole training set
    dev_costs: list = field(default_factory=list)
    dev_acc: list = field(default_factory=list)
    learning_rates: list = field(default_factory=list)
    hyperparameters: dict = field(default_factory=dict)
    diverged: bool = False
    stopped_early: bool = False
    message: str = ""
    seconds: float = 0.0

    def add_record(self, model, X, Y, X_dev, Y_dev, *, step, epoch, cost, learning_rate):
        """Append one record: the step, epoch, cost and learning rate, and the model's
        accuracy on the (already validated) training set and, if given, dev cost/accuracy."""
        self.steps.append(step)
        self.epochs.append(epoch)
        self.costs.append(cost)
        self.learning_rates.append(learning_rate)
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
                "steps": last(self.steps), "diverged": self.diverged}


EXPLOSION_FACTOR = 5.0


def _divergence(cost, first_cost):
    """Why training counts as diverged, or ``""``: a NaN/inf cost, or a cost that exploded
    above ``EXPLOSION_FACTOR * first_cost + 1`` (a stable loss can stay finite while the steps
    overshoot wildly; the ``+ 1`` keeps mini-batch noise around a tiny starting cost harmless)."""
    if not np.isfinite(cost):
        return f"cost is {cost}"
    if cost > EXPLOSION_FACTOR * first_cost + 1.0:
        return f"cost exploded from {first_cost:.3g} to {cost:.3g}"
    return ""


def evaluate(model, X, Y):
    """``(cost, accuracy %)`` of ``model`` on ``X``/``Y`` without updating it (no dropout)."""
    if hasattr(model, "check_inputs"):
        X, Y = model.check_inputs(X, Y, func="evaluate")
    return _evaluate(model, X, Y)


def _evaluate(model, X, Y):
    """``evaluate`` without the input checks (the training loop validated the data once)."""
    P = model._loss(X) if hasattr(model, "_loss") else model.loss(X)
    if getattr(model, "output", "sigmoid") == "softmax" or P.shape[0] > 1:
        cost = float(-np.sum(Y * np.log(np.clip(P, 1e-12, 1.0))) / Y.shape[1])
        acc = accuracy(np.argmax(P, axis=0), np.argmax(Y, axis=0))
    else:
        Pc = np.clip(P, 1e-12, 1 - 1e-12)
        cost = float(-np.mean(Y * np.log(Pc) + (1 - Y) * np.log(1 - Pc)))
        acc = accuracy((P > 0.5).astype(np.int64), Y)
    return cost, acc


def _validate_data(model, X, Y):
    """Shapes, labels and NaNs are checked once here, with the model's own messages."""
    if hasattr(model, "check_inputs"):
        return model.check_inputs(X, Y)
    return X, Y


def _check_count(func, name, value, low=0):
    try:
        ok = int(value) == value and int(value) >= low
    except (TypeError, ValueError):
        ok = False
    if not ok:
        need = "a positive int" if low == 1 else f"an int >= {low}"
        raise ValueError(f"{func}: {name} must be {need}, got {value!r}.")
    return int(value)


def train(model, X, Y, *, learning_rate, num_iterations=None, num_epochs=None,
          mini_batch_size=None, optimizer="gd", optimizer_options=None, decay=None, rng=None,
          X_dev=None, Y_dev=None, record_every=100, callback=None, print_every=None,
          on_divergence="raise"):
    """Train ``model`` in place and return a ``History``. See the module docstring."""
    func = "train"
    check_positive(func, "learning_rate", learning_rate)
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"{func}: unknown optimizer {optimizer!r}; choose one of {sorted(OPTIMIZERS)}.")
    if on_divergence not in ("raise", "stop"):
        raise ValueError(f"{func}: on_divergence must be 'raise' or 'stop', got {on_divergence!r}.")
    if mini_batch_size is None:
        if num_iterations is None:
            raise ValueError(f"{func}: give num_iterations (full-batch steps), or mini_batch_size "
                             f"with num_epochs.")
        if num_epochs is not None:
            raise ValueError(f"{func}: num_epochs needs mini_batch_size; for full-batch training "
                             f"give num_iterations only.")
        n_epochs, full_batch = _check_count(func, "num_iterations", num_iterations), True
    else:
        if num_epochs is None:
            raise ValueError(f"{func}: with mini_batch_size give num_epochs (passes over the data), "
                             f"not num_iterations.")
        check_rng(func, rng)
        n_epochs, full_batch = _check_count(func, "num_epochs", num_epochs), False
    record_every = _check_count(func, "record_every", record_every, low=1)
    if Y is None:
        raise ValueError(f"{func}: Y is None; training needs labels (1, m) or one-hot (C, m).")
    X, Y = _validate_data(model, X, Y)
    if X_dev is not None:
        if Y_dev is None:
            raise ValueError(f"{func}: X_dev was given without Y_dev; pass both or neither.")
        X_dev, Y_dev = _validate_data(model, X_dev, Y_dev)

    hp = {"learning_rate": learning_rate, "optimizer": optimizer,
          "mini_batch_size": mini_batch_size, **(optimizer_options or {})}
    for key in ("lambd", "keep_probs"):
        if hasattr(model, key):
            hp[key] = getattr(model, key)
    history = History(hyperparameters=hp)
    configs = make_optimizer_configs(model.params, optimizer, learning_rate, **(optimizer_options or {}))
    update = OPTIMIZERS[optimizer]
    params = model.params
    step, lr, recent, first_cost = 0, float(learning_rate), [], None
    start = time.perf_counter()

    def record(epoch):
        # full batch: the cost at the last step (as the lecture prints it); mini-batch: the
        # mean over the batches since the last record, which smooths their noise
        cost = float(recent[-1] if full_batch else np.mean(recent)) if recent else float("nan")
        recent.clear()
        history.add_record(model, X, Y, X_dev, Y_dev, step=step, epoch=epoch, cost=cost, learning_rate=lr)
        if print_every and (len(history.steps) - 1) % max(1, print_every // record_every) == 0:
            dev = f", dev acc {history.dev_acc[-1]:.1f}%" if X_dev is not None else ""
            print(f"step {step:6d}: cost {cost:.6f}, train acc {history.train_acc[-1]:.1f}%{dev}")
        if callback is not None and callback(history, model) is False:
            history.stopped_early = True
            return False
        return True

    # overflow inside a diverging step is reported below as a DivergenceError / history.message,
    # so numpy's RuntimeWarnings would only be noise in the notebook
    with np.errstate(over="ignore", invalid="ignore"):
        keep_going = True
        for epoch in range(n_epochs):
            if decay is not None:
                lr = float(decay(learning_rate, epoch))
                for c in configs.values():
                    c["learning_rate"] = lr
            batches = [(X, Y)] if full_batch else random_mini_batches(X, Y, mini_batch_size, rng)
            for Xb, Yb in batches:
                cost, grads = model._loss(Xb, Yb)
                if first_cost is None:
                    first_cost = cost
                what = _divergence(cost, first_cost)
                if what:
                    extra = {"lambd": float(hp["lambd"])} if "lambd" in hp else {}
                    history.mark_diverged(what, f"{step} (epoch {epoch})", learning_rate=lr,
                                          optimizer=optimizer, **extra)
                    break
                for k in params:
                    params[k], configs[k] = update(params[k], grads[k], configs[k])
                step += 1
                recent.append(cost)
                if step % record_every == 0 and full_batch:
                    keep_going = record(epoch)
                    if not keep_going:
                        break
            if history.diverged or not keep_going:
                break
            if not full_batch and ((epoch + 1) % record_every == 0 or epoch == n_epochs - 1):
                keep_going = record(epoch)
                if not keep_going:
                    break
    if not history.diverged and recent:
        record(n_epochs - 1)
    history.seconds = time.perf_counter() - start
    if history.diverged and on_divergence == "raise":
        raise DivergenceError(f"train: {history.message}")
    return history
