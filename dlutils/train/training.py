"""The training loop: (mini-)batch gradient descent with any optimizer rule, a history and callbacks.

    history = dl.train(model, X, Y, learning_rate=0.0075, num_iterations=2500)

- ``model`` has ``params`` and ``loss(X, Y) -> (cost, grads)`` (see ``dlutils/train/models.py``); training
  updates ``model.params`` in place, so start from explicit parameters by building the model
  with ``params=...`` (or an initializer and ``rng``). Each step updates exactly the keys
  present in ``grads`` (a frozen layer returns no grads, so its parameters stay as they are).
- Full-batch by default: one *iteration* = one gradient step on all ``m`` examples. With
  ``mini_batch_size`` (and ``rng``) each *epoch* shuffles and partitions the data and takes
  one step per batch; then give ``num_epochs``. Batches are cut along ``model.batch_axis``
  of ``X`` (default 1: ``(n_x, m)`` and sequences ``(n_x, m, T)``; 0 for images
  ``(m, n_H, n_W, n_C)``) and always along axis 1 of ``Y`` (``(n_y, m)`` or ``(n_y, m, T)``).
- ``augment=fn``: ``fn(X_batch, rng) -> X_batch`` runs on every training batch (needs ``rng``).
- ``optimizer`` is a name in ``dl.OPTIMIZERS`` ('gd', 'momentum', 'rmsprop', 'adam');
  ``decay`` is ``None`` or a function ``(learning_rate0, epoch) -> learning_rate``.
- Records (see ``dl.History`` for exactly which iteration each number belongs to): full
  batch at iterations ``0, record_every, 2*record_every, ...`` and at the end; mini-batches
  every ``record_every`` epochs. A record stores cost, train accuracy and, given
  ``X_dev``/``Y_dev``, dev cost and accuracy. ``callback(history, model)`` runs at each
  record; returning ``False`` stops training (used by widgets and early stopping).
- A NaN or inf cost, or a finite one that explodes past ``5 * first cost + 1``, stops training
  with a ``DivergenceError`` naming the step and the hyperparameters; with
  ``on_divergence="stop"`` it is recorded in ``history.diverged`` / ``history.message`` instead
  (widgets show that message, they do not plot garbage).

``run_loop`` is the one loop behind ``train``, ``Sequential.fit``, the training panel's
``fit_2d`` and the optimizer race; ``ParamUpdater`` / ``FlatUpdater`` apply the optimizer rule
(per parameter, or once per step on one flat vector the parameters view into: the panels'
fast path). Taught in: c1/02, c1/05, c2/04.
"""
import time

import numpy as np

from ..optim.optimizers import OPTIMIZERS, make_optimizer_configs
from ..optim.mini_batches import _shuffled_batches
from ..validation import DivergenceError, check_rng, check_positive
from .history import History, evaluate, _evaluate  # noqa: F401  (History lives beside its scoring)

__all__ = ["History", "train", "evaluate"]


# -- updaters: how one step's grads change the parameters ------------------------------------
class ParamUpdater:
    """One optimizer rule per parameter: ``updater(grads)`` updates ``params[k]`` for each key in ``grads``."""

    def __init__(self, params, optimizer, learning_rate, options=None):
        self.params, self.rule = params, OPTIMIZERS[optimizer]
        self.configs = make_optimizer_configs(params, optimizer, learning_rate, **(options or {}))

    def set_learning_rate(self, lr):
        for c in self.configs.values():
            c["learning_rate"] = lr

    def __call__(self, grads):
        params, configs, rule = self.params, self.configs, self.rule
        for k, g in grads.items():
            params[k], configs[k] = rule(params[k], g, configs[k])


def flatten_parameters(model):
    """Put ``model.params`` into ONE flat vector ``theta`` that the dict entries view into.

    Returns ``(keys, slices, theta, g)``: updating ``theta`` in place updates the model, and
    ``g`` (same size) receives the gradients, so an optimizer rule runs once per step."""
    keys = list(model.params)
    theta = np.concatenate([np.ravel(model.params[k]) for k in keys]).astype(float)
    slices, a = {}, 0
    for k in keys:
        shape = np.shape(model.params[k])
        b = a + int(np.prod(shape))
        slices[k] = (a, b)
        model.params[k] = theta[a:b].reshape(shape)   # a view: updating theta updates the model
        a = b
    return keys, slices, theta, np.empty_like(theta)


class FlatUpdater:
    """The panels' fast path: the parameters live in one flat vector, one rule call per step.

    Building it rebinds ``model.params[k]`` to views into that vector. A key missing from a
    step's grads gets a zero gradient; for a parameter that never gets one (a frozen layer)
    the rule's zero state leaves it exactly unchanged."""

    def __init__(self, model, optimizer, learning_rate, options=None):
        self.keys, slices, self.theta, self.g = flatten_parameters(model)
        self.gviews = {k: self.g[a:b].reshape(np.shape(model.params[k])) for k, (a, b) in slices.items()}
        self.rule = OPTIMIZERS[optimizer]
        self.config = make_optimizer_configs({"theta": self.theta}, optimizer, learning_rate,
                                             **(options or {}))["theta"]

    def set_learning_rate(self, lr):
        self.config["learning_rate"] = lr

    def __call__(self, grads):
        for k, view in self.gviews.items():
            gk = grads.get(k)
            if gk is None:
                view.fill(0.0)
            else:
                np.copyto(view, gk)
        self.theta, self.config = self.rule(self.theta, self.g, self.config)


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


# -- the loop ----------------------------------------------------------------------------------
def run_loop(model, X, Y, *, updater, history, learning_rate, num_epochs=None, mini_batch_size=None,
             rng=None, max_steps=None, record_every=100, record_unit="epoch", X_dev=None, Y_dev=None,
             decay=None, callback=None, print_every=None, augment=None, score=True):
    """THE training loop (data already validated; ``train`` checks the arguments).

    ``mini_batch_size=None``: full batch, ``num_epochs`` iterations, records before the update
    of iterations ``0, record_every, ...`` and after the last one (one extra training pass).
    Otherwise shuffled batches along ``model.batch_axis``; records every ``record_every``
    epochs (``record_unit="epoch"``) or steps (``"step"``) with the mean batch cost since
    the last record. ``max_steps`` stops after that many updates (``num_epochs=None``: no
    epoch limit). ``score=False`` records cost only (no accuracy passes). Returns ``history``.
    """
    full = mini_batch_size is None
    axis = getattr(model, "batch_axis", 1)
    hp = history.hyperparameters
    div_extra = {"lambd": float(hp["lambd"])} if "lambd" in hp else {}
    optimizer = hp.get("optimizer", "?")
    state = {"step": 0, "epoch": 0, "lr": float(learning_rate), "first": None}
    recent = []
    start = time.perf_counter()
    print_records = max(1, (print_every or 1) // record_every)

    def record(cost):
        history.add_record(model, X, Y, X_dev, Y_dev, step=state["step"], epoch=state["epoch"],
                           cost=cost, learning_rate=state["lr"], score=score)
        if print_every and ((len(history.iterations) - 1) % print_records == 0 or done[0]):
            dev = f", dev acc {history.dev_acc[-1]:.1f}%" if X_dev is not None and score else ""
            acc = f", train acc {history.train_acc[-1]:.1f}%" if score else ""
            print(f"iteration {state['step']:6d}: cost {cost:.6f}{acc}{dev}")
        if callback is not None and callback(history, model) is False:
            history.stopped_early = True
            return False
        return True

    def diverged(cost):
        if state["first"] is None:
            state["first"] = history.first_cost = float(cost)
        what = _divergence(cost, state["first"])
        if what:
            history.mark_diverged(what, f"{state['step']} (epoch {state['epoch']})",
                                  learning_rate=state["lr"], optimizer=optimizer, **div_extra)
        return bool(what)

    def train_pass(Xb, Yb):
        if augment is not None:
            Xb = augment(Xb, rng)
        return model._loss(Xb, Yb)

    done = [False]
    stop = False
    epoch = 0
    # overflow inside a diverging step is reported as a DivergenceError / history.message,
    # so numpy's RuntimeWarnings would only be noise in the notebook
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        while not stop and (num_epochs is None or epoch < num_epochs):
            state["epoch"] = epoch
            if decay is not None:
                state["lr"] = float(decay(learning_rate, epoch))
                updater.set_learning_rate(state["lr"])
            batches = ((X, Y),) if full else _shuffled_batches(X, Y, mini_batch_size, rng, axis)
            for Xb, Yb in batches:
                if max_steps is not None and state["step"] >= max_steps:
                    stop = True
                    break
                cost, grads = train_pass(Xb, Yb)
                if diverged(cost):
                    stop = True
                    break
                if full and state["step"] % record_every == 0 and not record(float(cost)):
                    stop = True          # a record is taken before the update: iteration `step`
                    break
                updater(grads)
                state["step"] += 1
                if not full:
                    recent.append(cost)
                    if record_unit == "step" and (state["step"] % record_every == 0
                                                  or state["step"] == max_steps):
                        done[0] = state["step"] == max_steps
                        c = float(np.mean(recent))
                        recent.clear()
                        if not record(c):
                            stop = True
                            break
            if stop:
                break
            last = num_epochs is not None and epoch == num_epochs - 1
            if not full and record_unit == "epoch" and ((epoch + 1) % record_every == 0 or last):
                done[0] = last
                c = float(np.mean(recent))
                recent.clear()
                if not record(c):
                    break
            epoch += 1
        if not history.diverged and not history.stopped_early:
            done[0] = True
            if full and state["step"] > 0:                 # the cost after the last update
                cost, _ = train_pass(X, Y)
                if not diverged(cost):
                    record(float(cost))
            elif not full and recent:
                c = float(np.mean(recent))
                recent.clear()
                record(c)
    history.seconds = time.perf_counter() - start
    return history


def _validate_data(model, X, Y):
    """Shapes, labels and NaNs are checked once here, with the model's own messages."""
    if hasattr(model, "check_inputs"):
        X, Y = model.check_inputs(X, Y)
    axis = getattr(model, "batch_axis", 1)
    X, Y = np.asarray(X), np.asarray(Y)
    if X.ndim <= axis or Y.ndim < 2 or X.shape[axis] != Y.shape[1]:
        raise ValueError(f"train: X has shape {X.shape} and Y {Y.shape}, but examples run along axis "
                         f"{axis} of X (model.batch_axis) and axis 1 of Y; their counts must match.")
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
          on_divergence="raise", augment=None):
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
        n_epochs = _check_count(func, "num_iterations", num_iterations)
    else:
        if num_epochs is None:
            raise ValueError(f"{func}: with mini_batch_size give num_epochs (passes over the data), "
                             f"not num_iterations.")
        _check_count(func, "mini_batch_size", mini_batch_size, low=1)
        check_rng(func, rng)
        n_epochs = _check_count(func, "num_epochs", num_epochs)
    if augment is not None:
        if not callable(augment):
            raise ValueError(f"{func}: augment must be a function (X_batch, rng) -> X_batch, got {augment!r}.")
        check_rng(func, rng)
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
    updater = ParamUpdater(model.params, optimizer, learning_rate, optimizer_options)
    run_loop(model, X, Y, updater=updater, history=history, learning_rate=learning_rate,
             num_epochs=n_epochs, mini_batch_size=None if mini_batch_size is None else int(mini_batch_size),
             rng=rng, record_every=record_every, X_dev=X_dev, Y_dev=Y_dev, decay=decay,
             callback=callback, print_every=print_every, augment=augment)
    if history.diverged and on_divergence == "raise":
        raise DivergenceError(f"train: {history.message}")
    return history
