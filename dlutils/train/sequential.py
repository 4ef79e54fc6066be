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
(or a layer with ``supports_logits = True``) whose activation is the loss's own (``softmax`` for softmax cross-entropy, ``sigmoid`` for
binary cross-entropy) or ``None``: the cost is computed from its logits (stable), the
activation is applied for predictions. For the softmax loss ``Y`` may be one-hot ``(C, m)``
or integer labels ``(1, m)`` (turned into one-hot).

Shapes: ``input_shape`` is the shape of ONE example (``input_dim=n_x`` is the old spelling of
``input_shape=(n_x,)``); batches follow the workbook's layouts and ``model.batch_axis`` says where
the examples run::

    dense      input_shape=(n_x,)            X (n_x, m)            batch_axis 1
    images     input_shape=(n_H, n_W, n_C)   X (m, n_H, n_W, n_C)  batch_axis 0
    sequences  input_shape=(n_x, T_x)        X (n_x, m, T_x)       batch_axis 1 (T_x may be None)

    cnn = dl.Sequential([dl.Conv2D(8, 3, activation="relu"), dl.MaxPool2D(2), dl.Flatten(),
                         dl.Dense(6, activation="softmax")], input_shape=(64, 64, 3), rng=rng)

A model switches layout only through a bridge layer (``Flatten``, ``GlobalAveragePooling2D``,
a recurrent layer). Per-step outputs ``(n_y, m, T)`` take ``Y`` of that shape or labels
``(1, m, T)``; the cost averages over ``m`` and ``T``. ``lambd`` (L2, ``lambd / 2m sum ||W||^2``)
applies to every layer's ``weight_keys``; a layer with ``trainable=False`` gets no grads (and
backpropagation stops below the first trainable layer). ``summary()`` adds multiply-adds per
example; ``Sequential.describe_network(layers, input_shape)`` / ``dl.count_network`` count a
network without building it. The layer protocol: ``dlutils/nn/layer.py``.

Taught in: c2/07_softmax_and_compact_api (dense), c4/02-04 (conv nets), c5 (sequences).
"""
import numpy as np

from ..nn.activations import sigmoid, softmax
from ..nn.dense import Dense
from ..nn.losses import one_hot, sigmoid_cross_entropy_with_logits, softmax_cross_entropy_with_logits
from ..nn.layer import batch_shape
from ..validation import check_array, check_labels, check_positive, check_rng
from .callbacks import ProgressBar
from .models import Model, probabilities_to_labels
from .summary import count_network, layer_count, NetworkCount
from .training import train
from . import training as _training

__all__ = ["Sequential", "LOSSES"]

LOSSES = {"softmax_cross_entropy": "softmax", "binary_cross_entropy": "sigmoid"}


def _input_shape(func, input_shape, input_dim):
    """Per-example input shape as a tuple: ``(n_x,)``, ``(n_H, n_W, n_C)`` or ``(n_x, T_x)``."""
    if input_shape is None and input_dim is None:
        raise ValueError(f"{func}: give input_shape, the shape of ONE example: (n_x,) for dense inputs "
                         f"(n_x, m), (n_H, n_W, n_C) for images (m, n_H, n_W, n_C), (n_x, T_x) for "
                         f"sequences (n_x, m, T_x); input_dim=n_x is the old spelling of (n_x,).")
    if input_shape is not None and input_dim is not None:
        raise ValueError(f"{func}: give input_shape or input_dim, not both (input_dim=n_x means "
                         f"input_shape=(n_x,)).")
    if input_dim is not None:
        if isinstance(input_dim, (tuple, list)) or int(input_dim) != input_dim or input_dim < 1:
            raise ValueError(f"{func}: input_dim must be the positive number of features n_x, got "
                             f"{input_dim!r}; for images use input_shape=(n_H, n_W, n_C).")
        return (int(input_dim),)
    shape = tuple(input_shape) if isinstance(input_shape, (tuple, list)) else (input_shape,)
    ok = len(shape) in (1, 2, 3)
    for i, d in enumerate(shape):
        if d is None and len(shape) == 2 and i == 1:
            continue                       # sequences of any length
        try:
            ok = ok and not isinstance(d, bool) and int(d) == d and d >= 1
        except (TypeError, ValueError):
            ok = False
    if not ok:
        raise ValueError(f"{func}: input_shape must be the shape of one example - (n_x,), "
                         f"(n_H, n_W, n_C) or (n_x, T_x) with positive ints - got {input_shape!r}.")
    return tuple(None if d is None else int(d) for d in shape)


def _check_batch(func, X, shape):
    """``X`` laid out as ``(m, n_H, n_W, n_C)`` (images) or ``(n_x, m, T_x)`` (sequences)."""
    X = check_array(func, "X", X, finite=True)
    if len(shape) == 3:
        n_H, n_W, n_C = shape
        want = f"(m, {n_H}, {n_W}, {n_C})"
        if X.ndim == 2:
            raise ValueError(f"{func}: X has shape {X.shape}, a dense (n_x, m) array, but this conv model "
                             f"takes images {want}; reshape with X.T.reshape(-1, {n_H}, {n_W}, {n_C}) "
                             f"(or keep the images as loaded).")
        if X.ndim != 4:
            fix = " - for one image add the example axis with X[None]" if X.shape == shape else ""
            raise ValueError(f"{func}: X has shape {X.shape} but this conv model takes {want}{fix}.")
        if X.shape[1:] != shape:
            fix = ""
            if X.shape[1:] == (n_C, n_H, n_W):
                fix = " - did you pass (m, n_C, n_H, n_W)? try X.transpose(0, 2, 3, 1)"
            elif X.shape[:3] == shape:
                fix = " - the examples go first: try X.transpose(3, 0, 1, 2)"
            raise ValueError(f"{func}: X has shape {X.shape} but the model was built for "
                             f"input_shape={shape}, i.e. X of shape {want}{fix}.")
        return X
    n_x, T = shape
    if X.ndim != 3 or X.shape[0] != n_x or (T is not None and X.shape[2] != T):
        fix = ""
        if X.ndim == 3 and X.shape[1] == n_x:
            fix = " - did you pass (m, n_x, T_x)? try X.transpose(1, 0, 2)"
        raise ValueError(f"{func}: X has shape {X.shape} but this sequence model takes "
                         f"(n_x, m, T_x) = ({n_x}, m, {'T_x' if T is None else T}){fix}.")
    return X


# -- the model -----------------------------------------------------------------------------
class Sequential(Model):
    """Layers applied in order, a loss, and the model contract. See the module docstring."""

    def __init__(self, layers, input_shape=None, loss="softmax_cross_entropy", rng=None, lambd=0.0, *,
                 input_dim=None):
        func = "Sequential"
        if loss not in LOSSES:
            raise ValueError(f"{func}: loss must be one of {sorted(LOSSES)}, got {loss!r}.")
        layers = list(layers)
        if not layers or not all(hasattr(l, "forward") and hasattr(l, "build") for l in layers):
            raise ValueError(f"{func}: layers must be a non-empty list of layer objects (dl.Dense, "
                             f"dl.Conv2D, dl.MaxPool2D, dl.Flatten, dl.BatchNorm, dl.Activation, ...), "
                             f"got {layers!r}.")
        self.input_shape = _input_shape(func, input_shape, input_dim)
        self.input_dim = self.input_shape[0] if len(self.input_shape) == 1 else None
        self.batch_axis = 0 if len(self.input_shape) == 3 else 1
        self.output = LOSSES[loss]
        last = layers[-1]
        if getattr(last, "activation", "?") not in (None, "linear", self.output) or \
                not (isinstance(last, Dense) or getattr(last, "supports_logits", False)):
            raise ValueError(f"{func}: with loss={loss!r} the last layer must be "
                             f"dl.Dense(n, activation={self.output!r}) (or activation=None, logits), "
                             f"got {last.describe() if hasattr(last, 'describe') else last!r}.")
        check_rng(func, rng)
        self.layers, self.loss_name, self.rng = layers, loss, rng
        self.lambd = check_positive(func, "lambd", lambd, allow_zero=True)
        self.params, self.bn_state, self.shapes = {}, {}, []
        counts = {}
        shape = self.input_shape
        for layer in layers:
            kind = getattr(layer, "kind", type(layer).__name__)
            counts[kind] = counts.get(kind, 0) + 1
            before = set(self.params)
            p, shape = layer.build(shape, counts[kind], rng)
            shape = tuple(shape) if isinstance(shape, (tuple, list)) else (int(shape),)
            clash = before & set(p)
            if clash:
                raise ValueError(f"{func}: parameter keys {sorted(clash)} of {layer.describe()} are already "
                                 f"used by an earlier layer; give each layer its own object.")
            if hasattr(layer, "states"):
                self.bn_state.update(layer.states())
            self.params.update(p)
            self.shapes.append(shape)
        if len(shape) not in (1, 2):
            raise ValueError(f"{func}: the last layer gives per-example shape {shape}, but the loss needs "
                             f"(n_y,) or per step (n_y, T); end a conv net with dl.Flatten() (or "
                             f"dl.GlobalAveragePooling2D()) and dl.Dense(n_y).")
        self.n_y = shape[0]
        if self.output == "sigmoid" and self.n_y != 1:
            raise ValueError(f"{func}: binary_cross_entropy needs 1 output unit, the last layer has "
                             f"{self.n_y}; use loss='softmax_cross_entropy' for several classes.")
        self.history = None

    # -- model contract -------------------------------------------------------------------
    def _prepare_Y(self, Y, m):
        if Y is None:
            return None
        Y = np.asarray(Y)
        if self.output == "softmax" and Y.ndim in (2, 3) and Y.shape[0] == 1 and self.n_y > 1:
            if Y.size and (Y.min() < 0 or Y.max() >= self.n_y):
                raise ValueError(f"Sequential: labels must lie in 0..{self.n_y - 1} for {self.n_y} classes, "
                                 f"got {Y.min()}..{Y.max()}.")
            Y = one_hot(Y.reshape(1, -1), self.n_y).reshape((self.n_y,) + Y.shape[1:])
        return Y

    def check_inputs(self, X, Y=None, func="Sequential.loss"):
        shape = self.input_shape
        if len(shape) == 1:
            X = check_array(func, "X", X, ndim=2, hint="X must be (n_x, m), one example per column.")
            if X.shape[0] != self.input_dim:
                hint = " - one example per column: did you mean X.T?" if X.shape[1] == self.input_dim else ""
                raise ValueError(f"{func}: X has shape {X.shape} but the model expects input_dim = "
                                 f"{self.input_dim} rows{hint}")
        else:
            X = _check_batch(func, X, shape)
        m = X.shape[self.batch_axis]
        if Y is None:
            return X, None
        want = (self.n_y, m) + tuple(self.shapes[-1][1:])
        Y = check_array(func, "Y", self._prepare_Y(Y, m), ndim=len(want),
                        hint=f"Y must be {batch_shape(self.shapes[-1])} with m = {m}"
                             + ("; reshape labels with Y.reshape(1, -1)." if len(want) == 2 else "."))
        if Y.shape[:2] != want[:2] or any(w is not None and w != y for w, y in zip(want[2:], Y.shape[2:])):
            raise ValueError(f"{func}: Y has shape {Y.shape}, expected {tuple(want)} for X of shape {X.shape}"
                             + (" - did you pass Y.T?" if Y.shape[::-1] == tuple(want) else ""))
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
        shape = A.shape                   # (n_y, m) or per step (n_y, m, T): average over m and T
        A2, Y2 = (A, Y) if A.ndim == 2 else (A.reshape(shape[0], -1), Y.reshape(shape[0], -1))
        if self.output == "sigmoid":
            cost, dA = sigmoid_cross_entropy_with_logits(A2, Y2)
        else:
            cost, dA = softmax_cross_entropy_with_logits(A2, Y2)
        dA = dA.reshape(shape)
        m = X.shape[self.batch_axis]
        weights = [k for l in self.layers for k in getattr(l, "weight_keys", ())]
        if self.lambd:
            cost += self.lambd / (2 * m) * sum(float(np.sum(np.square(params[k]))) for k in weights)
        # backpropagate only as far as the first trainable layer
        first = next((i for i, l in enumerate(self.layers) if getattr(l, "trainable", True)), len(self.layers))
        grads = {}
        for i in range(last, first - 1, -1):
            layer = self.layers[i]
            dA, g = layer.backward(dA, caches[i], params, need_dA=i > first)
            if getattr(layer, "trainable", True):
                grads.update(g)
        if self.lambd:
            for k in weights:
                if k in grads:
                    grads[k] = grads[k] + (self.lambd / m) * params[k]
        return cost, {k: grads[k] for k in params if k in grads}

    def predict(self, X, threshold=0.5):
        """Labels ``(1, m)``, or ``(1, m, T)`` for per-step outputs (argmax class / ``P > threshold``)."""
        P = self.loss(X)
        if P.ndim == 2:
            return probabilities_to_labels(P, threshold)
        if P.shape[0] == 1:
            return (P > threshold).astype(np.int64)
        return np.argmax(P, axis=0)[None]

    def trainable_keys(self):
        """The parameter keys that ``loss`` returns gradients for (frozen layers excluded)."""
        keys = set()
        for layer in self.layers:
            if getattr(layer, "trainable", True):
                keys.update(getattr(layer, "param_keys", ()))
        return [k for k in self.params if k in keys]


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

    def count(self):
        """A ``dl.NetworkCount``: per layer output shape, parameters and multiply-adds per example."""
        counted = NetworkCount(input_shape=self.input_shape)
        shape = self.input_shape
        for layer, out in zip(self.layers, self.shapes):
            keys = list(getattr(layer, "param_keys", None) or
                        [k for k in (getattr(layer, a, None) for a in ("W", "b", "gamma", "beta")) if k])
            n = sum(self.params[k].size for k in keys if k in self.params)
            madds = layer_count(layer, shape)[2] if hasattr(layer, "count") else 0
            frozen = "" if getattr(layer, "trainable", True) else " [frozen]"
            counted.rows.append((layer.describe() + frozen, out, n, madds))
            counted.names.append(keys if len(keys) <= 4 else keys[:2] + [f"... {len(keys)} arrays"])
            counted.total_params += n
            counted.total_multiply_adds += madds
            shape = out
        counted.footer = f"loss: {self.loss_name}" + (f", L2 lambd={self.lambd:g}" if self.lambd else "")
        return counted

    @staticmethod
    def describe_network(layers, input_shape, print_it=True):
        """``summary()`` of a network from its layer list alone, allocating no weights."""
        counted = count_network(layers, input_shape)
        if print_it:
            print(counted.table())
            return None
        return counted

    def summary(self, print_it=True):
        """Table of layers, output shapes (batch layout), parameters and multiply-adds per example
        (printed; returned as text if ``print_it=False``)."""
        text = self.count().table()
        if print_it:
            print(text)
            return None
        return text

    def __repr__(self):
        return f"Sequential([{', '.join(l.describe() for l in self.layers)}], input_shape={self.input_shape})"
