"""A compact model API: a list of layers with fit / evaluate / predict / summary.

It plays the role the course gives to TensorFlow/Keras, built from the same numpy pieces::

    model = dl.Sequential([dl.Dense(25, activation="relu"), dl.Dropout(0.9),
                           dl.Dense(12), dl.BatchNorm(), dl.Activation("relu"),   # BN on Z, as in the lecture
                           dl.Dense(6, activation="softmax")],
                          input_dim=12288, loss="softmax_cross_entropy", rng=rng, lambd=0.0)
    model.summary()
    history = model.fit(X, Y, optimizer="adam", learning_rate=1e-3, mini_batch_size=32,
                        num_epochs=50, X_dev=X_dev, Y_dev=Y_dev,
                        callbacks=[dl.EarlyStopping(patience=5)], verbose="auto")
    model.evaluate(X_test, Y_test)   # {"cost": ..., "accuracy": ...}  (accuracy in %)
    model.predict(X_test)            # (1, m) labels

Layers (each defined beside its maths in ``dlutils/nn/``): ``Dense(n_out, activation=None, initializer="he")``, ``Activation(name)``,
``Dropout(keep_prob)`` (inverted dropout, training passes only), ``BatchNorm(momentum=0.9,
epsilon=1e-5)`` (batch statistics in training passes, running averages in ``model.bn_state``
for predictions). Parameters are named like the course: the k-th Dense layer owns ``Wk``/``bk``,
the k-th BatchNorm layer ``gammak``/``betak``, all in one ``model.params`` dict.

The model follows the workbook's model contract, so ``dl.train`` and ``dl.gradient_check``
work on it: ``loss(X)`` returns output probabilities, ``loss(X, Y)`` a training pass
``(cost, grads)`` with grads keyed like ``params``. The last layer must be a Dense layer
whose activation is the loss's own (``softmax`` for softmax cross-entropy, ``sigmoid`` for
binary cross-entropy) or ``None``: the cost is computed from its logits (stable), the
activation is applied for predictions. For the softmax loss ``Y`` may be one-hot ``(C, m)``
or integer labels ``(1, m)`` (turned into one-hot).

Layout: ``X`` is ``(n_x, m)``, one example per column. Taught in: c2/07_softmax_and_compact_api.
"""
import numpy as np

from ..nn.activations import sigmoid, softmax
from ..nn.batchnorm import batchnorm_param, BatchNorm
from ..nn.dense import Dense
from ..nn.losses import one_hot, sigmoid_cross_entropy_with_logits, softmax_cross_entropy_with_logits
from ..nn.regularization import l2_cost
from ..validation import check_array, check_labels, check_positive, check_rng
from .callbacks import ProgressBar
from .models import Model
from .training import train
from . import training as _training

__all__ = ["Sequential", "LOSSES"]

LOSSES = {"softmax_cross_entropy": "softmax", "binary_cross_entropy": "sigmoid"}


# -- the model -----------------------------------------------------------------------------
class Sequential(Model):
    """Layers applied in order, a loss, and the model contract. See the module docstring."""

    def __init__(self, layers, input_dim, loss="softmax_cross_entropy", rng=None, lambd=0.0):
        func = "Sequential"
        if loss not in LOSSES:
            raise ValueError(f"{func}: loss must be one of {sorted(LOSSES)}, got {loss!r}.")
        layers = list(layers)
        if not layers or not all(hasattr(l, "forward") and hasattr(l, "build") for l in layers):
            raise ValueError(f"{func}: layers must be a non-empty list of dl.Dense / dl.Dropout / "
                             f"dl.BatchNorm / dl.Activation objects, got {layers!r}.")
        if int(input_dim) != input_dim or input_dim < 1:
            raise ValueError(f"{func}: input_dim must be the positive number of features n_x, got {input_dim!r}.")
        self.output = LOSSES[loss]
        last = layers[-1]
        if not isinstance(last, Dense) or last.activation not in (None, "linear", self.output):
            raise ValueError(f"{func}: with loss={loss!r} the last layer must be "
                             f"dl.Dense(n, activation={self.output!r}) (or activation=None, logits), "
                             f"got {last.describe() if hasattr(last, 'describe') else last!r}.")
        if self.output == "sigmoid" and last.n_out != 1:
            raise ValueError(f"{func}: binary_cross_entropy needs 1 output unit, the last layer has "
                             f"{last.n_out}; use loss='softmax_cross_entropy' for several classes.")
        check_rng(func, rng)
        self.layers, self.loss_name, self.rng = layers, loss, rng
        self.lambd = check_positive(func, "lambd", lambd, allow_zero=True)
        self.input_dim = int(input_dim)
        self.params, self.bn_state, self.shapes = {}, {}, []
        counts = {}
        n = self.input_dim
        for layer in layers:
            kind = "BatchNorm" if isinstance(layer, BatchNorm) else layer.kind
            counts[kind] = counts.get(kind, 0) + 1
            p, n = layer.build(n, counts[kind], rng)
            if isinstance(layer, BatchNorm):
                self.bn_state[layer.index] = batchnorm_param(n, layer.momentum, layer.epsilon)
            self.params.update(p)
            self.shapes.append(n)
        self.n_y = n
        self.history = None

    # -- model contract -------------------------------------------------------------------
    def _prepare_Y(self, Y, m):
        if Y is None:
            return None
        Y = np.asarray(Y)
        if self.output == "softmax" and Y.ndim == 2 and Y.shape[0] == 1 and self.n_y > 1:
            if Y.size and (Y.min() < 0 or Y.max() >= self.n_y):
                raise ValueError(f"Sequential: labels must lie in 0..{self.n_y - 1} for {self.n_y} classes, "
                                 f"got {Y.min()}..{Y.max()}.")
            Y = one_hot(Y, self.n_y)
        return Y

    def check_inputs(self, X, Y=None, func="Sequential.loss"):
        X = check_array(func, "X", X, ndim=2, hint="X must be (n_x, m), one example per column.")
        if X.shape[0] != self.input_dim:
            hint = " - one example per column: did you mean X.T?" if X.shape[1] == self.input_dim else ""
            raise ValueError(f"{func}: X has shape {X.shape} but the model expects input_dim = "
                             f"{self.input_dim} rows{hint}")
        if Y is None:
            return X, None
        Y = check_array(func, "Y", self._prepare_Y(Y, X.shape[1]), ndim=2,
                        hint="Y must be (n_y, m); reshape labels with Y.reshape(1, -1).")
        if Y.shape != (self.n_y, X.shape[1]):
            raise ValueError(f"{func}: Y has shape {Y.shape}, expected ({self.n_y}, {X.shape[1]}) for X "
                             f"of shape {X.shape}" + (" - did you pass Y.T?" if Y.shape[::-1] == (self.n_y, X.shape[1]) else ""))
        if self.output == "sigmoid":
            check_labels(func, "Y", Y)
        return X, Y

    def _loss(self, X, Y=None):
        training = Y is not None
        params, caches, A = self.params, [], X
        last = len(self.layers) - 1
        for i, layer in enumerate(self.layers):
            if i == last:
                A, cache = layer.forward(A, params, self, training, logits=True)
            else:
                A, cache = layer.forward(A, params, self, training)
            caches.append(cache)
        if not training:
            return sigmoid(A) if self.output == "sigmoid" else softmax(A)
        if self.output == "sigmoid":
            cost, dA = sigmoid_cross_entropy_with_logits(A, Y)
        else:
            cost, dA = softmax_cross_entropy_with_logits(A, Y)
        m = X.shape[1]
        cost += l2_cost(params, self.lambd, m)
        grads = {}
        for i in range(last, -1, -1):
            layer = self.layers[i]
            dA, g = layer.backward(dA, caches[i], params, need_dA=i > 0)
            grads.update(g)
        if self.lambd:
            for k in grads:
                if k.startswith("W") and k[1:].isdigit():
                    grads[k] = grads[k] + (self.lambd / m) * params[k]
        return cost, {k: grads[k] for k in params}


    def evaluate(self, X, Y):
        """``{"cost": cross-entropy without dropout or L2, "accuracy": %}``."""
        X, Y = self.check_inputs(X, Y, func="Sequential.evaluate")
        cost, acc = getattr(_training, "_evaluate", _training.evaluate)(self, X, Y)
        return {"cost": cost, "accuracy": acc}

    # -- training -------------------------------------------------------------------------
    def fit(self, X, Y, *, optimizer="adam", learning_rate=0.001, mini_batch_size=64, num_epochs=10,
            X_dev=None, Y_dev=None, callbacks=None, verbose="auto", record_every=1, decay=None,
            optimizer_options=None, rng=None, augment=None):
        """Train in place with mini-batches and return a ``History`` (also kept in ``self.history``).

        ``callbacks``: callables ``(history, model)`` run at every record (each ``record_every``
        epochs); returning ``False`` stops training (``dl.EarlyStopping`` does that).
        ``verbose``: ``'auto'`` shows progress only for fits longer than ~2 s, ``True`` always,
        ``False`` never. A NaN/inf cost stops training; ``history.diverged``/``history.message``
        say where, and the message is printed unless ``verbose`` is False.
        ``mini_batch_size=None`` means full-batch steps (then ``num_epochs`` = iterations).
        ``augment``: ``fn(X_batch, rng) -> X_batch`` run on every training batch (``rng`` or the
        model's). Batches are cut along ``self.batch_axis`` of ``X`` and axis 1 of ``Y``; each
        step updates exactly the parameters that have grads (frozen layers have none). The loop
        and the meaning of each record are ``dl.train``'s (see ``dl.History``).
        """
        func = "Sequential.fit"
        X, Y = self.check_inputs(X, Y, func=func)
        if X_dev is not None:
            if Y_dev is None:
                raise ValueError(f"{func}: X_dev was given without Y_dev; pass both or neither.")
            X_dev, Y_dev = self.check_inputs(X_dev, Y_dev, func=func)
        cbs = list(callbacks or [])
        if not all(callable(c) for c in cbs):
            raise ValueError(f"{func}: callbacks must be callables (history, model) -> None/False, "
                             f"e.g. [dl.EarlyStopping(patience=5)].")
        progress = None
        if verbose:
            progress = ProgressBar(num_epochs, after=0.0 if verbose is True else 2.0)
            cbs.append(progress)

        def callback(history, model):
            keep = True
            for c in cbs:
                if c(history, model) is False:
                    keep = False
                    break
            return keep

        kw = dict(learning_rate=learning_rate, optimizer=optimizer, optimizer_options=optimizer_options,
                  decay=decay, X_dev=X_dev, Y_dev=Y_dev, record_every=record_every, callback=callback,
                  on_divergence="stop", augment=augment)
        if augment is not None:
            kw["rng"] = rng if rng is not None else self.rng
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported, not warned
            if mini_batch_size is None:
                h = train(self, X, Y, num_iterations=num_epochs, **kw)
            else:
                kw["rng"] = rng if rng is not None else self.rng
                h = train(self, X, Y, mini_batch_size=mini_batch_size, num_epochs=num_epochs, **kw)
        if progress is not None:
            progress.close(h)
        if h.diverged and verbose:
            print(h.message)
        self.history = h
        return h

    # -- description ----------------------------------------------------------------------
    def count_params(self):
        return int(sum(v.size for v in self.params.values()))

    def summary(self, print_it=True):
        """Table of layers, output shapes ``(n, m)`` and parameter counts (printed; returned if not)."""
        rows = [("Input", f"({self.input_dim}, m)", 0, "")]
        for layer, n in zip(self.layers, self.shapes):
            names = [k for k in (getattr(layer, a, None) for a in ("W", "b", "gamma", "beta")) if k]
            count = sum(self.params[k].size for k in names)
            rows.append((layer.describe(), f"({n}, m)", count, ", ".join(names)))
        w = max(len(r[0]) for r in rows) + 2
        lines = [f"{'layer':<{w}}{'output shape':<16}{'params':>10}  names", "-" * (w + 40)]
        lines += [f"{a:<{w}}{b:<16}{c:>10,}  {d}" for a, b, c, d in rows]
        lines += ["-" * (w + 40), f"total parameters: {self.count_params():,}   loss: {self.loss_name}"
                  + (f", L2 lambd={self.lambd:g}" if self.lambd else "")]
        text = "\n".join(lines)
        if print_it:
            print(text)
            return None
        return text

    def __repr__(self):
        return f"Sequential([{', '.join(l.describe() for l in self.layers)}], input_dim={self.input_dim})"
